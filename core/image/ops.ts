/**
 * The image ops of a derivative recipe (core/manifest/recipe.ts), with exactly defined 8-bit math. The signer makes
 * a derivative with applyRecipe and a verifier replays the same recipe on the reference tiles (replay.ts), so an
 * honest derivative matches its replay up to encoding noise and resolution.
 *
 * Geometry parameters are integer pixels in the coordinates of the image at that step.
 *  - crop {x, y, w, h}: out(u, v) = in(x + u, y + v); the rectangle must lie inside the image.
 *  - orient {rot90, flipH?}: rotate clockwise, then mirror left–right. For a W×H input:
 *      90:  H×W, out(u, v) = in(v, H − 1 − u);  180: W×H, out(u, v) = in(W − 1 − u, H − 1 − v);
 *      270: H×W, out(u, v) = in(W − 1 − v, u);  flipH: out'(u, v) = out(W' − 1 − u, v).
 *  - adjust {brightness b, contrast c, saturation s}: per pixel, in IEEE binary64, each operation rounded, no
 *    fused multiply-add, evaluated in this order:
 *      t_k = ((v_k · b) − 128) · c + 128 for k = R, G, B;  Y = 0.299·t_R + 0.587·t_G + 0.114·t_B;
 *      o_k = Y + (t_k − Y) · s;  out_k = min(255, max(0, ⌊o_k + 0.5⌋)).  Alpha is unchanged.
 *  - resize {w, h}: resize.ts resize (area average per shrinking axis, bilinear per growing axis, exact integers).
 *  - redact {x, y, w, h}: the rectangle (inside the image) becomes opaque black (0, 0, 0, 255).
 *  - encode: no change to the pixels (the encoder's loss is what the replay tolerance absorbs).
 */
import { ProvenantError } from '../errors.ts';
import type { Op } from '../manifest/recipe.ts';
import { resize, roundDiv } from './resize.ts';
import { assertRgbaImage, type RgbaImage } from './rgba.ts';

export type ImageOp = Extract<Op, { op: 'crop' | 'orient' | 'adjust' | 'resize' | 'redact' | 'encode' }>;
export type CropOp = Extract<ImageOp, { op: 'crop' }>;
export type OrientOp = Extract<ImageOp, { op: 'orient' }>;
export type AdjustOp = Extract<ImageOp, { op: 'adjust' }>;
export type ResizeOp = Extract<ImageOp, { op: 'resize' }>;
export type RedactOp = Extract<ImageOp, { op: 'redact' }>;

/** As the recipe schema: at most 64 ops, multipliers in (0, 16]. */
export const MAX_OPS = 64;
export const MAX_MULTIPLIER = 16;

function invalid(message: string): ProvenantError {
  return new ProvenantError('recipe.invalid', message);
}

function isInt(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
}

/** A rectangle of integer pixels with w, h ≥ 1 inside a width × height image. */
function assertRectInside(
  op: { x: unknown; y: unknown; w: unknown; h: unknown },
  width: number,
  height: number,
  name: string,
): void {
  const { x, y, w, h } = op;
  if (!isInt(x, 0) || !isInt(y, 0) || !isInt(w, 1) || !isInt(h, 1)) {
    throw invalid(`${name} needs integer x, y ≥ 0 and w, h ≥ 1`);
  }
  if (x + w > width || y + h > height) throw invalid(`${name} rectangle is outside the ${width}×${height} image`);
}

function assertMultiplier(v: unknown, name: string): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_MULTIPLIER) {
    throw invalid(`adjust ${name} must be a number in (0, ${MAX_MULTIPLIER}]`);
  }
}

