/**
 * Why a replay failed. Once compareForReplay has judged the shown picture inconsistent with the recipe, these tests
 * say which kind of lie explains it, so the report can name it (each is a failure either way):
 *  - colour: a per-channel tone curve fitted from the replay to the shown pixels makes them consistent → the
 *    recipe misstates brightness, contrast or saturation (a global, monotone change of the pixel values);
 *  - geometry: shifting the replay by a few comparison pixels makes the overlap consistent → the recipe misstates
 *    where the crop is;
 *  - local: otherwise, when few blocks differ → part of the picture was altered (cloned, covered, retouched);
 *  - anything else stays the generic `transform.replay.inconsistent`.
 * All tests run at the replay's comparison size (replay.ts: 64–256 px), on images composited on white, and judge
 * with the same REPLAY_THRESHOLDS. The shift is searched at 64 px first (cheap), then refined at the comparison size.
 */
import { crop } from './ops.ts';
import {
  judgeReplay,
  REPLAY_BLOCK,
  REPLAY_MIN_LONG_EDGE,
  REPLAY_THRESHOLDS,
  replayComparisonPair,
  replayMetrics,
} from './replay.ts';
import { fitLongEdge, resize } from './resize.ts';
import type { RgbaImage } from './rgba.ts';

export type ReplayDiagnosis = 'colorMismatch' | 'geometryMismatch' | 'localEdit' | 'inconsistent';

/** Largest shift tried, in pixels of a 64-px comparison (~9 % of the long edge); scaled with the comparison size. */
export const MAX_SHIFT = 6;
/** A local edit leaves at most this fraction of the 8×8 blocks over the block threshold. */
export const LOCAL_MAX_BLOCK_FRACTION = 0.25;

/** Per channel, the mean shown value for each replayed value (a tone curve), gaps filled by interpolation. */
function toneCurveFit(a: RgbaImage, b: RgbaImage): RgbaImage {
  const out = a.data.slice();
  for (let c = 0; c < 3; c++) {
    const sum = new Float64Array(256);
    const count = new Float64Array(256);
    for (let p = c; p < a.data.length; p += 4) {
      const v = a.data[p] as number;
      sum[v] = (sum[v] as number) + (b.data[p] as number);
      count[v] = (count[v] as number) + 1;
    }
    const lut = new Float64Array(256).fill(Number.NaN);
    for (let v = 0; v < 256; v++) if ((count[v] as number) > 0) lut[v] = (sum[v] as number) / (count[v] as number);
    let prev = -1;
    for (let v = 0; v < 256; v++) {
      if (Number.isNaN(lut[v])) continue;
      for (let g = prev + 1; g < v; g++) {
        lut[g] =
          prev < 0
            ? (lut[v] as number)
            : (lut[prev] as number) + ((lut[v] as number) - (lut[prev] as number)) * ((g - prev) / (v - prev));
      }
      prev = v;
    }
    for (let g = prev + 1; g < 256; g++) lut[g] = prev < 0 ? g : (lut[prev] as number);
    for (let p = c; p < out.length; p += 4) out[p] = Math.round(lut[a.data[p] as number] as number);
  }
  return { width: a.width, height: a.height, data: out };
}

function meanSquared(a: RgbaImage, b: RgbaImage, dx: number, dy: number): number {
  let sq = 0;
  let n = 0;
  for (let y = Math.max(0, -dy); y < Math.min(b.height, a.height - dy); y++) {
    for (let x = Math.max(0, -dx); x < Math.min(b.width, a.width - dx); x++) {
      const pa = ((y + dy) * a.width + x + dx) * 4;
      const pb = (y * b.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const d = (a.data[pa + c] as number) - (b.data[pb + c] as number);
        sq += d * d;
      }
      n += 3;
    }
  }
  return n === 0 ? Number.POSITIVE_INFINITY : sq / n;
}

/** The overlap of a shifted by (dx, dy) with b, as two equally sized images. */
function overlap(a: RgbaImage, b: RgbaImage, dx: number, dy: number): [RgbaImage, RgbaImage] {
  const x0 = Math.max(0, -dx);
  const y0 = Math.max(0, -dy);
  const w = Math.min(b.width, a.width - dx) - x0;
  const h = Math.min(b.height, a.height - dy) - y0;
  return [crop(a, x0 + dx, y0 + dy, w, h), crop(b, x0, y0, w, h)];
}

