/**
 * The fast implementations against the naive one (tests/image/naive-reference.ts) on random images: exact equality
 * for everything integer (resampling, ops, digests, tile roots); for the float fingerprints, coefficients within
 * 1e-9 relative and identical bits whenever no coefficient is within that distance of the median (a closer tie can
 * be decided either way by rounding: the only tolerated difference).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../core/bytes.ts';
import {
  applyRecipe,
  buildTileTree,
  downscale,
  type ImageOp,
  pdqCoefficients,
  pdqHash,
  pHash,
  phashCoefficients,
  rasterDigestHex,
  referenceRaster,
  resize,
} from '../../core/image/index.ts';
import {
  type Img,
  type NaiveOp,
  naiveApply,
  naivePdq,
  naivePhash,
  naiveRasterDigest,
  naiveReference,
  naiveResize,
  naiveTileRoot,
} from './naive-reference.ts';

const image = (maxW: number, maxH: number, minSide = 1, opaque = false) =>
  fc
    .record({
      width: fc.integer({ min: minSide, max: maxW }),
      height: fc.integer({ min: minSide, max: maxH }),
      seed: fc.integer({ min: 1, max: 2 ** 31 }),
      smooth: fc.boolean(),
    })
    .map(({ width, height, seed, smooth }): Img => {
      let x = seed;
      const rnd = () => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return (x >>> 0) & 255;
      };
      const data = new Uint8Array(width * height * 4);
      const base = [rnd(), rnd(), rnd()];
      for (let p = 0; p < data.length; p += 4) {
        for (let c = 0; c < 3; c++)
          data[p + c] = smooth ? ((base[c] as number) + ((p >> 2) % width) * 3 + (rnd() & 15)) & 255 : rnd();
        data[p + 3] = opaque ? 255 : rnd() < 128 ? 255 : rnd();
      }
      return { width, height, data };
    });

const same = (a: { width: number; height: number; data: Uint8Array }, b: Img) => {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
};

describe('integer code equals the naive implementation exactly', () => {
  it('raster digest', () => {
    fc.assert(
      fc.property(image(40, 40), (img) => {
        expect(rasterDigestHex(img)).toBe(naiveRasterDigest(img));
      }),
    );
  });

  it('resize and downscale, any sizes in either direction', () => {
    fc.assert(
      fc.property(image(48, 48), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), (img, tw, th) => {
        same(resize(img, tw, th), naiveResize(img, tw, th));
        if (tw <= img.width && th <= img.height) same(downscale(img, tw, th), naiveResize(img, tw, th));
      }),
    );
  });

  it('reference raster and tile root', () => {
    const seed = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    fc.assert(
      fc.property(image(200, 150), (img) => {
        const ref = referenceRaster(img);
        same(ref, naiveReference(img));
        expect(bytesToHex(buildTileTree(ref, seed).root)).toBe(naiveTileRoot(ref, seed));
      }),
      { numRuns: 30 },
    );
  });

  it('random valid recipes', () => {
    const opFor = (w: number, h: number, pick: number[]): NaiveOp => {
      const [k = 0, a = 0, b = 0, c = 0, d = 0] = pick;
      const x = a % w;
      const y = b % h;
      switch (k % 5) {
        case 0:
          return { op: 'crop', x, y, w: 1 + (c % (w - x)), h: 1 + (d % (h - y)) };
        case 1:
          return { op: 'orient', rot90: ([0, 90, 180, 270] as const)[a % 4] as 0, flipH: b % 2 === 1 };
        case 2:
          return {
            op: 'adjust',
            brightness: 0.5 + (a % 100) / 80,
            contrast: 0.5 + (b % 100) / 80,
            saturation: (1 + (c % 100)) / 40,
          };
        case 3:
          return { op: 'resize', w: 1 + (a % 60), h: 1 + (b % 60) };
        default:
          return { op: 'redact', x, y, w: 1 + (c % (w - x)), h: 1 + (d % (h - y)) };
      }
    };
    fc.assert(
      fc.property(
        image(40, 40),
        fc.array(fc.array(fc.nat(10_000), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (img, picks) => {
          const ops: NaiveOp[] = [];
          let cur: Img = img;
          for (const pick of picks) {
            const op = opFor(cur.width, cur.height, pick);
            ops.push(op);
            cur = naiveApply(cur, op);
          }
          same(applyRecipe(img, ops as ImageOp[]), cur);
        },
      ),
    );
  });
});

/** Whether the naive coefficients leave every bit decidable despite rounding of size `tol`. */
const decidable = (margin: number, tol: number) => margin > tol;

describe('fingerprints agree with the naive textbook computation', () => {
  it('PDQ: coefficients to 1e-9 relative, identical bits and quality', () => {
    let decided = 0;
    fc.assert(
      fc.property(image(90, 90, 1, false), (img) => {
        const naive = naivePdq(img);
        const fast = pdqCoefficients(img);
        if (naive.coefficients.length === 0) {
          expect(fast.coefficients).toBeNull();
          expect(pdqHash(img)).toEqual({ hash: '0'.repeat(64), quality: 0 });
          return;
        }
        const scale = Math.max(1, ...naive.coefficients.map(Math.abs));
        const tol = 1e-9 * scale;
        for (const [i, c] of naive.coefficients.entries()) {
          expect(Math.abs((fast.coefficients?.[i] as number) - c)).toBeLessThan(tol);
        }
        expect(fast.quality).toBe(naive.quality);
        if (decidable(naive.margin, tol)) {
          expect(pdqHash(img).hash).toBe(naive.hash);
          decided++;
        }
      }),
      { numRuns: 40 },
    );
    // Ties this close are rare in noisy images: the bit comparison must actually have run.
    expect(decided).toBeGreaterThan(20);
  });

  it('pHash: coefficients to 1e-9 relative, identical bits', () => {
    let decided = 0;
    fc.assert(
      fc.property(image(90, 90), (img) => {
        const naive = naivePhash(img);
        const fast = phashCoefficients(img);
        const scale = Math.max(1, ...naive.coefficients.map(Math.abs));
        const tol = 1e-9 * scale;
        for (const [i, c] of naive.coefficients.entries()) expect(Math.abs((fast[i] as number) - c)).toBeLessThan(tol);
        if (decidable(naive.margin, tol)) {
          expect(pHash(img)).toBe(naive.hash);
          decided++;
        }
      }),
      { numRuns: 40 },
    );
    expect(decided).toBeGreaterThan(20);
  });

  it('a PDQ input larger than 128 px (filter windows > 1) still agrees', () => {
    fc.assert(
      fc.property(image(400, 300, 129, true), (img) => {
        const naive = naivePdq(img);
        const scale = Math.max(1, ...naive.coefficients.map(Math.abs));
        expect(decidable(naive.margin, 1e-9 * scale)).toBe(true);
        expect(pdqHash(img)).toEqual({ hash: naive.hash, quality: naive.quality });
      }),
      { numRuns: 5 },
    );
  });
});
