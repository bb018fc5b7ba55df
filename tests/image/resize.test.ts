/** Properties of the exact resamplers and of fitLongEdge (the vectors pin exact outputs). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import { downscale, fitLongEdge, referenceRaster, referenceSize, resize } from '../../core/image/index.ts';
import { areaWeights, bilinearWeights } from '../../core/image/weights.ts';
import { texture } from './synthetic.ts';

const dims = fc.integer({ min: 1, max: 60 });
const pixel = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));

describe('resampling', () => {
  it('a constant image stays exactly constant at any size, in either direction', () => {
    fc.assert(
      fc.property(dims, dims, dims, dims, pixel, (w, h, tw, th, px) => {
        const data = new Uint8Array(w * h * 4);
        for (let p = 0; p < data.length; p += 4) data.set(px, p);
        const out = resize({ width: w, height: h, data }, tw, th);
        for (let p = 0; p < out.data.length; p += 4) expect([...out.data.subarray(p, p + 4)]).toEqual(px);
      }),
    );
  });

  it('the same size is the identity; the output stays within the input range', () => {
    fc.assert(
      fc.property(dims, dims, fc.nat(1000), dims, dims, (w, h, seed, tw, th) => {
        const img = texture(w, h, seed + 1);
        expect(resize(img, w, h).data).toEqual(img.data);
        const out = resize(img, tw, th).data;
        let lo = 255;
        let hi = 0;
        for (let p = 0; p < img.data.length; p += 4) {
          lo = Math.min(lo, img.data[p] as number);
          hi = Math.max(hi, img.data[p] as number);
        }
        for (let p = 0; p < out.length; p += 4) {
          expect(out[p]).toBeGreaterThanOrEqual(lo);
          expect(out[p]).toBeLessThanOrEqual(hi);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('integer weights: every output sums to the divisor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (s, t) => {
        for (const w of [areaWeights(s, t), ...(t > s ? [bilinearWeights(s, t)] : [])]) {
          for (let i = 0; i < t; i++) {
            let sum = 0;
            for (let k = w.start[i] as number; k < (w.start[i + 1] as number); k++) {
              expect(Number.isInteger(w.weight[k])).toBe(true);
              expect(w.index[k]).toBeGreaterThanOrEqual(0);
              expect(w.index[k]).toBeLessThan(s);
              sum += w.weight[k] as number;
            }
            expect(sum).toBe(w.divisor);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('downscaling by an integer factor is the plain block mean (halves up)', () => {
    const data = Uint8Array.from([10, 0, 0, 255, 11, 0, 0, 255, 20, 0, 0, 255, 21, 0, 0, 255]);
    expect([...downscale({ width: 2, height: 2, data }, 1, 1).data]).toEqual([16, 0, 0, 255]); // 62 / 4 = 15.5 → 16
  });

  it('downscale refuses to enlarge; resize enlarges', () => {
    const img = texture(10, 10, 1);
    let err: unknown;
    try {
      downscale(img, 11, 10);
    } catch (e) {
      err = e;
    }
    expect(isProvenantError(err, 'input.invalid')).toBe(true);
    expect(resize(img, 11, 30).data).toHaveLength(11 * 30 * 4);
  });
});

describe('fitLongEdge and the reference raster', () => {
  it('keeps the long edge within the limit and the aspect within half a pixel', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16000 }),
        fc.integer({ min: 1, max: 16000 }),
        fc.integer({ min: 1, max: 4096 }),
        (w, h, m) => {
          const r = fitLongEdge(w, h, m);
          if (w <= m && h <= m) {
            expect(r).toEqual({ width: w, height: h });
            return;
          }
          expect(Math.max(r.width, r.height)).toBe(m);
          if (w >= h) expect(Math.abs(r.height - Math.max(1, (h * m) / w))).toBeLessThanOrEqual(0.5);
          else expect(Math.abs(r.width - Math.max(1, (w * m) / h))).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it('the reference raster is the composited image fitted to 1024', () => {
    expect(referenceSize(4000, 3000)).toEqual({ width: 1024, height: 768 });
    const small = texture(50, 40, 2);
    const ref = referenceRaster(small);
    expect(ref.data).toEqual(small.data);
    expect(ref.data).not.toBe(small.data);
    const translucent = { width: 2, height: 1, data: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 255) };
    expect([...referenceRaster(translucent).data]).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
  });
});