/** The fraction of the aligned 8×8 blocks (edge blocks smaller) whose mean |difference| exceeds maxBlock. */
function badBlockFraction(a: RgbaImage, b: RgbaImage, maxBlock: number): number {
  let bad = 0;
  let total = 0;
  for (let by = 0; by < a.height; by += REPLAY_BLOCK) {
    for (let bx = 0; bx < a.width; bx += REPLAY_BLOCK) {
      let abs = 0;
      let n = 0;
      for (let y = by; y < Math.min(a.height, by + REPLAY_BLOCK); y++) {
        for (let x = bx; x < Math.min(a.width, bx + REPLAY_BLOCK); x++) {
          const p = (y * a.width + x) * 4;
          for (let c = 0; c < 3; c++) abs += Math.abs((a.data[p + c] as number) - (b.data[p + c] as number));
          n += 3;
        }
      }
      total++;
      if (abs / n > maxBlock) bad++;
    }
  }
  return bad / total;
}

/** The shift (dx, dy) of a against b with the least MSE of the overlap, over |dx|, |dy| ≤ reach around (cx, cy). */
function bestShift(a: RgbaImage, b: RgbaImage, cx: number, cy: number, around: number, reach: number) {
  let best = { dx: 0, dy: 0, mse: meanSquared(a, b, 0, 0) };
  for (let dy = Math.max(-reach, cy - around); dy <= Math.min(reach, cy + around); dy++) {
    for (let dx = Math.max(-reach, cx - around); dx <= Math.min(reach, cx + around); dx++) {
      const mse = meanSquared(a, b, dx, dy);
      if (mse < best.mse) best = { dx, dy, mse };
    }
  }
  return best;
}

/**
 * The shift search: at 64 px over |dx|, |dy| ≤ min(6, ⌊short edge / 4⌋); when the comparison is larger (by a factor
 * f = its long edge / 64), refined there over ±⌈f⌉ around f × that shift, within min(⌈6 f⌉, ⌊short edge / 4⌋).
 */
function searchShift(a: RgbaImage, b: RgbaImage): { dx: number; dy: number } {
  const { width, height } = fitLongEdge(a.width, a.height, REPLAY_MIN_LONG_EDGE);
  const coarse = width === a.width && height === a.height;
  const ca = coarse ? a : resize(a, width, height);
  const cb = coarse ? b : resize(b, width, height);
  const c = bestShift(ca, cb, 0, 0, MAX_SHIFT, Math.min(MAX_SHIFT, Math.floor(Math.min(width, height) / 4)));
  if (coarse) return c;
  const f = Math.max(a.width, a.height) / Math.max(width, height);
  const reach = Math.min(Math.ceil(MAX_SHIFT * f), Math.floor(Math.min(a.width, a.height) / 4));
  return bestShift(a, b, Math.round(c.dx * f), Math.round(c.dy * f), Math.ceil(f), reach);
}

/** diagnoseReplay on a pair already at the comparison size (replayComparisonPair). */
export function diagnoseComparison(a: RgbaImage, b: RgbaImage): ReplayDiagnosis {
  const color = replayMetrics(toneCurveFit(a, b), b);
  const colorFits = judgeReplay(color) === 'consistent';
  const best = searchShift(a, b);
  let shiftFits = false;
  let shiftPsnr = 0;
  if (best.dx !== 0 || best.dy !== 0) {
    const [sa, sb] = overlap(a, b, best.dx, best.dy);
    const shifted = replayMetrics(sa, sb);
    shiftFits = judgeReplay(shifted) === 'consistent';
    shiftPsnr = shifted.psnr;
  }
  // On smooth content a shift and a tone change can look alike; the better explanation wins.
  if (shiftFits && (!colorFits || shiftPsnr >= color.psnr)) return 'geometryMismatch';
  if (colorFits) return 'colorMismatch';
  return badBlockFraction(a, b, REPLAY_THRESHOLDS.maxWorstBlockDiff) <= LOCAL_MAX_BLOCK_FRACTION
    ? 'localEdit'
    : 'inconsistent';
}

/** Why the replay of expected against shown is inconsistent (at the comparison size of replay.ts). */
export function diagnoseReplay(expected: RgbaImage, shown: RgbaImage): ReplayDiagnosis {
  const [a, b] = replayComparisonPair(expected, shown);
  return diagnoseComparison(a, b);
}
