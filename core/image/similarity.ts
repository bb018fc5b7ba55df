/**
 * "Close or far" for a picture whose bytes and pixels differ from the signed ones: perceptual distances with fixed
 * thresholds. A close result is informational (re-encoded, resized); it never proves that no local edit happened:
 * small retouches stay within these distances, which is why edits must be declared as derivatives. The signer
 * (signer/verify.ts) and the browser verifier (verifier-extension/src/verify/binding.ts) both use it; audio and
 * video distances are in signer/media/similarity.ts.
 */
import { hammingDistance } from './hamming.ts';

/**
 * Thresholds, calibrated on the generated corpus of tests/signer/binding-corpus.test.ts (16 pictures: smooth
 * photo-like gradients, textures, text, flat shapes; fingerprints of the ≤1024-px reference raster). Honest copies
 * measured pHash ≤ 4 (JPEG q60) and ≤ 8 (half-size WebP), PDQ ≤ 44 where PDQ is usable; a dark box or a clone over
 * 25 % of the area measured pHash ≥ 8, a 2 % dark box pHash ≥ 14. pHash separates best, so it decides; PDQ is a
 * second guard when the picture has enough structure for it (Meta's own match threshold, 31, flags honest
 * half-size copies of text here).
 */
export const PHASH_CLOSE_BITS = 6;
export const PDQ_CLOSE_BITS = 48;
/**
 * PDQ's own guidance: hashes of images with quality below 50 (flat, smooth pictures) are not reliable for matching.
 * For such pictures only pHash (and the aspect ratio) decides.
 */
export const PDQ_MIN_QUALITY = 50;
/**
 * Below this PDQ quality the picture has almost no structure at fingerprint resolution (near-uniform at 64×64), and
 * pHash is noise too: a re-encode and an edit look alike, so no perceptual verdict is given at all.
 */
export const PDQ_FLAT_QUALITY = 10;
/** Relative aspect-ratio change still counted as the same picture (perceptual hashes ignore aspect). */
export const ASPECT_TOLERANCE = 0.02;

export interface PhotoComparison {
  close: boolean;
  pdqBits: number;
  phashBits: number;
  aspectChange: number;
  /** False when the shown picture's PDQ quality is too low for PDQ to count. */
  pdqUsed: boolean;
  /** False for flat pictures, where neither fingerprint can tell close from far (then `close` is false). */
  decidable: boolean;
}

export function comparePhotos(
  claimed: { fingerprints: { pdq: string; phash: string }; width: number; height: number },
  shown: { fingerprints: { pdq: string; phash: string }; width: number; height: number; pdqQuality: number },
): PhotoComparison {
  const pdqBits = hammingDistance(claimed.fingerprints.pdq, shown.fingerprints.pdq);
  const phashBits = hammingDistance(claimed.fingerprints.phash, shown.fingerprints.phash);
  const a = claimed.width / claimed.height;
  const b = shown.width / shown.height;
  const aspectChange = Math.abs(a - b) / a;
  const pdqUsed = shown.pdqQuality >= PDQ_MIN_QUALITY;
  const decidable = shown.pdqQuality >= PDQ_FLAT_QUALITY;
  return {
    close:
      decidable &&
      (!pdqUsed || pdqBits <= PDQ_CLOSE_BITS) &&
      phashBits <= PHASH_CLOSE_BITS &&
      aspectChange <= ASPECT_TOLERANCE,
    pdqBits,
    phashBits,
    aspectChange,
    pdqUsed,
    decidable,
  };
}
