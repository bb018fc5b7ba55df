/**
 * Strict Ed25519 (RFC 8032 §5.1, no ZIP-215 leniency), on @noble/curves primitives.
 *
 * noble's own `ed25519.verify` defaults to ZIP-215 and, even with `zip215: false`, uses the cofactored
 * equation and accepts small-order R. OpenSSL (node:crypto) is cofactorless and accepts small-order A and R.
 * To get ONE answer everywhere we verify with these rules, which both paths implement identically:
 *   - A: canonical encoding (y < p, no "negative zero"), on the curve, not of small order — else `key.invalid`;
 *   - S: canonical, 0 ≤ S < L — else false;
 *   - R: canonical, on the curve, not of small order — else false;
 *   - the cofactorless equation [S]B = R + [k]A with k = SHA-512(R ‖ A ‖ M) mod L (RFC 8032 §5.1.7 allows it).
 * These are libsodium's rules; of the 15 "Taming the many EdDSAs" edge cases they accept exactly case 6.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { bytesToBigIntLE } from './bigint-bytes.ts';

const Point = ed25519.Point;
type EdPoint = InstanceType<typeof Point>;

/** The prime order of the base point: L = 2^252 + 27742317777372353535851937790883648493. */
export const ED25519_L = (1n << 252n) + 27742317777372353535851937790883648493n;

/**
 * The encodings with y < p of the points of order dividing 8: the eight canonical ones plus the two
 * "negative zero" spellings of x = 0 (which strict decoding rejects anyway). The fast verifier checks R
 * against this list instead of decoding it; encodings with y ≥ p never match OpenSSL's re-encoded R.
 */
export const ED25519_SMALL_ORDER_ENCODINGS: readonly string[] = [
  '0100000000000000000000000000000000000000000000000000000000000000', // identity (order 1)
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // (0, -1), order 2
  '0000000000000000000000000000000000000000000000000000000000000000', // order 4
  '0000000000000000000000000000000000000000000000000000000000000080', // order 4
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', // order 8
  '0100000000000000000000000000000000000000000000000000000000000080', // identity with the sign bit set
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', // (0, -1) with the sign bit set
];
const SMALL_ORDER = new Set(ED25519_SMALL_ORDER_ENCODINGS);

export function isSmallOrderEncoding(point: Uint8Array): boolean {
  return SMALL_ORDER.has(bytesToHex(point));
}

/** S is canonical iff its little-endian value is below L (RFC 8032 §5.1.7 step 1). */
export function isCanonicalScalar(s: Uint8Array): boolean {
  return s.length === 32 && bytesToBigIntLE(s) < ED25519_L;
}

/** Decode a public key under the strict rules, or throw `key.invalid`. */
export function decodeEd25519PublicKey(publicKey: Uint8Array): EdPoint {
  let A: EdPoint;
  try {
    A = Point.fromBytes(publicKey, false);
  } catch (cause) {
    throw new ProvenantError('key.invalid', 'Ed25519 public key is not a canonical curve point', { cause });
  }
  if (A.isSmallOrder()) throw new ProvenantError('key.invalid', 'Ed25519 public key is of small order');
  return A;
}

export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/** RFC 8032 deterministic signature (always canonical: S < L, R = [r]B of prime order). */
export function ed25519Sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

/** Lengths are the caller's job (keys.ts); this answers the cryptographic question. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  const A = decodeEd25519PublicKey(publicKey);
  const rBytes = sig.subarray(0, 32);
  const sBytes = sig.subarray(32, 64);
  if (!isCanonicalScalar(sBytes)) return false;
  let R: EdPoint;
  try {
    R = Point.fromBytes(rBytes, false);
  } catch {
    return false;
  }
  if (R.isSmallOrder()) return false;
  const k = bytesToBigIntLE(sha512(concatBytes(rBytes, publicKey, message))) % ED25519_L;
  const S = bytesToBigIntLE(sBytes);
  // Cofactorless: exactly what OpenSSL checks (it re-encodes [S]B − [k]A and compares with R's bytes).
  return Point.BASE.multiplyUnsafe(S).equals(R.add(A.multiplyUnsafe(k)));
}
