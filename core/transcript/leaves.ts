/**
 * The two kinds of salted leaf in a transcript tree, and their salts. Shared by the builder and the verifier,
 * so both hash exactly the same bytes.
 */
import { bytesToHex, utf8 } from '../bytes.ts';
import { canonicalBytes } from '../canonical.ts';
import { deriveSalt, leafHash, saltedLeafData } from '../merkle/index.ts';

/** Token j of segment i has salt index i·2^20 + j: distinct for every (i, j) with j < 2^20. */
export const TOKEN_SALT_STRIDE = 2 ** 20;

/** The public fields of a segment: what its leaf commits to besides the salt. */
export interface SegmentFields {
  i: number;
  speaker: string;
  t0: number;
  t1: number;
  tokenCount: number;
  tokensRoot: Uint8Array;
}

export function tokenSalt(seed: Uint8Array, segment: number, token: number): Uint8Array {
  return deriveSalt(seed, 'token', segment * TOKEN_SALT_STRIDE + token);
}

export function segmentSalt(seed: Uint8Array, segment: number): Uint8Array {
  return deriveSalt(seed, 'segment', segment);
}

/** leafHash(tagPrefix('token') ‖ salt ‖ UTF-8(raw token)). */
export function tokenLeafHash(salt: Uint8Array, raw: string): Uint8Array {
  return leafHash(saltedLeafData('token', salt, utf8(raw)));
}

/** RFC 8785 bytes of {i, speaker, t0, t1, tokenCount, tokensRoot: hex}. */
export function segmentLeafContent(f: SegmentFields): Uint8Array {
  return canonicalBytes({
    i: f.i,
    speaker: f.speaker,
    t0: f.t0,
    t1: f.t1,
    tokenCount: f.tokenCount,
    tokensRoot: bytesToHex(f.tokensRoot),
  });
}

/** leafHash(tagPrefix('segment') ‖ salt ‖ segmentLeafContent). */
export function segmentLeafHash(salt: Uint8Array, f: SegmentFields): Uint8Array {
  return leafHash(saltedLeafData('segment', salt, segmentLeafContent(f)));
}
