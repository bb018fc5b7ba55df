/**
 * Keys and the low-level per-algorithm sign/verify primitives. For secp256k1 these apply EIP-191
 * `personal_sign` to the message, so a wallet can produce the same signature.
 */
import { assertBytes, bytesToHex, utf8 } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { taggedHash } from '../hash.ts';
import { ALG_SIZES, type Alg, assertAlg, assertPublicKeyBytes, assertSignatureBytes } from './algorithms.ts';
import { bytesToBigIntBE } from './bigint-bytes.ts';
import { decodeEd25519PublicKey, ed25519PublicKey, ed25519Sign, ed25519Verify } from './ed25519.ts';
import { ethereumAddress } from './ethereum-address.ts';
import { decodeP256PublicKey, P256_N, p256PublicKey, p256Sign, p256Verify } from './p256.ts';
import {
  decodeSecp256k1PublicKey,
  personalSign,
  SECP256K1_N,
  secp256k1PublicKey,
  secp256k1Verify,
} from './secp256k1.ts';

export type { Alg } from './algorithms.ts';

export interface SigningKey {
  readonly alg: Alg;
  /** Raw Ed25519 key, or 33-byte compressed SEC1 point. */
  readonly publicKey: Uint8Array;
  /** Ed25519 seed, or the 32-byte big-endian ECDSA scalar. */
  readonly secretKey: Uint8Array;
  readonly keyId: string;
}

export type RandomBytes = (length: number) => Uint8Array;

export const defaultRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** Bound on rejection sampling: an ECDSA draw is out of range with probability < 2^-32 per attempt. */
const MAX_KEYGEN_ATTEMPTS = 64;

function isValidSecretKey(alg: Alg, secretKey: Uint8Array): boolean {
  if (secretKey.length !== ALG_SIZES[alg].secretKey) return false;
  if (alg === 'ed25519') return true;
  const d = bytesToBigIntBE(secretKey);
  return d > 0n && d < (alg === 'p256' ? P256_N : SECP256K1_N);
}

/** Throws `key.invalid` unless `publicKey` is an acceptable wire encoding of a valid point for `alg`. */
export function assertValidPublicKey(alg: Alg, publicKey: unknown): asserts publicKey is Uint8Array {
  assertAlg(alg);
  assertPublicKeyBytes(alg, publicKey);
  if (alg === 'ed25519') decodeEd25519PublicKey(publicKey);
  else if (alg === 'p256') decodeP256PublicKey(publicKey);
  else decodeSecp256k1PublicKey(publicKey);
}

/**
 * Ed25519 / P-256: hex(taggedHash('keyId', utf8(alg) ‖ 0x00 ‖ publicKey)).
 * secp256k1: the EIP-55 checksummed Ethereum address, so a wallet user recognises their key id.
 */
export function keyIdOf(alg: Alg, publicKey: Uint8Array): string {
  assertValidPublicKey(alg, publicKey);
  if (alg === 'secp256k1') return ethereumAddress(publicKey);
  return bytesToHex(taggedHash('keyId', utf8(alg), Uint8Array.of(0), publicKey));
}

function derivePublicKey(alg: Alg, secretKey: Uint8Array): Uint8Array {
  if (alg === 'ed25519') return ed25519PublicKey(secretKey);
  if (alg === 'p256') return p256PublicKey(secretKey);
  return secp256k1PublicKey(secretKey);
}

export function keyFromSecret(alg: Alg, secretKey: Uint8Array): SigningKey {
  assertAlg(alg);
  if (!(secretKey instanceof Uint8Array) || !isValidSecretKey(alg, secretKey)) {
    throw new ProvenantError('key.invalid', `${alg} secret key must be 32 bytes (an ECDSA scalar in [1, n-1])`);
  }
  const own = secretKey.slice();
  const publicKey = derivePublicKey(alg, own);
  return { alg, publicKey, secretKey: own, keyId: keyIdOf(alg, publicKey) };
}

/**
 * A fresh key. `randomBytes` is injectable so seeds and tests are deterministic: the first 32-byte draw
 * that is a valid secret key IS the secret key (ECDSA draws outside [1, n-1] are rejected and redrawn).
 */
export function generateKey(alg: Alg, randomBytes: RandomBytes = defaultRandomBytes): SigningKey {
  assertAlg(alg);
  for (let attempt = 0; attempt < MAX_KEYGEN_ATTEMPTS; attempt++) {
    const draw = randomBytes(32);
    assertBytes(draw, 'random bytes', 32);
    if (isValidSecretKey(alg, draw)) return keyFromSecret(alg, draw);
  }
  throw new ProvenantError('internal', `random source gave no valid ${alg} secret key in ${MAX_KEYGEN_ATTEMPTS} draws`);
}

/** Ed25519: RFC 8032. P-256: ECDSA over SHA-256(message), low-S, r ‖ s. secp256k1: personal_sign(message). */
export function signBytes(key: SigningKey, message: Uint8Array): Uint8Array {
  assertAlg(key.alg);
  assertBytes(message, 'message');
  if (!(key.secretKey instanceof Uint8Array) || !isValidSecretKey(key.alg, key.secretKey)) {
    throw new ProvenantError('key.invalid', `${key.alg} secret key is invalid`);
  }
  if (key.alg === 'ed25519') return ed25519Sign(key.secretKey, message);
  if (key.alg === 'p256') return p256Sign(key.secretKey, message);
  return personalSign(key.secretKey, message);
}

/**
 * True iff `sig` is a valid signature by `publicKey` on `message` under the strict rules.
 * Throws `key.unsupportedAlg`, `key.invalid` (public key not an acceptable point) or `signature.malformed`
 * (wrong length; secp256k1 v ∉ {27, 28}); a cryptographically bad signature is simply false.
 */
export function verifyBytes(alg: Alg, publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  assertAlg(alg);
  assertPublicKeyBytes(alg, publicKey);
  assertSignatureBytes(alg, sig);
  assertBytes(message, 'message');
  if (alg === 'ed25519') return ed25519Verify(publicKey, message, sig);
  if (alg === 'p256') return p256Verify(publicKey, message, sig);
  return secp256k1Verify(publicKey, message, sig);
}

export type BytesVerifier = typeof verifyBytes;
