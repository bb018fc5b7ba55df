/** RgbaImage boundary checks, compositing, luma helpers and the raster digest's properties. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/hash.ts';
import {
  assertRgbaImage,
  blankRgba,
  compositeOnWhite,
  isOpaque,
  luma8,
  lumaF64,
  rasterDigest,
  rasterDigestHex,
  rgbaFromImageData,
} from '../../core/image/index.ts';
import { makeImage, texture } from './synthetic.ts';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isProvenantError(e) ? e.code : 'not a ProvenantError';
  }
  return 'no error';
};

describe('assertRgbaImage', () => {
  it('accepts exact RGBA buffers and refuses everything else', () => {
    expect(code(() => assertRgbaImage({ width: 2, height: 3, data: new Uint8Array(24) }))).toBe('no error');
    expect(code(() => assertRgbaImage(null))).toBe('input.invalid');
    expect(code(() => assertRgbaImage({ width: 2, height: 3, data: new Uint8Array(23) }))).toBe('input.invalid');
    expect(code(() => assertRgbaImage({ width: 2, height: 3, data: new Uint8ClampedArray(24) }))).toBe('input.invalid');
    expect(code(() => assertRgbaImage({ width: 2, height: 3, data: [0, 0, 0] }))).toBe('input.invalid');
    expect(code(() => assertRgbaImage({ width: '2', height: 3, data: new Uint8Array(24) }))).toBe('input.invalid');
    expect(code(() => assertRgbaImage({ width: Number.NaN, height: 3, data: new Uint8Array(0) }))).toBe(
      'input.invalid',
    );
    expect(code(() => assertRgbaImage({ width: 2 ** 15, height: 1, data: new Uint8Array(2 ** 17) }))).toBe('no error');
    expect(code(() => assertRgbaImage({ width: 2 ** 15 + 1, height: 1, data: new Uint8Array(0) }))).toBe(
      'input.tooLarge',
    );
    expect(code(() => assertRgbaImage({ width: 2 ** 15, height: 2 ** 13 + 1, data: new Uint8Array(0) }))).toBe(
      'input.tooLarge',
    );
  });

  it('blankRgba and rgbaFromImageData', () => {
    const b = blankRgba(3, 2);
    expect(b.data).toEqual(new Uint8Array(24));
    expect(code(() => blankRgba(0, 2))).toBe('input.invalid');
    const clamped = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]);
    const wrapped = rgbaFromImageData({ width: 2, height: 1, data: clamped });
    expect(wrapped.data).toBeInstanceOf(Uint8Array);
    clamped[0] = 9;
    expect(wrapped.data[0]).toBe(9); // a view, not a copy
    expect(code(() => rgbaFromImageData({ width: 3, height: 1, data: clamped }))).toBe('input.invalid');
  });
});

describe('compositing on white', () => {
  it('is the identity (same object) for opaque images', () => {
    const img = texture(20, 10, 1);
    expect(isOpaque(img)).toBe(true);
    expect(compositeOnWhite(img)).toBe(img);
  });

  it('follows ⌊(c·a + 255·(255 − a) + 127) / 255⌋ for every colour and alpha', () => {
    const data = new Uint8Array(256 * 256 * 4);
    for (let c = 0; c < 256; c++) {
      for (let a = 0; a < 256; a++) data.set([c, 255 - c, c, a], (c * 256 + a) * 4);
    }
    const out = compositeOnWhite({ width: 256, height: 256, data }).data;
    for (let c = 0; c < 256; c++) {
      for (let a = 0; a < 256; a++) {
        const p = (c * 256 + a) * 4;
        const expected = Math.round((c * a) / 255 + (255 - a));
        expect(out[p]).toBe(expected);
        expect(out[p + 3]).toBe(255);
      }
    }
    // Fully transparent is white whatever the colour; fully opaque keeps the colour.
    expect([...out.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...out.subarray(255 * 4, 255 * 4 + 4)]).toEqual([0, 255, 0, 255]);
  });
});

describe('luma', () => {
  it('BT.601 weights; 8-bit luma rounds the float luma', () => {
    const img = makeImage(3, 1, (x) => [x === 0 ? 255 : 0, x === 1 ? 255 : 0, x === 2 ? 255 : 0, 255]);
    expect([...lumaF64(img)].map((v) => Number(v.toFixed(6)))).toEqual([76.245, 149.685, 29.07]);
    expect([...luma8(img)]).toEqual([76, 150, 29]);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (px) => {
        const p = { width: 1, height: 1, data: Uint8Array.of(px[0] as number, px[1] as number, px[2] as number, 255) };
        expect(Math.abs((luma8(p)[0] as number) - (lumaF64(p)[0] as number))).toBeLessThanOrEqual(0.5 + 1e-3);
      }),
    );
  });
});

describe('raster digest', () => {
  const img = texture(33, 17, 3);

  it('is the tagged hash of the dimensions, 3 and the RGB bytes (cross-checked with node:crypto)', () => {
    const rgb: number[] = [];
    for (let p = 0; p < img.data.length; p += 4)
      rgb.push(img.data[p] as number, img.data[p + 1] as number, img.data[p + 2] as number);
    const tag = Buffer.from('provenant/v1/raster');
    const expected = createHash('sha256')
      .update(
        Buffer.concat([Buffer.from([tag.length]), tag, Buffer.from([0, 0, 0, 33, 0, 0, 0, 17, 3]), Buffer.from(rgb)]),
      )
      .digest('hex');
    expect(rasterDigestHex(img)).toBe(expected);
    expect(rasterDigest(img)).toHaveLength(32);
    expect(rasterDigestHex(img)).not.toBe(sha256Hex(img.data));
  });

  it('binds the dimensions: the same bytes read as another shape differ', () => {
    const data = new Uint8Array(12 * 4).fill(7);
    const a = rasterDigestHex({ width: 3, height: 4, data });
    const b = rasterDigestHex({ width: 4, height: 3, data });
    const c = rasterDigestHex({ width: 12, height: 1, data });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('changes with any one RGB byte; a colour hidden under alpha 0 does not count', () => {
    fc.assert(
      fc.property(fc.nat(33 * 17 - 1), fc.integer({ min: 0, max: 2 }), (pixel, channel) => {
        const data = img.data.slice();
        const at = pixel * 4 + channel;
        data[at] = (data[at] as number) ^ 1;
        expect(rasterDigestHex({ ...img, data })).not.toBe(rasterDigestHex(img));
      }),
      { numRuns: 50 },
    );
    // A hidden colour under alpha 0 does not change what is shown, so not the digest.
    const a = img.data.slice();
    const b = img.data.slice();
    a.set([1, 2, 3, 0], 0);
    b.set([200, 100, 0, 0], 0);
    expect(rasterDigestHex({ ...img, data: a })).toBe(rasterDigestHex({ ...img, data: b }));
  });

  it('an injected hasher (node:crypto) and an unaligned buffer give the same digest', () => {
    const big = texture(301, 7, 4);
    const nodeHasher = () => {
      const h = createHash('sha256');
      return { update: (d: Uint8Array) => h.update(d), digest: () => new Uint8Array(h.digest()) };
    };
    expect(rasterDigestHex(big, nodeHasher)).toBe(rasterDigestHex(big));
    const shifted = new Uint8Array(big.data.length + 1).subarray(1);
    shifted.set(big.data);
    expect(rasterDigestHex({ ...big, data: shifted })).toBe(rasterDigestHex(big));
    const translucent = { ...big, data: big.data.map((v, i) => (i % 4 === 3 ? (i * 37) & 255 : v)) };
    const shiftedT = new Uint8Array(translucent.data.length + 3).subarray(3);
    shiftedT.set(translucent.data);
    expect(rasterDigestHex({ ...big, data: shiftedT })).toBe(rasterDigestHex(translucent));
    let err: unknown;
    try {
      rasterDigest(big, () => ({ update: () => undefined, digest: () => new Uint8Array(31) }));
    } catch (e) {
      err = e;
    }
    expect(isProvenantError(err, 'input.invalid')).toBe(true);
  });

  it('streams large images in chunks with the same result as one buffer', () => {
    const big = texture(300, 250, 9); // 75,000 pixels: more than one 65,536-pixel chunk
    const rgb = new Uint8Array(300 * 250 * 3);
    for (let i = 0; i < 300 * 250; i++) rgb.set(big.data.subarray(i * 4, i * 4 + 3), i * 3);
    const tag = Buffer.from('provenant/v1/raster');
    const expected = createHash('sha256')
      .update(Buffer.from([tag.length]))
      .update(tag)
      .update(Buffer.from([0, 0, 1, 44, 0, 0, 0, 250, 3]))
      .update(rgb)
      .digest('hex');
    expect(rasterDigestHex(big)).toBe(expected);
  });
});
