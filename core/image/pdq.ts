/**
 * A 256-bit PDQ-style perceptual hash, after Meta's PDQ (ThreatExchange pdq/, "pdqhash-2017-10-09.pdf"):
 *  1. float luma Y = 0.299·R + 0.587·G + 0.114·B of the visible pixels (binary64; the reference uses float32);
 *  2. a Jarosz tent filter: the reference's box1DFloat run along rows, then columns, twice, with window
 *     W = ⌈n/128⌉ per axis (n = that axis's length); output o averages inputs [o − (W − h), o + h − 1] ∩ [0, n − 1]
 *     with h = ⌊(W+2)/2⌋;
 *  3. decimation to 64×64: sample (i, j) = filtered[⌊(i + ½)·rows/64⌋][⌊(j + ½)·cols/64⌋];
 *  4. B = D·A·Dᵀ with the 16×64 matrix D[u][x] = √(2/64)·cos(π·(u+1)·(2x+1)/128): frequencies 1..16, no DC;
 *  5. bit k = u·16 + v set iff B[u][v] > the lower median (the 128th smallest of the 256);
 *  6. hex: the 256-bit big-endian integer Σ 2^k (the reference's word-15-first format).
 * quality ∈ 0..100: Σ over horizontally and vertically adjacent samples of |trunc((a − b)·100/255)|, divided by 90,
 * truncated, capped at 100. Images with an edge below 5 px get the all-zero hash and quality 0, as in the reference.
 *
 * The filter is linear and separable, so instead of filtering the whole image this computes the 64 × 64 samples
 * directly from the composite tent weights of each sampled row and column (equal in exact arithmetic; float
 * results differ from the literal four-pass filter by rounding only, ~1e-13 relative).
 */

import { bytesToHex } from '../bytes.ts';
import { dct2d, dctRows, sortedCopy, thresholdBits } from './dct.ts';
import { feedLumaRows, SeparableLumaSampler } from './luma-pass.ts';
import { assertRgbaImage, type RgbaImage } from './rgba.ts';
import type { AxisWeights } from './weights.ts';

export const PDQ_BITS = 256;
export const PDQ_HEX_LENGTH = 64;
const SAMPLES = 64;
const FREQS = 16;
const MIN_SIDE = 5;

const DCT = dctRows(
  SAMPLES,
  Array.from({ length: FREQS }, (_, u) => u + 1),
);

/** The box window of box1DFloat for an axis of n pixels. */
export function jaroszWindow(n: number): number {
  return Math.floor((n + 2 * SAMPLES - 1) / (2 * SAMPLES));
}

/** The 64 sample positions ⌊(i + ½)·n/64⌋ of the decimation. */
export function decimationPositions(n: number): number[] {
  return Array.from({ length: SAMPLES }, (_, i) => Math.trunc(((i + 0.5) * n) / SAMPLES));
}

/** Composite weights of the two box passes at each decimation position of an axis of n pixels. */
export function jaroszSampleWeights(n: number): AxisWeights {
  const window = jaroszWindow(n);
  const half = Math.floor((window + 2) / 2);
  const lo = (o: number) => Math.max(0, o - (window - half));
  const hi = (o: number) => Math.min(n - 1, o + half - 1);
  // Per sample: a dense run of weights over [lo(lo(p)), hi(hi(p))], accumulated m by m in ascending order.
  const runs = decimationPositions(n).map((p) => {
    const first = lo(lo(p));
    const dense = new Float64Array(hi(hi(p)) - first + 1);
    const cp = hi(p) - lo(p) + 1;
    for (let m = lo(p); m <= hi(p); m++) {
      const w = 1 / (cp * (hi(m) - lo(m) + 1));
      for (let k = lo(m); k <= hi(m); k++) dense[k - first] = (dense[k - first] as number) + w;
    }
    return { first, dense };
  });
  const start = new Int32Array(SAMPLES + 1);
  let total = 0;
  runs.forEach((r, i) => {
    start[i] = total;
    total += r.dense.length;
  });
  start[SAMPLES] = total;
  const index = new Int32Array(total);
  const weight = new Float64Array(total);
  let k = 0;
  for (const { first, dense } of runs) {
    for (let j = 0; j < dense.length; j++) {
      index[k] = first + j;
      weight[k++] = dense[j] as number;
    }
  }
  return { source: n, target: SAMPLES, divisor: 1, start, index, weight };
}

/** A luma consumer producing the 64×64 decimated, tent-filtered image (null for images below 5 px). */
export function pdqSampler(width: number, height: number): SeparableLumaSampler | null {
  if (width < MIN_SIDE || height < MIN_SIDE) return null;
  return new SeparableLumaSampler(jaroszSampleWeights(height), jaroszSampleWeights(width));
}

export function pdqQuality(samples: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const a = samples[i * SAMPLES + j] as number;
      if (i + 1 < SAMPLES) sum += Math.abs(Math.trunc(((a - (samples[(i + 1) * SAMPLES + j] as number)) * 100) / 255));
      if (j + 1 < SAMPLES) sum += Math.abs(Math.trunc(((a - (samples[i * SAMPLES + j + 1] as number)) * 100) / 255));
    }
  }
  return Math.min(100, Math.trunc(sum / 90));
}

export interface PdqResult {
  /** 64 lower-case hex digits. */
  readonly hash: string;
  readonly quality: number;
}

export interface PdqCoefficients {
  /** B[u][v], row-major 16×16 (u: vertical frequency − 1); null when the image is below 5 px. */
  readonly coefficients: Float64Array | null;
  readonly quality: number;
}

export function pdqFromSamples(samples: Float64Array | null): PdqCoefficients {
  if (samples === null) return { coefficients: null, quality: 0 };
  return { coefficients: dct2d(samples, SAMPLES, DCT, FREQS), quality: pdqQuality(samples) };
}

export function pdqHashFromCoefficients(c: PdqCoefficients): PdqResult {
  if (c.coefficients === null) return { hash: '0'.repeat(PDQ_HEX_LENGTH), quality: 0 };
  const median = sortedCopy(c.coefficients)[PDQ_BITS / 2 - 1] as number;
  return { hash: bytesToHex(thresholdBits(c.coefficients, median)), quality: c.quality };
}

export function pdqCoefficients(img: RgbaImage): PdqCoefficients {
  assertRgbaImage(img);
  const sampler = pdqSampler(img.width, img.height);
  if (sampler) feedLumaRows(img, [sampler]);
  return pdqFromSamples(sampler ? sampler.out : null);
}

export function pdqHash(img: RgbaImage): PdqResult {
  return pdqHashFromCoefficients(pdqCoefficients(img));
}
