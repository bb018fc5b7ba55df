/**
 * ECDSA P-256 over SHA-256: 33-byte compressed SEC1 public keys, 64-byte compact r ‖ s signatures,
 * low-S only (s ≤ n/2) so every signature has one spelling. Signing is RFC 6979 deterministic.
 */
import { p256 } from '@noble/curves/nist.js';
import { ProvenantError } from '../errors.ts';
import { lowSScalars } from './low-s.ts';

/** The group order n of P-256. */
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

type WPoint = InstanceType<typeof p256.Point>;

/** Accept only the compressed form (0x02/0x03 ‖ x) of a point on the curve, else `key.invalid`. */
export function decodeP256PublicKey(publicKey: Uint8Array): WPoint {
  if (publicKey.length !== 33 || (publicKey[0] !== 2 && publicKey[0] !== 3)) {
    throw new ProvenantError('key.invalid', 'P-256 public key must be a 33-byte compressed SEC1 point');
  }
  try {
    return p256.Point.fromBytes(publicKey);
  } catch (cause) {
    throw new ProvenantError('key.invalid', 'P-256 public key is not a curve point', { cause });
  }
}

export function p256PublicKey(secretKey: Uint8Array): Uint8Array {
  return p256.getPublicKey(secretKey, true);
}

export function p256Sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return p256.sign(message, secretKey, { prehash: true, lowS: true, format: 'compact' });
}

export function p256Verify(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  decodeP256PublicKey(publicKey);
  if (lowSScalars(sig, P256_N) === null) return false;
  return p256.verify(sig, message, publicKey, { prehash: true, lowS: true, format: 'compact' });
}
