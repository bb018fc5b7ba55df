/**
 * Approximate replay of a derivative: apply its recipe to the capture's reference raster (rebuilt from the revealed
 * tiles) and compare the result with the pixels shown, at a reduced resolution where encoding noise and small
 * resampling differences wash out but a pasted object, a removed person or a recoloured region does not.
 *
 * The one rule every verifier applies (replay-check.ts; calibration below):
 *   comparison size: both images composited on white and resized (resize.ts) to W×H = fitLongEdge(shown, L) with
 *     m = min(long edge of expected, long edge of shown) and L = min(m, clamp(⌊m / 3⌋, 64, 256)). The expected image
 *     is the replay at the revealed reference raster's own resolution (≤ 1024 px long edge), so L follows the
 *     detail the replay actually has: a third of it, where the reference's area averaging, the encoder's loss and a
 *     third party's 4:2:0 re-encode have washed out; at least 64 px (colour and geometry need no more), at most 256.
 *   metrics over R, G and B of every pixel:
 *     psnr = 10·log10(255² / MSE), capped at 100 dB (identical images give 100);
 *     worstBlockDiff = max over every 8×8 window (all positions, stride 1; an edge shorter than 8 gives one window
 *     spanning it) of the window's mean |difference| (8-bit units).
 *   consistent iff psnr ≥ 25 dB and worstBlockDiff ≤ 18 (REPLAY_THRESHOLDS).
 * A perceptual-hash match never stands in for this: it says "looks alike", not "is this recipe applied to that".
 */
import { ProvenantError } from '../errors.ts';
import { Frame, type Rect } from './frame.ts';
import { type AdjustOp, adjust, assertOps, checkOp, type ImageOp } from './ops.ts';
import { fitLongEdge, resampleRgba, resize } from './resize.ts';
import { assertRgbaImage, compositeOnWhite, type RgbaImage } from './rgba.ts';
import { tilesCoveringRect } from './tiles.ts';
import { fractionalAreaWeights } from './weights.ts';

/** The comparison's long edge: ⌊m / REPLAY_DETAIL_DIVISOR⌋ clamped to [REPLAY_MIN_LONG_EDGE, REPLAY_MAX_LONG_EDGE]. */
export const REPLAY_MIN_LONG_EDGE = 64;
export const REPLAY_MAX_LONG_EDGE = 256;
export const REPLAY_DETAIL_DIVISOR = 3;
export const REPLAY_BLOCK = 8;
export const PSNR_CAP_DB = 100;

export interface ReplayMetrics {
  /** dB over RGB, ≤ 100. */
  readonly psnr: number;
  /** Largest mean absolute RGB difference over the 8×8 windows, 0..255. */
  readonly worstBlockDiff: number;
  readonly blockSize: number;
  /** The comparison size. */
  readonly width: number;
  readonly height: number;
}

export interface ReplayThresholds {
  readonly minPsnr: number;
  readonly maxWorstBlockDiff: number;
}

/**
 * THE replay thresholds (there is no other set). Calibration: tests/signer/replay-corpus.test.ts prints these
 * figures. 36 generated pictures of 256–512 px and 12 of 1024–1600 px (photo-like gradients with noise, band-limited
 * textures, text-like glyph rows, flat shapes, flat areas, mixed scenes), 4 honest recipes each (crop; crop + colour
 * + resize; quarter turn + crop to WebP; crop + redact + colour), every output also re-encoded by a third party at
 * JPEG quality 60 with 4:2:0 chroma, and 6 tampering classes (local clone of 15 % × 15 %, dark box over 2 %, a
 * texture patch pasted over 1 % and over 2 %, recipe lying about brightness, recipe lying about the crop offset by
 * 6 %/4 %). At the comparison size above:
 *   honest (incl. q60): all pass; PSNR ≥ 27.2 dB, worst window ≤ 14.9 (small pictures), ≤ 12.4 (large);
 *   tampered, small: clone ≥ 38.6, 2 % box ≥ 59.6, 2 % paste ≥ 22.3, brightness lie ≥ 41.9, crop lie ≥ 46.7;
 *   tampered, large: 1 % paste ≥ 25.9, 2 % paste ≥ 30.1, clone ≥ 80.5, box ≥ 112.2, lies ≥ 45.8;
 * so the window limit sits between 14.9 and 22.3. The limit of the method: a 1 % paste on the small pictures is
 * caught 32/36 (from 5.5: at a 64–137 px comparison the patch spans 6–14 px and may average into what it covers);
 * a 1 % paste is reliable only from a 160-px comparison (tests/image/replay.test.ts documents the misses below).
 * The previous rule (a fixed 64 px, aligned blocks, limit 16) caught 11/36 and 22/36 small, 5/12 and 6/12 large
 * 1 % / 2 % pastes; a fixed 128 px made the small pictures' honest q60 re-encodes overlap the clones (honest up to
 * 29.7). PSNR alone never separates local edits (a clone keeps ≥ 21 dB); it is the second line for global mismatches.
 */
