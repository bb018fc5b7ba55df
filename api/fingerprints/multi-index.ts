/**
 * Multi-index hashing (Norouzi, Punjani & Fleet) for perceptual fingerprints: a hash is cut into 16-bit chunks,
 * each stored in its own indexed column. If two hashes differ in at most r bits, then by pigeonhole at least one
 * of the m chunks differs in at most floor(r / m) bits, so probing every chunk with all values within that radius
 * finds every candidate; the exact Hamming distance then re-ranks them.
 */
import { ProvenantError } from '../../core/errors.ts';

export const CHUNK_BITS = 16;

export const FINGERPRINT_KINDS = {
  /** 64-bit pHash: 16 hex digits, 4 chunks. */
  phash: { hexChars: 16, chunks: 4, defaultDistance: 8, maxDistance: 11 },
  /** 256-bit PDQ: 64 hex digits, 16 chunks. */
  pdq: { hexChars: 64, chunks: 16, defaultDistance: 31, maxDistance: 47 },
} as const;

export type FingerprintKind = keyof typeof FINGERPRINT_KINDS;

/** The hash's 16-bit chunks, most significant first. */
export function fingerprintChunks(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 4) out.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** Every 16-bit value within Hamming distance `radius` of `value` (value itself first). */
export function chunkNeighbours(value: number, radius: number): number[] {
  const out = [value];
  const flip = (v: number, from: number, left: number) => {
    for (let bit = from; bit < CHUNK_BITS; bit++) {
      const w = v ^ (1 << bit);
      out.push(w);
      if (left > 1) flip(w, bit + 1, left - 1);
    }
  };
  if (radius > 0) flip(value, 0, radius);
  return out;
}

/** For each chunk position, the values to probe so that no hash within `maxDistance` is missed. */
export function probeSets(hex: string, maxDistance: number): number[][] {
  const chunks = fingerprintChunks(hex);
  const radius = Math.floor(maxDistance / chunks.length);
  return chunks.map((c) => chunkNeighbours(c, radius));
}

const HEX_RE = /^[0-9a-f]+$/;

/** The fingerprint kind a query names by its length; input.invalid for anything else. */
export function fingerprintKindOf(hex: string): FingerprintKind {
  if (HEX_RE.test(hex)) {
    if (hex.length === FINGERPRINT_KINDS.phash.hexChars) return 'phash';
    if (hex.length === FINGERPRINT_KINDS.pdq.hexChars) return 'pdq';
  }
  throw new ProvenantError(
    'input.invalid',
    'fingerprint must be a pHash (16 hex digits) or a PDQ hash (64 hex digits)',
    {
      details: ['fingerprint'],
    },
  );
}
