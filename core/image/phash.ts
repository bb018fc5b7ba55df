/**
 * The classic 64-bit DCT pHash (phash.org's ph_dct_imagehash layout):
 *  1. float luma Y = 0.299·R + 0.587·G + 0.114·B of the visible pixels (binary64);
 *  2. area-average to 32×32 (exact area weights in both directions, weights.ts areaWeights, no rounding); this
 *     replaces phash.org's 7×7 mean filter + nearest-neighbour resize, which aliases on large photos;
 *  3. P = C·A·Cᵀ with the orthonormal 32-point DCT-II, keeping frequencies 1..8 on each axis (the 8×8 block next to
 *     DC, DC row and column excluded);
 *  4. bit k = (u−1)·8 + (v−1) (u vertical) set iff P[u][v] > the median of the 64 (mean of the 32nd and 33rd);
 *  5. hex: 16 digits of the 64-bit big-endian integer Σ 2^k.
 */
import { bytesToHex } from '../bytes.ts';
import { dct2d, dctRows, sortedCopy, thresholdBits } from './dct.ts';
import { feedLumaRows, SeparableLumaSampler } from './luma-pass.ts';
import { assertRgbaImage, type RgbaImage } from './rgba.ts';
import { areaWeights } from './weights.ts';

export const PHASH_BITS = 64;
export const PHASH_HEX_LENGTH = 16;
const SIZE = 32;
const FREQS = 8;

const DCT = dctRows(
  SIZE,
  Array.from({ length: FREQS }, (_, u) => u + 1),
);

/** A luma consumer producing the 32×32 area averages (sums; divide by width·height). */
export function phashSampler(width: number, height: number): SeparableLumaSampler {
  return new SeparableLumaSampler(areaWeights(height, SIZE), areaWeights(width, SIZE));
}

/** P[u][v] for u, v ∈ 1..8, row-major 8×8, from the sampler's sums. */
export function phashFromSums(sums: Float64Array, width: number, height: number): Float64Array {
  const area = width * height;
  const a = sums.map((s) => s / area);
  return dct2d(a, SIZE, DCT, FREQS);
}

export function phashFromCoefficients(coefficients: Float64Array): string {
  const sorted = sortedCopy(coefficients);
  const median = ((sorted[PHASH_BITS / 2 - 1] as number) + (sorted[PHASH_BITS / 2] as number)) / 2;
  return bytesToHex(thresholdBits(coefficients, median));
}

export function phashCoefficients(img: RgbaImage): Float64Array {
  assertRgbaImage(img);
  const sampler = phashSampler(img.width, img.height);
  feedLumaRows(img, [sampler]);
  return phashFromSums(sampler.out, img.width, img.height);
}

/** 16 lower-case hex digits. */
export function pHash(img: RgbaImage): string {
  return phashFromCoefficients(phashCoefficients(img));
}