/** Checks one op against the current image size; returns the size after it. */
export function checkOp(op: unknown, width: number, height: number): { width: number; height: number } {
  if (typeof op !== 'object' || op === null) throw invalid('an op must be an object');
  const o = op as Record<string, unknown> & { op?: unknown };
  switch (o.op) {
    case 'crop':
      assertRectInside(o as never, width, height, 'crop');
      return { width: o.w as number, height: o.h as number };
    case 'redact':
      assertRectInside(o as never, width, height, 'redact');
      return { width, height };
    case 'orient': {
      if (o.rot90 !== 0 && o.rot90 !== 90 && o.rot90 !== 180 && o.rot90 !== 270) {
        throw invalid('orient rot90 must be 0, 90, 180 or 270');
      }
      if (o.flipH !== undefined && typeof o.flipH !== 'boolean') throw invalid('orient flipH must be a boolean');
      return o.rot90 === 90 || o.rot90 === 270 ? { width: height, height: width } : { width, height };
    }
    case 'adjust':
      assertMultiplier(o.brightness, 'brightness');
      assertMultiplier(o.contrast, 'contrast');
      assertMultiplier(o.saturation, 'saturation');
      return { width, height };
    case 'resize': {
      if (!isInt(o.w, 1) || !isInt(o.h, 1) || o.w > 2 ** 15 || o.h > 2 ** 15 || o.w * o.h > 2 ** 28) {
        throw invalid('resize w and h must be integers in [1, 32768] with w·h ≤ 2^28');
      }
      return { width: o.w, height: o.h };
    }
    case 'encode':
      return { width, height };
    default:
      throw invalid(`op ${String(o.op)} is not an image op`);
  }
}

export function assertOps(ops: unknown): asserts ops is readonly ImageOp[] {
  if (!Array.isArray(ops)) throw invalid('a recipe must be an array of ops');
  if (ops.length > MAX_OPS) throw invalid(`a recipe has at most ${MAX_OPS} ops`);
}

export function crop(img: RgbaImage, x: number, y: number, w: number, h: number): RgbaImage {
  assertRectInside({ x, y, w, h }, img.width, img.height, 'crop');
  const out = new Uint8Array(w * h * 4);
  for (let r = 0; r < h; r++) {
    const from = ((y + r) * img.width + x) * 4;
    out.set(img.data.subarray(from, from + w * 4), r * w * 4);
  }
  return { width: w, height: h, data: out };
}

export function orient(img: RgbaImage, rot90: 0 | 90 | 180 | 270, flipH = false): RgbaImage {
  const W = img.width;
  const H = img.height;
  const quarter = rot90 === 90 || rot90 === 270;
  const ow = quarter ? H : W;
  const oh = quarter ? W : H;
  // Whole pixels are moved as 32-bit words (byte order is irrelevant to a copy); realign if the view is unaligned.
  const s32 =
    img.data.byteOffset % 4 === 0
      ? new Uint32Array(img.data.buffer, img.data.byteOffset, W * H)
      : new Uint32Array(img.data.slice().buffer);
  const out = new Uint8Array(ow * oh * 4);
  const o32 = new Uint32Array(out.buffer);
  for (let v = 0; v < oh; v++) {
    for (let u = 0; u < ow; u++) {
      const uu = flipH ? ow - 1 - u : u;
      let x: number;
      let y: number;
      if (rot90 === 90) {
        x = v;
        y = H - 1 - uu;
      } else if (rot90 === 180) {
        x = W - 1 - uu;
        y = H - 1 - v;
      } else if (rot90 === 270) {
        x = W - 1 - v;
        y = uu;
      } else {
        x = uu;
        y = v;
      }
      o32[v * ow + u] = s32[y * W + x] as number;
    }
  }
  return { width: ow, height: oh, data: out };
}

export function adjust(img: RgbaImage, brightness: number, contrast: number, saturation: number): RgbaImage {
  const t = new Float64Array(256);
  for (let v = 0; v < 256; v++) t[v] = (v * brightness - 128) * contrast + 128;
  const s = saturation;
  const d = img.data;
  const out = new Uint8Array(d.length);
  for (let p = 0; p < d.length; p += 4) {
    const r = t[d[p] as number] as number;
    const g = t[d[p + 1] as number] as number;
    const b = t[d[p + 2] as number] as number;
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    // Uint8Array stores are modular, so clamp explicitly before the store.
    out[p] = Math.min(255, Math.max(0, Math.floor(y + (r - y) * s + 0.5)));
    out[p + 1] = Math.min(255, Math.max(0, Math.floor(y + (g - y) * s + 0.5)));
    out[p + 2] = Math.min(255, Math.max(0, Math.floor(y + (b - y) * s + 0.5)));
    out[p + 3] = d[p + 3] as number;
  }
  return { width: img.width, height: img.height, data: out };
}

