/**
 * RFC 6962 / RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right).
 * The SHA-256 function is injectable so the server can pass node:crypto; core defaults to @noble/hashes.
 */
import { assertBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { sha256 } from '../hash.ts';

/**
 * A one-shot SHA-256. Contract: returns a fresh 32-byte array, and neither keeps nor returns a view of its input
 * (the tree code passes reused scratch buffers).
 */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/** Writes SHA-256(data) into out[offset, offset + 32): lets tree builders skip one allocation per hash. */
export type Sha256Into = (data: Uint8Array, out: Uint8Array, offset: number) => void;

export const HASH_LENGTH = 32;
export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;

export const defaultSha256: Sha256 = sha256;

/** Where a Sha256 made by sha256FromLatin1Digest keeps its allocation-free variant. */
const INTO = Symbol('provenant.merkle.sha256Into');
type WithInto = Sha256 & { [INTO]?: Sha256Into };

/** The 32 bytes from a hasher; a wrong-sized output would silently corrupt every tree built with it. */
export function checkedDigest(digest: Uint8Array): Uint8Array {
  if (!(digest instanceof Uint8Array) || digest.length !== HASH_LENGTH) {
    throw new ProvenantError('input.invalid', 'the injected SHA-256 must return 32 bytes');
  }
  return digest;
}

/**
 * Adapts a SHA-256 that returns its digest as a latin1 string (one char per byte) into a Sha256. On Node pass
 * `(d) => crypto.hash('sha256', d, 'binary')` ('binary' is Node's name for latin1): a string result avoids the
 * Buffer that a 'buffer' result allocates per call, which dominates the cost of hashing 65-byte nodes (about 3×
 * faster on the project machine; see bench/merkle.bench.ts).
 */
export function sha256FromLatin1Digest(digestLatin1: (data: Uint8Array) => string): Sha256 {
  const into: Sha256Into = (data, out, offset) => {
    const s = digestLatin1(data);
    if (typeof s !== 'string' || s.length !== HASH_LENGTH) {
      throw new ProvenantError('input.invalid', 'the latin1 SHA-256 must return 32 characters');
    }
    for (let i = 0; i < HASH_LENGTH; i++) out[offset + i] = s.charCodeAt(i);
  };
  const h: WithInto = (data) => {
    const out = new Uint8Array(HASH_LENGTH);
    into(data, out, 0);
    return out;
  };
  h[INTO] = into;
  return h;
}

/** The allocation-free form of `h`: its own when it has one, else copy its result. */
export function sha256IntoOf(h: Sha256): Sha256Into {
  return (h as WithInto)[INTO] ?? ((data, out, offset) => out.set(checkedDigest(h(data)), offset));
}

/** Node input 0x01 ‖ left ‖ right, reused for every node: no per-node allocation on our side. */
const nodeScratch = new Uint8Array(1 + 2 * HASH_LENGTH);
nodeScratch[0] = NODE_PREFIX;

/** Leaf input 0x00 ‖ data for data up to LEAF_SCRATCH_MAX bytes; larger leaves get their own buffer. */
const LEAF_SCRATCH_MAX = 64 * 1024;
let leafScratch = new Uint8Array(1024);
/** A view of the first n bytes of leafScratch, kept while leaves keep the same length (the common case). */
let leafInput = leafScratch.subarray(0, 0);

/** 0x00 ‖ data, in a scratch buffer that the next call overwrites. */
export function leafInputOf(data: Uint8Array): Uint8Array {
  const n = data.length + 1;
  if (n > LEAF_SCRATCH_MAX) {
    const input = new Uint8Array(n);
    input.set(data, 1);
    return input;
  }
  if (n > leafScratch.length) leafScratch = new Uint8Array(Math.min(LEAF_SCRATCH_MAX, 2 * n));
  if (leafInput.length !== n || leafInput.buffer !== leafScratch.buffer) leafInput = leafScratch.subarray(0, n);
  leafInput[0] = LEAF_PREFIX;
  leafInput.set(data, 1);
  return leafInput;
}

/** 0x01 ‖ left ‖ right, in a scratch buffer that the next call overwrites. */
export function nodeInputOf(left: Uint8Array, right: Uint8Array): Uint8Array {
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_LENGTH);
  return nodeScratch;
}

/** 0x01 ‖ the two adjacent hashes at `offset` of a flat array of hashes, in the same scratch buffer. */
export function nodeInputAt(hashes: Uint8Array, offset: number): Uint8Array {
  for (let k = 0; k < 2 * HASH_LENGTH; k++) nodeScratch[1 + k] = hashes[offset + k] as number;
  return nodeScratch;
}

/** Node hash without argument checks: left and right are 32-byte arrays. */
export function nodeHashUnchecked(left: Uint8Array, right: Uint8Array, h: Sha256): Uint8Array {
  return h(nodeInputOf(left, right));
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array, h: Sha256 = defaultSha256): Uint8Array {
  assertBytes(data, 'leaf data');
  return checkedDigest(h(leafInputOf(data)));
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array, h: Sha256 = defaultSha256): Uint8Array {
  assertBytes(left, 'left hash', HASH_LENGTH);
  assertBytes(right, 'right hash', HASH_LENGTH);
  return checkedDigest(nodeHashUnchecked(left, right, h));
}

/** MTH({}) = SHA-256 of the empty string (RFC 6962 §2.1). */
export function emptyRoot(h: Sha256 = defaultSha256): Uint8Array {
  return checkedDigest(h(new Uint8Array(0)));
}