export const REPLAY_THRESHOLDS: ReplayThresholds = { minPsnr: 25, maxWorstBlockDiff: 18 };

function longEdge(img: { width: number; height: number }): number {
  return Math.max(img.width, img.height);
}

/** The comparison size (see the header): fitLongEdge(shown, min(m, clamp(⌊m / 3⌋, 64, 256))). */
export function replayCompareSize(
  expected: { width: number; height: number },
  shown: { width: number; height: number },
): { width: number; height: number } {
  const m = Math.min(longEdge(expected), longEdge(shown));
  const l = Math.min(
    m,
    Math.max(REPLAY_MIN_LONG_EDGE, Math.min(REPLAY_MAX_LONG_EDGE, Math.floor(m / REPLAY_DETAIL_DIVISOR))),
  );
  return fitLongEdge(shown.width, shown.height, l);
}

/** Both images composited on white and resized to replayCompareSize: the pair every replay metric is taken on. */
export function replayComparisonPair(expected: RgbaImage, shown: RgbaImage): [RgbaImage, RgbaImage] {
  assertRgbaImage(expected, 'expected');
  assertRgbaImage(shown, 'shown');
  const { width, height } = replayCompareSize(expected, shown);
  return [resize(compositeOnWhite(expected), width, height), resize(compositeOnWhite(shown), width, height)];
}

/** The metrics of two images of the same size, as they are (no compositing, no resizing). */
export function replayMetrics(a: RgbaImage, b: RgbaImage): ReplayMetrics {
  assertRgbaImage(a, 'a');
  assertRgbaImage(b, 'b');
  if (a.width !== b.width || a.height !== b.height) {
    throw new ProvenantError('input.invalid', 'replay metrics need two images of the same size');
  }
  const { width, height } = a;
  // Integral image of the per-pixel sum of |difference| over R, G, B (integers, exact in binary64).
  const stride = width + 1;
  const integral = new Float64Array(stride * (height + 1));
  let sq = 0;
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const d = (a.data[p + c] as number) - (b.data[p + c] as number);
        row += Math.abs(d);
        sq += d * d;
      }
      integral[(y + 1) * stride + x + 1] = (integral[y * stride + x + 1] as number) + row;
    }
  }
  const bw = Math.min(REPLAY_BLOCK, width);
  const bh = Math.min(REPLAY_BLOCK, height);
  let worst = 0;
  for (let y0 = 0; y0 + bh <= height; y0++) {
    for (let x0 = 0; x0 + bw <= width; x0++) {
      const sum =
        (integral[(y0 + bh) * stride + x0 + bw] as number) -
        (integral[y0 * stride + x0 + bw] as number) -
        (integral[(y0 + bh) * stride + x0] as number) +
        (integral[y0 * stride + x0] as number);
      if (sum > worst) worst = sum;
    }
  }
  const mse = sq / (width * height * 3);
  const psnr = mse === 0 ? PSNR_CAP_DB : Math.min(PSNR_CAP_DB, 10 * Math.log10((255 * 255) / mse));
  return { psnr, worstBlockDiff: worst / (bw * bh * 3), blockSize: REPLAY_BLOCK, width, height };
}

/** replayMetrics of replayComparisonPair(expected, shown). */
export function compareForReplay(expected: RgbaImage, shown: RgbaImage): ReplayMetrics {
  const [a, b] = replayComparisonPair(expected, shown);
  return replayMetrics(a, b);
}

