/**
 * "Close or far" for audio and video whose bytes and packets differ: Chromaprint bit error rates and per-second
 * frame pHash distances with fixed thresholds. A close result is informational (re-encoded, re-muxed); it never
 * proves that no edit happened. The photo comparison (pHash, PDQ) is core's: core/image/similarity.ts.
 */
import { hammingDistance } from '../../core/image/hamming.ts';

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
