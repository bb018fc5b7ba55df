/**
 * Why a replay failed. Once compareForReplay has judged the shown picture inconsistent with the recipe, these tests
 * say which kind of lie explains it, so the report can name it (each is a failure either way):
 *  - colour: a per-channel tone curve fitted from the replay to the shown pixels makes them consistent → the
 *    recipe misstates brightness, contrast or saturation (a global, monotone change of the pixel values);
 *  - geometry: shifting the replay by a few comparison pixels makes the overlap consistent → the recipe misstates
 *    where the crop is;
 *  - local: otherwise, when few blocks differ → part of the picture was altered (cloned, covered, retouched);
 *  - anything else stays the generic `transform.replay.inconsistent`.
 * All tests run at the replay's comparison resolution (replay-check.ts: ≤ 64 px), on images composited on white.
 */
import { crop } from './ops.ts';
import { compareForReplay, judgeReplay, type ReplayThresholds, replayCompareSize } from './replay.ts';
import { resize } from './resize.ts';
import { compositeOnWhite, type RgbaImage } from './rgba.ts';

export type ReplayDiagnosis = 'colorMismatch' | 'geometryMismatch' | 'localEdit' | 'inconsistent';

/** Largest shift tried, in comparison pixels (~9 % of the 64-px comparison edge). */
export const MAX_SHIFT = 6;
/** A local edit leaves at most this fraction of the 8×8 blocks over the block threshold. */
export const LOCAL_MAX_BLOCK_FRACTION = 0.25;

function comparisonPair(expected: RgbaImage, shown: RgbaImage): [RgbaImage, RgbaImage] {
  const { width, height } = replayCompareSize(expected, shown);
  return [resize(compositeOnWhite(expected), width, height), resize(compositeOnWhite(shown), width, height)];
}

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

function badBlockFraction(a: RgbaImage, b: RgbaImage, maxBlock: number): number {
  let bad = 0;
  let total = 0;
  for (let by = 0; by < a.height; by += 8) {
    for (let bx = 0; bx < a.width; bx += 8) {
      let abs = 0;
      let n = 0;
      for (let y = by; y < Math.min(a.height, by + 8); y++) {
        for (let x = bx; x < Math.min(a.width, bx + 8); x++) {
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

export function diagnoseReplay(expected: RgbaImage, shown: RgbaImage, thresholds: ReplayThresholds): ReplayDiagnosis {
  const [a, b] = comparisonPair(expected, shown);
  const color = compareForReplay(toneCurveFit(a, b), b);
  const colorFits = judgeReplay(color, thresholds) === 'consistent';
  let best = { dx: 0, dy: 0, mse: meanSquared(a, b, 0, 0) };
  const reach = Math.min(MAX_SHIFT, Math.floor(Math.min(a.width, a.height) / 4));
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const mse = meanSquared(a, b, dx, dy);
      if (mse < best.mse) best = { dx, dy, mse };
    }
  }
  let shiftFits = false;
  let shiftPsnr = 0;
  if (best.dx !== 0 || best.dy !== 0) {
    const [sa, sb] = overlap(a, b, best.dx, best.dy);
    const shifted = compareForReplay(sa, sb);
    shiftFits = judgeReplay(shifted, thresholds) === 'consistent';
    shiftPsnr = shifted.psnr;
  }
  // On smooth content a shift and a tone change can look alike; the better explanation wins.
  if (shiftFits && (!colorFits || shiftPsnr >= color.psnr)) return 'geometryMismatch';
  if (colorFits) return 'colorMismatch';
  return badBlockFraction(a, b, thresholds.maxWorstBlockDiff) <= LOCAL_MAX_BLOCK_FRACTION
    ? 'localEdit'
    : 'inconsistent';
}
