/**
 * "Close or far" for media whose bytes and exact hashes differ: perceptual distances with fixed thresholds. A close
 * result is informational (re-encoded, resized, re-muxed); it never proves that no local edit happened: small
 * retouches stay within these distances, which is why edits must be declared as derivatives.
 */
import { hammingDistance } from '../../core/image/hamming.ts';

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

function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Chromaprint bit error rate at or below which two recordings count as the same audio. */
export const CHROMAPRINT_CLOSE_BER = 0.2;
/** Alignment search: ±16 items ≈ ±2 s of chromaprint's ≈ 8 items per second. */
const MAX_OFFSET = 16;

/**
 * The lowest bit error rate between two raw Chromaprint fingerprints over alignments of ±16 items, counting only
 * alignments where at least half of the shorter fingerprint overlaps. Null if nothing overlaps enough.
 */
export function chromaprintBitErrorRate(a: Uint32Array, b: Uint32Array): number | null {
  const minOverlap = Math.max(1, Math.ceil(Math.min(a.length, b.length) / 2));
  let best: number | null = null;
  for (let off = -MAX_OFFSET; off <= MAX_OFFSET; off++) {
    let bits = 0;
    let n = 0;
    for (let i = Math.max(0, -off); i < a.length && i + off < b.length; i++) {
      bits += popcount32(((a[i] as number) ^ (b[i + off] as number)) >>> 0);
      n++;
    }
    if (n < minOverlap) continue;
    const ber = bits / (32 * n);
    if (best === null || ber < best) best = ber;
  }
  return best;
}

/** Mean pHash distance per second at or below which two videos count as the same pictures. */
export const FRAMES_CLOSE_MEAN_BITS = 12;

/** Lowest mean Hamming distance of per-second pHashes over alignments of ±2 s; null without enough overlap. */
export function frameSequenceDistance(a: readonly string[], b: readonly string[]): number | null {
  const minOverlap = Math.max(1, Math.ceil(Math.min(a.length, b.length) / 2));
  let best: number | null = null;
  for (let off = -2; off <= 2; off++) {
    let sum = 0;
    let n = 0;
    for (let i = Math.max(0, -off); i < a.length && i + off < b.length; i++) {
      sum += hammingDistance(a[i] as string, b[i + off] as string);
      n++;
    }
    if (n < minOverlap) continue;
    const mean = sum / n;
    if (best === null || mean < best) best = mean;
  }
  return best;
}