/** Consistent iff psnr ≥ minPsnr and worstBlockDiff ≤ maxWorstBlockDiff (inclusive). */
export function judgeReplay(metrics: ReplayMetrics): 'consistent' | 'inconsistent' {
  const thresholds = REPLAY_THRESHOLDS;
  if (!Number.isFinite(metrics.psnr) || !Number.isFinite(metrics.worstBlockDiff)) {
    throw new ProvenantError('input.invalid', 'replay metrics must be finite numbers');
  }
  return metrics.psnr >= thresholds.minPsnr && metrics.worstBlockDiff <= thresholds.maxWorstBlockDiff
    ? 'consistent'
    : 'inconsistent';
}

/** The recipe's geometry (exact) and its pixel-wise ops in order, with redactions in the original's coordinates. */
function traceRecipe(ops: readonly ImageOp[], fullW: number, fullH: number) {
  assertOps(ops);
  if (!Number.isSafeInteger(fullW) || !Number.isSafeInteger(fullH) || fullW < 1 || fullH < 1) {
    throw new ProvenantError('input.invalid', 'fullW and fullH must be positive integers');
  }
  const frame = new Frame(fullW, fullH);
  const pointwise: ({ kind: 'adjust'; op: AdjustOp } | { kind: 'redact'; rect: Rect })[] = [];
  for (const op of ops) {
    checkOp(op, frame.width, frame.height);
    if (op.op === 'crop') frame.crop(op.x, op.y, op.w, op.h);
    else if (op.op === 'resize') frame.resize(op.w, op.h);
    else if (op.op === 'orient') frame.orient(op.rot90, op.flipH ?? false);
    else if (op.op === 'adjust') pointwise.push({ kind: 'adjust', op });
    else if (op.op === 'redact') pointwise.push({ kind: 'redact', rect: frame.toOriginalRect(op.x, op.y, op.w, op.h) });
  }
  return { frame, pointwise };
}

/** The visible region of the recipe's output, in reference pixels (real-valued, clamped to the reference). */
function referenceRegion(frame: Frame, fullW: number, fullH: number, refW: number, refH: number): Rect {
  const r = frame.visibleRegion();
  const sx = refW / fullW;
  const sy = refH / fullH;
  return {
    x0: Math.max(0, r.x0 * sx),
    y0: Math.max(0, r.y0 * sy),
    x1: Math.min(refW, r.x1 * sx),
    y1: Math.min(refH, r.y1 * sy),
  };
}

/** Re-orients an image cut in the original's orientation into the output's orientation (frame's axis signs). */
function toOutputOrientation(img: RgbaImage, frame: Frame): RgbaImage {
  const swap = frame.swapsAxes;
  const flipCol = swap ? frame.b < 0 : frame.a < 0;
  const flipRow = swap ? frame.d < 0 : frame.e < 0;
  if (!swap && !flipCol && !flipRow) return img;
  const w = swap ? img.height : img.width;
  const h = swap ? img.width : img.height;
  const src = img.data;
  const out = new Uint8Array(src.length);
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      // Output axis u runs along the original's x (or y when swapped); a negative sign runs it backwards.
      let col = swap ? v : u;
      let row = swap ? u : v;
      if (flipCol) col = img.width - 1 - col;
      if (flipRow) row = img.height - 1 - row;
      const s = (row * img.width + col) * 4;
      out.set(src.subarray(s, s + 4), (v * w + u) * 4);
    }
  }
  return { width: w, height: h, data: out };
}

/** Blends opaque black over the real rectangle r of img, weighted by how much of each pixel r covers. */
function blendRedaction(img: RgbaImage, r: Rect): void {
  const cover = (i: number, lo: number, hi: number) => Math.max(0, Math.min(i + 1, hi) - Math.max(i, lo));
  const d = img.data;
  for (let y = Math.max(0, Math.floor(r.y0)); y < Math.min(img.height, Math.ceil(r.y1)); y++) {
    const cy = cover(y, r.y0, r.y1);
    for (let x = Math.max(0, Math.floor(r.x0)); x < Math.min(img.width, Math.ceil(r.x1)); x++) {
      const k = cy * cover(x, r.x0, r.x1);
      const p = (y * img.width + x) * 4;
      d[p] = Math.round((d[p] as number) * (1 - k));
      d[p + 1] = Math.round((d[p + 1] as number) * (1 - k));
      d[p + 2] = Math.round((d[p + 2] as number) * (1 - k));
      d[p + 3] = Math.round((d[p + 3] as number) + (255 - (d[p + 3] as number)) * k);
    }
  }
}

