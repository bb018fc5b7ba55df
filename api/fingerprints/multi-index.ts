/**
 * Multi-index hashing (Norouzi, Punjani & Fleet) for perceptual fingerprints: a hash is cut into m chunks, each
 * stored in its own indexed column. If two hashes differ in at most r bits, then by pigeonhole at least one chunk
 * differs in at most floor(r / m) bits, so probing every chunk with all values within that radius finds every
 * candidate; the exact Hamming distance then re-ranks them. Chunks are about log2(stored hashes) bits wide (21–24
 * bits for a million), so a probe finds about one candidate: a 64-bit pHash has 3 chunks, a 256-bit PDQ hash 11.
 */
import { ProvenantError } from '../../core/errors.ts';

export const FINGERPRINT_KINDS = {
  phash: { hexChars: 16, chunkBits: [22, 21, 21], defaultDistance: 8, maxDistance: 11 },
  pdq: { hexChars: 64, chunkBits: [24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23], defaultDistance: 31, maxDistance: 32 },
} as const;

export type FingerprintKind = keyof typeof FINGERPRINT_KINDS;

/** The hash's chunks of the given widths, most significant first. */
export function fingerprintChunks(hex: string, widths: readonly number[]): number[] {
  let rest = BigInt(`0x${hex}`);
  const out: number[] = [];
  for (let i = widths.length - 1; i >= 0; i--) {
    const w = BigInt(widths[i] as number);
    out.push(Number(rest & ((1n << w) - 1n)));
    rest >>= w;
  }
  return out.reverse();
}

/** Every `width`-bit value within Hamming distance `radius` of `value` (value itself first). */
export function chunkNeighbours(value: number, radius: number, width: number): number[] {
  const out = [value];
  const flip = (v: number, from: number, left: number) => {
    for (let bit = from; bit < width; bit++) {
      const w = v ^ (1 << bit);
      out.push(w);
      if (left > 1) flip(w, bit + 1, left - 1);
    }
  };
  if (radius > 0) flip(value, 0, radius);
  return out;
}

/** For each chunk position, the values to probe so that no hash within `maxDistance` is missed. */
export function probeSets(kind: FingerprintKind, hex: string, maxDistance: number): number[][] {
  const widths = FINGERPRINT_KINDS[kind].chunkBits;
  const radius = Math.floor(maxDistance / widths.length);
  return fingerprintChunks(hex, widths).map((c, i) => chunkNeighbours(c, radius, widths[i] as number));
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
