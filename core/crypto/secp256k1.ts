/**
 * secp256k1 with EIP-191 `personal_sign`, so people can co-sign with an Ethereum wallet.
 * Signature = r ‖ s ‖ v (65 bytes) with v ∈ {27, 28}, low-S only; verification recovers the key.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, equalBytes, utf8 } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { lowSScalars } from './low-s.ts';

/** The group order n of secp256k1. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** EIP-191 version 0x45: keccak256("\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message). */
export function eip191Hash(message: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(utf8(`\x19Ethereum Signed Message:\n${message.length}`), message));
}

/** Accept only the compressed form of a point on the curve, else `key.invalid`. */
export function decodeSecp256k1PublicKey(publicKey: Uint8Array): InstanceType<typeof secp256k1.Point> {
  if (publicKey.length !== 33 || (publicKey[0] !== 2 && publicKey[0] !== 3)) {
    throw new ProvenantError('key.invalid', 'secp256k1 public key must be a 33-byte compressed SEC1 point');
  }
  try {
    return secp256k1.Point.fromBytes(publicKey);
  } catch (cause) {
    throw new ProvenantError('key.invalid', 'secp256k1 public key is not a curve point', { cause });
  }
}

export function secp256k1PublicKey(secretKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(secretKey, true);
}

/** What a wallet's `personal_sign(message)` returns, as bytes. */
export function personalSign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const rec = secp256k1.sign(eip191Hash(message), secretKey, { prehash: false, lowS: true, format: 'recovered' });
  const recovery = rec[0] as number;
  // Recovery ids 2 and 3 (x ≥ n) happen with probability ~2^-128 and Ethereum's v cannot express them.
  if (recovery > 1) throw new ProvenantError('internal', 'secp256k1 signature needs recovery id > 1');
  return concatBytes(rec.subarray(1), Uint8Array.of(27 + recovery));
}

/**
 * The compressed public key that produced `sig` over `message`, or null when the signature is invalid
 * (r or s out of range, high S, no such point). A v other than 27 or 28 is `signature.malformed`.
 */
export function recoverPersonalSign(message: Uint8Array, sig: Uint8Array): Uint8Array | null {
  const v = sig[64];
  if (sig.length !== 65 || (v !== 27 && v !== 28)) {
    throw new ProvenantError('signature.malformed', 'personal_sign signature must be r ‖ s ‖ v with v = 27 or 28');
  }
  if (lowSScalars(sig, SECP256K1_N) === null) return null;
  try {
    const rec = concatBytes(Uint8Array.of(v - 27), sig.subarray(0, 64));
    return secp256k1.recoverPublicKey(rec, eip191Hash(message), { prehash: false });
  } catch {
    return null;
  }
}

export function secp256k1Verify(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  decodeSecp256k1PublicKey(publicKey);
  const recovered = recoverPersonalSign(message, sig);
  return recovered !== null && equalBytes(recovered, publicKey);
}