/**
 * The replay's expected pixels: what the recipe (written for the fullW × fullH capture) shows, rebuilt from the
 * reference raster at the reference's resolution, with the geometry kept exact:
 *  1. the recipe's crops, turns and resizes compose into one axis-aligned map; its visible region, scaled by
 *     refW/fullW and refH/fullH, is area-averaged out of the reference (fractional edges weighted by coverage) into
 *     round(region width) × round(region height) pixels, then turned and flipped into the output's orientation;
 *  2. adjust and redact ops then run in recipe order on that image (they act pixel by pixel, so they commute with
 *     the geometry; a redaction is mapped into the output's coordinates and blended by coverage).
 * Rounding the geometry to whole reference pixels instead (scaleRecipe) misaligns by up to half a reference pixel,
 * which on sharp content costs ~20 dB; this keeps honest replays far from the thresholds.
 */
export function replayExpected(reference: RgbaImage, ops: readonly ImageOp[], fullW: number, fullH: number): RgbaImage {
  assertRgbaImage(reference, 'reference');
  const { frame, pointwise } = traceRecipe(ops, fullW, fullH);
  const region = referenceRegion(frame, fullW, fullH, reference.width, reference.height);
  const ew = Math.max(1, Math.round(region.x1 - region.x0));
  const eh = Math.max(1, Math.round(region.y1 - region.y0));
  const cut = resampleRgba(
    reference,
    fractionalAreaWeights(region.x0, region.x1, ew, reference.width),
    fractionalAreaWeights(region.y0, region.y1, eh, reference.height),
  );
  let img = toOutputOrientation(cut, frame);
  // Output coordinates → replay pixels.
  const kx = img.width / frame.width;
  const ky = img.height / frame.height;
  for (const step of pointwise) {
    if (step.kind === 'adjust') {
      img = adjust(img, step.op.brightness, step.op.contrast, step.op.saturation);
      continue;
    }
    const visible = frame.visibleRegion();
    const x0 = Math.max(step.rect.x0, visible.x0);
    const y0 = Math.max(step.rect.y0, visible.y0);
    const x1 = Math.min(step.rect.x1, visible.x1);
    const y1 = Math.min(step.rect.y1, visible.y1);
    if (x1 <= x0 || y1 <= y0) continue;
    // Invert the axis-aligned map on the two corners.
    const corners = [
      [x0, y0],
      [x1, y1],
    ].map(([x, y]) =>
      frame.swapsAxes
        ? [((y as number) - frame.f) / frame.d, ((x as number) - frame.c) / frame.b]
        : [((x as number) - frame.c) / frame.a, ((y as number) - frame.f) / frame.e],
    ) as [[number, number], [number, number]];
    const [[u0, v0], [u1, v1]] = corners;
    blendRedaction(img, {
      x0: Math.min(u0, u1) * kx,
      y0: Math.min(v0, v1) * ky,
      x1: Math.max(u0, u1) * kx,
      y1: Math.max(v0, v1) * ky,
    });
  }
  return img;
}

/**
 * The rectangle of the reference raster that replayExpected reads for `ops`: the recipe's visible region in
 * reference pixels, rounded outwards. Integer.
 */
export function replaySourceRect(
  ops: readonly ImageOp[],
  fullW: number,
  fullH: number,
  refW: number,
  refH: number,
): { x: number; y: number; w: number; h: number } {
  const { frame } = traceRecipe(ops, fullW, fullH);
  const r = referenceRegion(frame, fullW, fullH, refW, refH);
  const x0 = Math.min(refW - 1, Math.floor(r.x0));
  const y0 = Math.min(refH - 1, Math.floor(r.y0));
  const x1 = Math.min(refW, Math.max(x0 + 1, Math.ceil(r.x1)));
  const y1 = Math.min(refH, Math.max(y0 + 1, Math.ceil(r.y1)));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Ascending indices of the reference tiles a replay of `ops` needs (what an editor reveals). */
export function requiredTiles(
  ops: readonly ImageOp[],
  fullW: number,
  fullH: number,
  refW: number,
  refH: number,
): number[] {
  return tilesCoveringRect(refW, refH, replaySourceRect(ops, fullW, fullH, refW, refH));
}
