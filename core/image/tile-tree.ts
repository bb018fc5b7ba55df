/**
 * The salted Merkle tree over reference tiles (invariant 2; docs/PROTOCOL.md "Salted leaves"): leaf i =
 * saltedLeafData('tile', salt_i, content_i) with salt_i = deriveSalt(seed, 'tile', i), hashed and combined as
 * RFC 6962. An editor reveals only the tiles a crop needs: their salts, contents and one range proof per maximal run
 * of consecutive indices. The salts keep the unrevealed tiles hidden (a hash of a known tile layout is guessable
 * without them).
 */
import {
  assertBytes,
  assertSafeInteger,
  base64urlToBytes,
  bytesToBase64url,
  bytesToHex,
  hexToBytes,
} from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import {
  deriveSalt,
  HASH_LENGTH,
  leafHash,
  MAX_RANGE_PROOF_HASHES,
  MerkleTree,
  SALT_LENGTH,
  SALT_SEED_LENGTH,
  type Sha256,
  saltedLeafData,
  verifyRange,
} from '../merkle/index.ts';
import { assertRgbaImage, compositeOnWhite, type RgbaImage } from './rgba.ts';
import { parseTileContent, type TileLayout, tileContentUnchecked, tileLayout } from './tiles.ts';

export interface TileTree extends TileLayout {
  readonly root: Uint8Array;
  /** Salts and contents of every tile, by index (kept by the signer to prove tiles later). */
  readonly salts: readonly Uint8Array[];
  readonly contents: readonly Uint8Array[];
  readonly merkle: MerkleTree;
}

/** @param sha256 optional one-shot SHA-256 for the tree's leaves and nodes (core/merkle Sha256; e.g. node:crypto). */
export function buildTileTree(ref: RgbaImage, seed: Uint8Array, sha256?: Sha256): TileTree {
  assertRgbaImage(ref, 'reference');
  assertBytes(seed, 'seed', SALT_SEED_LENGTH);
  const layout = tileLayout(ref.width, ref.height);
  const opaque = compositeOnWhite(ref);
  const salts: Uint8Array[] = [];
  const contents: Uint8Array[] = [];
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < layout.count; i++) {
    const salt = deriveSalt(seed, 'tile', i);
    const content = tileContentUnchecked(opaque, layout, i);
    salts.push(salt);
    contents.push(content);
    leaves.push(saltedLeafData('tile', salt, content));
  }
  const merkle = MerkleTree.fromLeafData(leaves, sha256);
  return { ...layout, root: merkle.root(), salts, contents, merkle };
}

export interface RevealedTile {
  readonly index: number;
  readonly salt: Uint8Array;
  readonly content: Uint8Array;
}

/** A range proof for leaves [start, end). */
export interface TileRun {
  readonly start: number;
  readonly end: number;
  readonly proof: readonly Uint8Array[];
}

export interface RevealedTiles {
  readonly tiles: readonly RevealedTile[];
  readonly runs: readonly TileRun[];
}

/** Maximal runs of consecutive values of strictly ascending indices, as half-open [start, end). */
export function runsOf(indices: readonly number[]): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (const i of indices) {
    const last = runs[runs.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else runs.push({ start: i, end: i + 1 });
  }
  return runs;
}

/** Reveals the given tiles (any order, duplicates ignored; the result is in ascending order). */
export function proveTiles(tree: TileTree, indices: readonly number[]): RevealedTiles {
  if (!Array.isArray(indices) || indices.length === 0) {
    throw new ProvenantError('input.invalid', 'indices must be a non-empty array');
  }
  for (const i of indices) assertSafeInteger(i, 'tile index', 0, tree.count - 1);
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const tiles = sorted.map((index) => ({
    index,
    salt: tree.salts[index] as Uint8Array,
    content: tree.contents[index] as Uint8Array,
  }));
  const runs = runsOf(sorted).map(({ start, end }) => ({ start, end, proof: tree.merkle.rangeProof(start, end) }));
  return { tiles, runs };
}

function malformed(message: string): ProvenantError {
  return new ProvenantError('proof.malformed', message);
}

/**
 * True iff every revealed tile is the committed tile at its index under `root` for a reference of layout.width ×
 * layout.height. Throws proof.malformed when the revelation is not well-formed (indices not strictly ascending or
 * out of range, a salt of the wrong size, content that is not that tile's header and size, runs that are not the
 * maximal runs of the indices, proofs of the wrong length); a well-formed revelation that does not match is false.
 */
