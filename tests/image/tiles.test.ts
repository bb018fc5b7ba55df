/** Tile layout, the salted tile tree, selective reveal, verification and its malformed inputs. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import {
  assembleTiles,
  buildTileTree,
  parseTileContent,
  proveTiles,
  type RevealedTiles,
  referenceRaster,
  revealedTilesFromJson,
  revealedTilesToJson,
  TILE_SIZE,
  tileContent,
  tileLayout,
  tileRect,
  tilesCoveringRect,
  verifyTiles,
} from '../../core/image/index.ts';
import { REFERENCE_MAX_EDGE } from '../../core/image/reference.ts';
import { TILE_SIZE as MANIFEST_TILE_SIZE, MAX_REFERENCE_EDGE } from '../../core/manifest/capture-photo.ts';
import { MAX_REVEALED_TILES, RevealedTilesSchema } from '../../core/manifest/derivative.ts';
import { scene } from './synthetic.ts';

const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const ref = referenceRaster(scene(1100, 700, 3)); // 1024 × 652: 16 × 11 tiles, a short last row
const tree = buildTileTree(ref, seed);

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isProvenantError(e) ? e.code : 'not a ProvenantError';
  }
  return 'no error';
}

describe('layout', () => {
  it('agrees with the manifest schema constants', () => {
    expect(TILE_SIZE).toBe(MANIFEST_TILE_SIZE);
    expect(REFERENCE_MAX_EDGE).toBe(MAX_REFERENCE_EDGE);
    expect((REFERENCE_MAX_EDGE / TILE_SIZE) ** 2).toBe(MAX_REVEALED_TILES);
  });

  it('cuts 64-px tiles row-major with smaller edge tiles', () => {
    expect([tree.width, tree.height, tree.cols, tree.rows, tree.count]).toEqual([1024, 652, 16, 11, 176]);
    expect(tileRect(tree, 0)).toEqual({ col: 0, row: 0, x: 0, y: 0, w: 64, h: 64 });
    expect(tileRect(tree, 175)).toEqual({ col: 15, row: 10, x: 960, y: 640, w: 64, h: 12 });
    const odd = tileLayout(65, 1);
    expect(tileRect(odd, 1)).toEqual({ col: 1, row: 0, x: 64, y: 0, w: 1, h: 1 });
    const c = tileContent(ref, 175);
    expect(c.length).toBe(8 + 64 * 12 * 3);
    expect([...c.subarray(0, 8)]).toEqual([0, 15, 0, 10, 0, 64, 0, 12]);
    expect(c).toEqual(tree.contents[175]);
  });

  it('tilesCoveringRect: exactly the tiles that intersect the rectangle', () => {
    fc.assert(
      fc.property(fc.nat(1023), fc.nat(651), fc.nat(1023), fc.nat(651), (a, b, c, d) => {
        const x = Math.min(a, c);
        const y = Math.min(b, d);
        const rect = { x, y, w: Math.max(a, c) - x + 1, h: Math.max(b, d) - y + 1 };
        const got = tilesCoveringRect(1024, 652, rect);
        const want = [];
        for (let i = 0; i < tree.count; i++) {
          const t = tileRect(tree, i);
          if (t.x < rect.x + rect.w && rect.x < t.x + t.w && t.y < rect.y + rect.h && rect.y < t.y + t.h) want.push(i);
        }
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('reveal and verify', () => {
  it('any subset of tiles verifies against the root, and reassembles into the reference', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(tree.count - 1), { minLength: 1, maxLength: 40 }), (indices) => {
        const revealed = proveTiles(tree, indices);
        expect(revealed.tiles.map((t) => t.index)).toEqual([...indices].sort((a, b) => a - b));
        expect(verifyTiles(tree.root, ref, revealed)).toBe(true);
        const parsed = revealedTilesFromJson(JSON.parse(JSON.stringify(revealedTilesToJson(revealed))));
        expect(verifyTiles(tree.root, ref, parsed)).toBe(true);
        const assembled = assembleTiles(tileLayout(ref.width, ref.height), revealed.tiles);
        for (const index of indices) {
          const { x, y, w, h } = tileRect(tree, index);
          for (let yy = y; yy < y + h; yy += 7) {
            for (let xx = x; xx < x + w; xx += 5) {
              const p = (yy * ref.width + xx) * 4;
              expect([...assembled.data.subarray(p, p + 4)]).toEqual([...ref.data.subarray(p, p + 4)]);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('unrevealed pixels are transparent in the assembled raster', () => {
    const assembled = assembleTiles(tileLayout(ref.width, ref.height), proveTiles(tree, [0]).tiles);
    const p = (100 * ref.width + 100) * 4;
    expect([...assembled.data.subarray(p, p + 4)]).toEqual([0, 0, 0, 0]);
  });

  it('a whole crop row reveals one run per tile row', () => {
    const indices = tilesCoveringRect(1024, 652, { x: 100, y: 100, w: 300, h: 200 });
    const revealed = proveTiles(tree, indices);
    expect(revealed.runs.map((r) => [r.start, r.end])).toEqual([
      [17, 23],
      [33, 39],
      [49, 55],
      [65, 71],
    ]);
  });

  it('the JSON form passes the derivative claim schema', () => {
    const json = revealedTilesToJson(proveTiles(tree, tilesCoveringRect(1024, 652, { x: 0, y: 600, w: 1024, h: 52 })));
    expect(RevealedTilesSchema.safeParse(json).success).toBe(true);
    const all = revealedTilesToJson(proveTiles(tree, [...Array(tree.count).keys()]));
    expect(RevealedTilesSchema.safeParse(all).success).toBe(true);
  });

  it('an injected SHA-256 (node:crypto) builds the same tree', () => {
    const nodeSha = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
    expect(buildTileTree(ref, seed, nodeSha).root).toEqual(tree.root);
  });

  it('a different seed gives a different root and salts', () => {
    const other = buildTileTree(ref, new Uint8Array(32));
    expect(other.root).not.toEqual(tree.root);
    expect(other.contents).toEqual(tree.contents);
  });

  it('tampering makes verification false', () => {
    const good = proveTiles(tree, [5, 6, 7, 40]);
    const variants: [string, RevealedTiles][] = [];
    const pixelFlip = good.tiles.map((t, i) => {
      if (i !== 1) return t;
      const content = t.content.slice();
      content[100] = (content[100] as number) ^ 1;
      return { ...t, content };
    });
    variants.push(['a pixel byte', { ...good, tiles: pixelFlip }]);
    const saltFlip = good.tiles.map((t, i) =>
      i === 3 ? { ...t, salt: t.salt.map((b, k) => (k === 0 ? b ^ 1 : b)) } : t,
    );
    variants.push(['a salt', { ...good, tiles: saltFlip }]);
    const proofFlip = good.runs.map((r, i) =>
      i === 0 ? { ...r, proof: r.proof.map((h, k) => (k === 0 ? h.map((b, j) => (j === 0 ? b ^ 1 : b)) : h)) } : r,
    );
    variants.push(['a proof hash', { ...good, runs: proofFlip }]);
    // Tile 7's genuine content offered as tile 6: its header names tile 7, so it is malformed, not merely false.
    const swapped = good.tiles.map((t, i) => (i === 1 ? { ...good.tiles[2]!, index: 6 } : t));
    for (const [what, r] of variants) expect({ what, ok: verifyTiles(tree.root, ref, r) }).toEqual({ what, ok: false });
    expect(errorCode(() => verifyTiles(tree.root, ref, { ...good, tiles: swapped }))).toBe('proof.malformed');
    const otherRoot = tree.root.slice();
    otherRoot[31] = (otherRoot[31] as number) ^ 1;
    expect(verifyTiles(otherRoot, ref, good)).toBe(false);
  });

  it('malformed revelations throw proof.malformed (or a hex/base64url encoding error)', () => {
    const good = proveTiles(tree, [5, 6, 40]);
    const cases: [string, unknown][] = [
      ['no tiles', { tiles: [], runs: [] }],
      ['descending', { ...good, tiles: [good.tiles[1], good.tiles[0], good.tiles[2]] }],
      ['duplicate', { ...good, tiles: [good.tiles[0], good.tiles[0], good.tiles[2]] }],
      ['index out of range', { ...good, tiles: [...good.tiles.slice(0, 2), { ...good.tiles[2]!, index: 176 }] }],
      ['short salt', { ...good, tiles: [{ ...good.tiles[0]!, salt: new Uint8Array(31) }, ...good.tiles.slice(1)] }],
      [
        'truncated content',
        {
          ...good,
          tiles: [{ ...good.tiles[0]!, content: good.tiles[0]!.content.subarray(0, 100) }, ...good.tiles.slice(1)],
        },
      ],
      ['runs merged', { ...good, runs: [{ start: 5, end: 41, proof: [] }] }],
      ['run missing', { ...good, runs: good.runs.slice(0, 1) }],
      ['proof too short', { ...good, runs: [{ ...good.runs[0]!, proof: good.runs[0]!.proof.slice(1) }, good.runs[1]] }],
    ];
    for (const [what, r] of cases) {
      expect({ what, code: errorCode(() => verifyTiles(tree.root, ref, r as RevealedTiles)) }).toEqual({
        what,
        code: 'proof.malformed',
      });
    }
    const json = revealedTilesToJson(good);
    const jsonCases: [string, unknown, string][] = [
      ['extra member', { ...json, extra: 1 }, 'proof.malformed'],
      ['length mismatch', { ...json, indices: [5, 6] }, 'proof.malformed'],
      [
        'upper-case salt',
        { ...json, tiles: [{ ...json.tiles[0]!, salt: json.tiles[0]!.salt.toUpperCase() }, ...json.tiles.slice(1)] },
        'encoding.invalid',
      ],
      [
        'padded content',
        { ...json, tiles: [{ ...json.tiles[0]!, content: `${json.tiles[0]!.content}=` }, ...json.tiles.slice(1)] },
        'encoding.invalid',
      ],
      [
        'negative start',
        { ...json, proof: { runs: [{ ...json.proof.runs[0]!, start: -1 }, json.proof.runs[1]] } },
        'proof.malformed',
      ],
      ['string index', { ...json, indices: ['5', 6, 40] }, 'proof.malformed'],
    ];
    for (const [what, j, code] of jsonCases) {
      expect({ what, code: errorCode(() => revealedTilesFromJson(j)) }).toEqual({ what, code });
    }
  });

  it('parseTileContent checks the header against the index', () => {
    const layout = tileLayout(ref.width, ref.height);
    expect(parseTileContent(layout, 175, tree.contents[175] as Uint8Array).h).toBe(12);
    expect(errorCode(() => parseTileContent(layout, 174, tree.contents[175] as Uint8Array))).toBe('proof.malformed');
  });

  it('refuses a reference larger than 1024 or a bad seed', () => {
    expect(errorCode(() => buildTileTree({ width: 1025, height: 1, data: new Uint8Array(1025 * 4) }, seed))).toBe(
      'input.invalid',
    );
    expect(errorCode(() => buildTileTree(ref, new Uint8Array(16)))).toBe('input.invalid');
    expect(errorCode(() => proveTiles(tree, []))).toBe('input.invalid');
    expect(errorCode(() => proveTiles(tree, [176]))).toBe('input.invalid');
  });
});
