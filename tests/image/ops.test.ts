/** Algebraic properties of the recipe ops and of scaleRecipe (the vectors pin exact outputs). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import {
  adjust,
  applyRecipe,
  checkOp,
  crop,
  type ImageOp,
  orient,
  type RgbaImage,
  redact,
  scaleRecipe,
} from '../../core/image/index.ts';
import { texture } from './synthetic.ts';

const picture = fc
  .record({ w: fc.integer({ min: 1, max: 40 }), h: fc.integer({ min: 1, max: 40 }), seed: fc.nat(1000) })
  .map(({ w, h, seed }) => texture(w, h, seed + 1));
const rot = fc.constantFrom(0 as const, 90 as const, 180 as const, 270 as const);
const same = (a: RgbaImage, b: RgbaImage) => {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  expect(a.data).toEqual(b.data);
};

describe('orient', () => {
  it('forms the dihedral group: quarter turns add up, flips cancel', () => {
    fc.assert(
      fc.property(picture, rot, rot, (img, a, b) => {
        same(orient(orient(img, a), b), orient(img, ((a + b) % 360) as 0));
        same(orient(orient(img, 0, true), 0, true), img);
        // Rotating then mirroring equals mirroring then rotating the other way.
        same(orient(img, a, true), orient(orient(img, 0, true), ((360 - a) % 360) as 0));
      }),
    );
  });

  it('turns clockwise', () => {
    const img = { width: 2, height: 1, data: Uint8Array.of(1, 1, 1, 255, 2, 2, 2, 255) };
    // [1 2] turned clockwise is the column [1; 2].
    expect([...orient(img, 90).data]).toEqual([1, 1, 1, 255, 2, 2, 2, 255]);
    expect([orient(img, 90).width, orient(img, 90).height]).toEqual([1, 2]);
    expect([...orient(img, 270).data]).toEqual([2, 2, 2, 255, 1, 1, 1, 255]);
    expect([...orient(img, 0, true).data]).toEqual([2, 2, 2, 255, 1, 1, 1, 255]);
  });
});

describe('crop, redact, adjust', () => {
  it('crops compose by adding offsets; the full crop is the identity', () => {
    fc.assert(
      fc.property(picture, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (img, a, b, c, d) => {
        same(crop(img, 0, 0, img.width, img.height), img);
        const x = a % img.width;
        const y = b % img.height;
        const w = 1 + (c % (img.width - x));
        const h = 1 + (d % (img.height - y));
        const x2 = c % w;
        const y2 = d % h;
        same(crop(crop(img, x, y, w, h), x2, y2, w - x2, h - y2), crop(img, x + x2, y + y2, w - x2, h - y2));
      }),
    );
  });

  it('redact paints opaque black inside only', () => {
    const img = texture(10, 8, 2);
    const out = redact(img, 2, 3, 4, 2);
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 10; x++) {
        const p = (y * 10 + x) * 4;
        const inside = x >= 2 && x < 6 && y >= 3 && y < 5;
        expect([...out.data.subarray(p, p + 4)]).toEqual(inside ? [0, 0, 0, 255] : [...img.data.subarray(p, p + 4)]);
      }
    }
  });

  it('adjust(1, 1, 1) is the identity; alpha is kept; grey stays grey under saturation', () => {
    fc.assert(
      fc.property(picture, fc.double({ min: 0.01, max: 16, noNaN: true }), (img, s) => {
        same(adjust(img, 1, 1, 1), img);
        const grey = {
          ...img,
          data: img.data.map((v, i) => (i % 4 === 3 ? (v * 7) & 255 : (img.data[i - (i % 4)] as number))),
        };
        const out = adjust(grey, 1, 1, s);
        for (let p = 0; p < out.data.length; p += 4) {
          expect(out.data[p + 1]).toBe(out.data[p]);
          expect(out.data[p + 3]).toBe(grey.data[p + 3]);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('brightness multiplies and contrast pivots on 128, with clamping', () => {
    const px = (v: number) => ({ width: 1, height: 1, data: Uint8Array.of(v, v, v, 255) });
    expect(adjust(px(100), 1.1, 1, 1).data[0]).toBe(110);
    expect(adjust(px(250), 1.1, 1, 1).data[0]).toBe(255);
    expect(adjust(px(100), 1, 2, 1).data[0]).toBe(72);
    expect(adjust(px(10), 1, 2, 1).data[0]).toBe(0);
    expect(adjust(px(128), 1, 16, 1).data[0]).toBe(128);
  });

  it('applyRecipe checks the whole recipe first and never mutates its input', () => {
    const img = texture(20, 10, 3);
    const before = img.data.slice();
    let err: unknown;
    try {
      applyRecipe(img, [
        { op: 'redact', x: 0, y: 0, w: 5, h: 5 },
        { op: 'crop', x: 0, y: 0, w: 21, h: 1 },
      ]);
    } catch (e) {
      err = e;
    }
    expect(isProvenantError(err, 'recipe.invalid')).toBe(true);
    applyRecipe(img, [
      { op: 'redact', x: 0, y: 0, w: 5, h: 5 },
      { op: 'adjust', brightness: 2, contrast: 2, saturation: 2 },
    ]);
    expect(img.data).toEqual(before);
    expect(checkOp({ op: 'orient', rot90: 90 }, 20, 10)).toEqual({ width: 10, height: 20 });
    expect(applyRecipe(img, [{ op: 'encode', format: 'png' }])).toBe(img);
    expect(() => applyRecipe(img, Array(65).fill({ op: 'encode', format: 'png' }))).toThrow();
  });
});

describe('scaleRecipe', () => {
  const recipe = (w: number, h: number, picks: number[][]): ImageOp[] => {
    const ops: ImageOp[] = [];
    let cw = w;
    let ch = h;
    for (const [k = 0, a = 0, b = 0, c = 0, d = 0] of picks) {
      const x = a % cw;
      const y = b % ch;
      let op: ImageOp;
      if (k % 4 === 0) op = { op: 'crop', x, y, w: 1 + (c % (cw - x)), h: 1 + (d % (ch - y)) };
      else if (k % 4 === 1) op = { op: 'orient', rot90: ([0, 90, 180, 270] as const)[a % 4] as 0 };
      else if (k % 4 === 2) op = { op: 'resize', w: 1 + (a % (2 * cw)), h: 1 + (b % (2 * ch)) };
      else op = { op: 'redact', x, y, w: 1 + (c % (cw - x)), h: 1 + (d % (ch - y)) };
      ({ width: cw, height: ch } = checkOp(op, cw, ch));
      ops.push(op);
    }
    return ops;
  };

  it('is the identity at the same size, and always yields a recipe valid on the reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.array(fc.nat(100_000), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1024 }),
        (w, h, picks, m) => {
          const ops = recipe(w, h, picks);
          expect(scaleRecipe(ops, w, h, w, h)).toEqual(ops);
          const rw = Math.max(1, Math.min(w, m));
          const rh = Math.max(1, Math.min(h, Math.round((h * rw) / w) || 1));
          const scaled = scaleRecipe(ops, w, h, rw, rh);
          let size = { width: rw, height: rh };
          for (const op of scaled) size = checkOp(op, size.width, size.height);
        },
      ),
    );
  });
});