export function verifyTiles(
  root: Uint8Array,
  layout: { readonly width: number; readonly height: number },
  revealed: RevealedTiles,
): boolean {
  assertBytes(root, 'root', HASH_LENGTH);
  const l = tileLayout(layout.width, layout.height);
  if (typeof revealed !== 'object' || revealed === null) throw malformed('revealed tiles must be an object');
  const { tiles, runs } = revealed;
  if (!Array.isArray(tiles) || tiles.length === 0 || tiles.length > l.count) {
    throw malformed(`expected 1 to ${l.count} tiles`);
  }
  const hashes: Uint8Array[] = [];
  const indices: number[] = [];
  for (const [k, t] of tiles.entries()) {
    if (typeof t !== 'object' || t === null) throw malformed(`tiles[${k}] must be an object`);
    const { index, salt, content } = t;
    if (!Number.isSafeInteger(index) || index < 0 || index >= l.count) throw malformed(`tiles[${k}].index is invalid`);
    if (k > 0 && index <= (indices[k - 1] as number)) throw malformed('tile indices must be strictly ascending');
    if (!(salt instanceof Uint8Array) || salt.length !== SALT_LENGTH) throw malformed(`tiles[${k}].salt is invalid`);
    parseTileContent(l, index, content);
    indices.push(index);
    hashes.push(leafHash(saltedLeafData('tile', salt, content)));
  }
  const expectedRuns = runsOf(indices);
  if (!Array.isArray(runs) || runs.length !== expectedRuns.length) {
    throw malformed('runs must be the maximal runs of consecutive tile indices');
  }
  let ok = true;
  let offset = 0;
  for (const [k, run] of runs.entries()) {
    const want = expectedRuns[k] as { start: number; end: number };
    if (typeof run !== 'object' || run === null || run.start !== want.start || run.end !== want.end) {
      throw malformed('runs must be the maximal runs of consecutive tile indices');
    }
    const n = want.end - want.start;
    // Every run is checked (no early exit), so a malformed later proof is still reported as malformed.
    if (!verifyRange(root, l.count, want.start, hashes.slice(offset, offset + n), run.proof as Uint8Array[])) {
      ok = false;
    }
    offset += n;
  }
  return ok;
}

/** JSON form, as carried in a derivative claim's `revealedTiles`. */
export interface RevealedTilesJson {
  indices: number[];
  tiles: { salt: string; content: string }[];
  proof: { runs: { start: number; end: number; hashes: string[] }[] };
}

export function revealedTilesToJson(revealed: RevealedTiles): RevealedTilesJson {
  return {
    indices: revealed.tiles.map((t) => t.index),
    tiles: revealed.tiles.map((t) => ({ salt: bytesToHex(t.salt), content: bytesToBase64url(t.content) })),
    proof: {
      runs: revealed.runs.map((r) => ({ start: r.start, end: r.end, hashes: r.proof.map((h) => bytesToHex(h)) })),
    },
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exactKeys(v: unknown, keys: readonly string[], name: string): Record<string, unknown> {
  if (!isPlainObject(v)) throw malformed(`${name} must be an object`);
  const got = Object.keys(v).sort();
  if (got.length !== keys.length || got.some((k, i) => k !== [...keys].sort()[i])) {
    throw malformed(`${name} must have exactly the members ${keys.join(', ')}`);
  }
  return v;
}

function jsonIndex(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw malformed(`${name} must be an integer ≥ 0`);
  return v;
}

/**
 * Parses the JSON form (structure only: lower-case hex salts and hashes, unpadded base64url contents, integer
 * indices). verifyTiles does the rest. Throws proof.malformed or encoding.invalid.
 */
export function revealedTilesFromJson(json: unknown): RevealedTiles {
  const top = exactKeys(json, ['indices', 'tiles', 'proof'], 'revealedTiles');
  const { indices, tiles, proof } = top;
  if (!Array.isArray(indices) || !Array.isArray(tiles) || indices.length !== tiles.length) {
    throw malformed('indices and tiles must be arrays of the same length');
  }
  const out: RevealedTile[] = tiles.map((t, k) => {
    const o = exactKeys(t, ['salt', 'content'], `tiles[${k}]`);
    if (typeof o.salt !== 'string' || typeof o.content !== 'string') throw malformed(`tiles[${k}] must hold strings`);
    return {
      index: jsonIndex(indices[k], `indices[${k}]`),
      salt: hexToBytes(o.salt, SALT_LENGTH),
      content: base64urlToBytes(o.content),
    };
  });
  const p = exactKeys(proof, ['runs'], 'proof');
  if (!Array.isArray(p.runs)) throw malformed('proof.runs must be an array');
  const runs: TileRun[] = p.runs.map((r, k) => {
    const o = exactKeys(r, ['start', 'end', 'hashes'], `proof.runs[${k}]`);
    if (!Array.isArray(o.hashes) || o.hashes.length > MAX_RANGE_PROOF_HASHES) {
      throw malformed(`proof.runs[${k}].hashes must be an array of at most ${MAX_RANGE_PROOF_HASHES} hashes`);
    }
    return {
      start: jsonIndex(o.start, `proof.runs[${k}].start`),
      end: jsonIndex(o.end, `proof.runs[${k}].end`),
      proof: o.hashes.map((h) => {
        if (typeof h !== 'string') throw malformed(`proof.runs[${k}].hashes must hold hex strings`);
        return hexToBytes(h, HASH_LENGTH);
      }),
    };
  });
  return { tiles: out, runs };
}