export function redact(img: RgbaImage, x: number, y: number, w: number, h: number): RgbaImage {
  assertRectInside({ x, y, w, h }, img.width, img.height, 'redact');
  const out = img.data.slice();
  const black = new Uint8Array(w * 4);
  for (let i = 3; i < black.length; i += 4) black[i] = 255;
  for (let r = y; r < y + h; r++) out.set(black, (r * img.width + x) * 4);
  return { width: img.width, height: img.height, data: out };
}

/** One op on an image (checked against the image's size first). */
export function applyOp(img: RgbaImage, op: ImageOp): RgbaImage {
  checkOp(op, img.width, img.height);
  switch (op.op) {
    case 'crop':
      return crop(img, op.x, op.y, op.w, op.h);
    case 'orient':
      return orient(img, op.rot90, op.flipH ?? false);
    case 'adjust':
      return adjust(img, op.brightness, op.contrast, op.saturation);
    case 'resize':
      return resize(img, op.w, op.h);
    case 'redact':
      return redact(img, op.x, op.y, op.w, op.h);
    case 'encode':
      return img;
  }
}

/** Every op in order. The whole recipe is checked before any pixel is touched. */
export function applyRecipe(img: RgbaImage, ops: readonly ImageOp[]): RgbaImage {
  assertRgbaImage(img);
  assertOps(ops);
  let size = { width: img.width, height: img.height };
  for (const op of ops) size = checkOp(op, size.width, size.height);
  let out = img;
  for (const op of ops) out = applyOp(out, op);
  return out;
}

/** Maps a coordinate of an axis of `full` pixels onto one of `ref` pixels: round(v · ref / full), halves up. */
function mapCoord(v: number, full: number, ref: number): number {
  return roundDiv(v * ref, full);
}

/** [v, v + len) of a `full` axis mapped onto a `ref` axis: rounded ends, at least 1 px, inside [0, ref). */
function mapSpan(v: number, len: number, full: number, ref: number): [number, number] {
  const a = Math.min(mapCoord(v, full, ref), ref - 1);
  const b = Math.min(ref, Math.max(a + 1, mapCoord(v + len, full, ref)));
  return [a, b - a];
}

/**
 * The recipe, written for a fullW × fullH image, rewritten for the same picture at refW × refH (the reference raster)
 * so it can be replayed there. The two sizes are tracked op by op: crop and redact rectangles map their edges by
 * round(v · ref / full) (at least 1 px, kept inside); resize {w, h} becomes {max(1, round(w · ref / full))} per axis;
 * orient swaps both sizes on quarter turns; adjust and encode are unchanged. The result is a valid recipe in whole
 * reference pixels (for display, logs, or tools that only take integer recipes); the verifier's replay
 * (replay.ts replayExpected) keeps the geometry exact instead, because rounding edges to whole reference pixels
 * misaligns the replay by up to half a pixel.
 */
export function scaleRecipe(
  ops: readonly ImageOp[],
  fullW: number,
  fullH: number,
  refW: number,
  refH: number,
): ImageOp[] {
  assertOps(ops);
  for (const [name, v] of [
    ['fullW', fullW],
    ['fullH', fullH],
    ['refW', refW],
    ['refH', refH],
  ] as const) {
    if (!isInt(v, 1)) throw new ProvenantError('input.invalid', `${name} must be a positive integer`);
  }
  let fw = fullW;
  let fh = fullH;
  let rw = refW;
  let rh = refH;
  const out: ImageOp[] = [];
  for (const op of ops) {
    const next = checkOp(op, fw, fh);
    switch (op.op) {
      case 'crop':
      case 'redact': {
        const [x, w] = mapSpan(op.x, op.w, fw, rw);
        const [y, h] = mapSpan(op.y, op.h, fh, rh);
        out.push({ op: op.op, x, y, w, h });
        if (op.op === 'crop') {
          rw = w;
          rh = h;
        }
        break;
      }
      case 'orient':
        out.push({ ...op });
        if (op.rot90 === 90 || op.rot90 === 270) [rw, rh] = [rh, rw];
        break;
      case 'resize': {
        const w = Math.max(1, mapCoord(op.w, fw, rw));
        const h = Math.max(1, mapCoord(op.h, fh, rh));
        out.push({ op: 'resize', w, h });
        rw = w;
        rh = h;
        break;
      }
      default:
        out.push({ ...op });
    }
    fw = next.width;
    fh = next.height;
  }
  return out;
}
