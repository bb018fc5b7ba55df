/**
 * Deterministic, integer-exact resampling: the same bytes on every platform, so any verifier can rebuild the
 * reference raster and replay a recipe. Separable integer weights (weights.ts) on each axis; one rounding at the end:
 * out = ⌊(2·Σ_y Σ_x wy·wx·v + D) / (2·D)⌋ with D = divisor_x · divisor_y (round half up). All intermediate values are
 * integers below 2^42, exact in binary64, so the order of the sums does not matter. Each of R, G, B, A is resampled the same way.
 */
import { assertSafeInteger } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { assertDimensions, assertRgbaImage, isOpaque, type RgbaImage } from './rgba.ts';
import { type AxisWeights, areaWeights, resizeWeights } from './weights.ts';
import { pixelWords } from './words.ts';

/** Adds w × source row y into col (interleaved, 3 channels if opaque else 4). */
function addRow(
  img: RgbaImage,
  words: Uint32Array | null,
  y: number,
  w: number,
  channels: 3 | 4,
  col: Float64Array,
): void {
  const width = img.width;
  if (words) {
    // Opaque fast path: one 32-bit read per pixel (R in bits 0–7, G 8–15, B 16–23).
    for (let x = 0, p = y * width, o = 0; x < width; x++, p++, o += 3) {
      const v = words[p] as number;
      col[o] = (col[o] as number) + w * (v & 255);
      col[o + 1] = (col[o + 1] as number) + w * ((v >>> 8) & 255);
      col[o + 2] = (col[o + 2] as number) + w * ((v >>> 16) & 255);
    }
    return;
  }
  const d = img.data;
  const n = width * 4;
  for (let p = y * n, end = p + n, o = 0; p < end; p += 4, o += channels) {
    col[o] = (col[o] as number) + w * (d[p] as number);
    col[o + 1] = (col[o + 1] as number) + w * (d[p + 1] as number);
    col[o + 2] = (col[o + 2] as number) + w * (d[p + 2] as number);
    if (channels === 4) col[o + 3] = (col[o + 3] as number) + w * (d[p + 3] as number);
  }
}

/**
 * Resamples with the given axis kernels: for each output row, the weighted sum of its source rows (full width),
 * then the weighted sums along that row, then one rounding. `knownOpaque` skips the scan for alpha < 255 when the
 * caller has just composited the image (opaque images carry 3 channels and get alpha 255, which is exact: the
 * weights of every output sum to the divisor).
 */
export function resampleRgba(img: RgbaImage, wx: AxisWeights, wy: AxisWeights, knownOpaque = false): RgbaImage {
  const tw = wx.target;
  const th = wy.target;
  const channels: 3 | 4 = knownOpaque || isOpaque(img) ? 3 : 4;
  const words = channels === 3 ? pixelWords(img.data) : null;
  const col = new Float64Array(img.width * channels);
  const out = new Uint8Array(tw * th * 4);
  const d = wx.divisor * wy.divisor;
  const d2 = 2 * d;
  const { start, index, weight } = wx;
  for (let r = 0; r < th; r++) {
    col.fill(0);
    for (let k = wy.start[r] as number; k < (wy.start[r + 1] as number); k++) {
      addRow(img, words, wy.index[k] as number, wy.weight[k] as number, channels, col);
    }
    let q = r * tw * 4;
    for (let i = 0; i < tw; i++, q += 4) {
      let a = 0;
      let b = 0;
      let c = 0;
      let e = 0;
      for (let k = start[i] as number; k < (start[i + 1] as number); k++) {
        const p = (index[k] as number) * channels;
        const w = weight[k] as number;
        a += w * (col[p] as number);
        b += w * (col[p + 1] as number);
        c += w * (col[p + 2] as number);
        if (channels === 4) e += w * (col[p + 3] as number);
      }
      out[q] = Math.floor((2 * a + d) / d2);
      out[q + 1] = Math.floor((2 * b + d) / d2);
      out[q + 2] = Math.floor((2 * c + d) / d2);
      out[q + 3] = channels === 4 ? Math.floor((2 * e + d) / d2) : 255;
    }
  }
  return { width: tw, height: th, data: out };
}

function assertTarget(width: number, height: number): void {
  assertSafeInteger(width, 'target width', 1);
  assertSafeInteger(height, 'target height', 1);
  assertDimensions(width, height, 'target');
}

/** Area-average (box) downscale; the target must not be larger than the source on either axis. */
export function downscale(img: RgbaImage, targetW: number, targetH: number): RgbaImage {
  assertRgbaImage(img);
  assertTarget(targetW, targetH);
  if (targetW > img.width || targetH > img.height) {
    throw new ProvenantError('input.invalid', 'downscale target must not be larger than the image');
  }
  return resampleRgba(img, areaWeights(img.width, targetW), areaWeights(img.height, targetH));
}

/** The recipe's resize: per axis, area average when shrinking (or keeping) the size, bilinear when growing it. */
export function resize(img: RgbaImage, targetW: number, targetH: number): RgbaImage {
  assertRgbaImage(img);
  assertTarget(targetW, targetH);
  return resampleRgba(img, resizeWeights(img.width, targetW), resizeWeights(img.height, targetH));
}

/** round(a / b) for non-negative integers, halves up, in integer arithmetic. */
export function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/**
 * Dimensions with the long edge at most `maxLongEdge`, aspect kept: unchanged if already small enough; else the long
 * edge becomes maxLongEdge and the short edge max(1, round(short · maxLongEdge / long)) (halves up). Ties (w = h)
 * scale both edges to maxLongEdge.
 */
export function fitLongEdge(width: number, height: number, maxLongEdge: number): { width: number; height: number } {
  assertDimensions(width, height);
  assertSafeInteger(maxLongEdge, 'maxLongEdge', 1);
  if (width <= maxLongEdge && height <= maxLongEdge) return { width, height };
  if (width >= height) return { width: maxLongEdge, height: Math.max(1, roundDiv(height * maxLongEdge, width)) };
  return { width: Math.max(1, roundDiv(width * maxLongEdge, height)), height: maxLongEdge };
}
