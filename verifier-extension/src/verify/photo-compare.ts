/**
 * "Close or far" for a picture whose bytes and pixels differ from the signed ones. The thresholds are the signer's
 * calibrated ones (signer/media/similarity.ts, corpus in tests/signer/binding-corpus.test.ts); the extension may not
 * import signer/, so tests/extension/photo-compare.test.ts checks that both give the same answers.
 */
import { hammingDistance } from '../../../core/image/hamming.ts';

export const PHASH_CLOSE_BITS = 6;
export const PDQ_CLOSE_BITS = 48;
export const PDQ_MIN_QUALITY = 50;
export const PDQ_FLAT_QUALITY = 10;
export const ASPECT_TOLERANCE = 0.02;

export interface PhotoComparison {
  close: boolean;
  decidable: boolean;
  pdqBits: number;
  phashBits: number;
}

export function comparePhoto(
  claimed: { fingerprints: { pdq: string; phash: string }; width: number; height: number },
  shown: { fingerprints: { pdq: string; phash: string }; width: number; height: number; pdqQuality: number },
): PhotoComparison {
  const pdqBits = hammingDistance(claimed.fingerprints.pdq, shown.fingerprints.pdq);
  const phashBits = hammingDistance(claimed.fingerprints.phash, shown.fingerprints.phash);
  const a = claimed.width / claimed.height;
  const aspectChange = Math.abs(a - shown.width / shown.height) / a;
  const pdqUsed = shown.pdqQuality >= PDQ_MIN_QUALITY;
  const decidable = shown.pdqQuality >= PDQ_FLAT_QUALITY;
  return {
    close:
      decidable &&
      (!pdqUsed || pdqBits <= PDQ_CLOSE_BITS) &&
      phashBits <= PHASH_CLOSE_BITS &&
      aspectChange <= ASPECT_TOLERANCE,
    decidable,
    pdqBits,
    phashBits,
  };
}
