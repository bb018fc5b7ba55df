/**
 * Server-side signature verification on node:crypto (OpenSSL), with results IDENTICAL to core's noble
 * path — same true/false, same thrown codes — because the rules OpenSSL does not apply are added here:
 *   - every public key first passes core's strict decoder (canonical point, Ed25519 not of small order);
 *   - Ed25519: S < L and R not of small order (OpenSSL checks neither the latter nor A's order), and both
 *     sides use the cofactorless equation;
 *   - P-256: 1 ≤ r < n and low-S (OpenSSL accepts high-S);
 *   - secp256k1 (wallet personal_sign) stays on noble: node:crypto cannot recover keys.
 * Decoded keys are cached: the ingest path sees the same device and newsroom keys over and over.
 */
import { createPublicKey, type KeyObject, verify as nodeVerify } from 'node:crypto';
import { assertBytes, bytesToBase64url, bytesToHex, concatBytes } from '../../core/bytes.ts';
import { type Alg, assertAlg, assertPublicKeyBytes, assertSignatureBytes } from '../../core/crypto/algorithms.ts';
import { isCanonicalScalar, isSmallOrderEncoding } from '../../core/crypto/ed25519.ts';
import { assertValidPublicKey, keyIdOf, verifyBytes } from '../../core/crypto/keys.ts';
import { lowSScalars } from '../../core/crypto/low-s.ts';
import { P256_N } from '../../core/crypto/p256.ts';
import { type EntryVerifier, verifySignatureEntry } from '../../core/crypto/signature-entry.ts';

/** DER SubjectPublicKeyInfo header for an id-ecPublicKey / prime256v1 key with a 33-byte compressed point. */
const P256_COMPRESSED_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00,
]);

const KEY_CACHE_LIMIT = 10_000;

interface CachedKey {
  keyId: string;
  /** Absent for secp256k1, which is verified with noble. */
  keyObject?: KeyObject;
}

const cache = new Map<string, CachedKey>();

function toKeyObject(alg: Alg, publicKey: Uint8Array): KeyObject | undefined {
  if (alg === 'ed25519') {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64url(publicKey) }, format: 'jwk' });
  }
  if (alg === 'p256') {
    return createPublicKey({
      key: Buffer.from(concatBytes(P256_COMPRESSED_SPKI_PREFIX, publicKey)),
      format: 'der',
      type: 'spki',
    });
  }
  return undefined;
}

/** Validates with core's decoder (so `key.invalid` is thrown for exactly the same keys) and caches. */
function cachedKey(alg: Alg, publicKey: Uint8Array): CachedKey {
  const id = `${alg}:${bytesToHex(publicKey)}`;
  const hit = cache.get(id);
  if (hit) return hit;
  assertValidPublicKey(alg, publicKey);
  const entry: CachedKey = { keyId: keyIdOf(alg, publicKey) };
  const keyObject = toKeyObject(alg, publicKey);
  if (keyObject) entry.keyObject = keyObject;
  if (cache.size >= KEY_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(id, entry);
  return entry;
}

/** Drop-in for core's `verifyBytes`: same arguments, same answers, same errors. */
export function fastVerifyBytes(alg: Alg, publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  assertAlg(alg);
  assertPublicKeyBytes(alg, publicKey);
  assertSignatureBytes(alg, sig);
  assertBytes(message, 'message');
  if (alg === 'secp256k1') return verifyBytes(alg, publicKey, message, sig);
  const { keyObject } = cachedKey(alg, publicKey);
  if (!keyObject) return false;
  if (alg === 'ed25519') {
    if (!isCanonicalScalar(sig.subarray(32, 64)) || isSmallOrderEncoding(sig.subarray(0, 32))) return false;
    return nodeVerify(null, message, keyObject, sig);
  }
  if (lowSScalars(sig, P256_N) === null) return false;
  return nodeVerify('sha256', message, { key: keyObject, dsaEncoding: 'ieee-p1363' }, sig);
}

/** Drop-in for core's `keyIdOf`, cached. */
export function fastKeyIdOf(alg: Alg, publicKey: Uint8Array): string {
  assertAlg(alg);
  assertPublicKeyBytes(alg, publicKey);
  return cachedKey(alg, publicKey).keyId;
}

export const FAST_VERIFIER: EntryVerifier = { verifyBytes: fastVerifyBytes, keyIdOf: fastKeyIdOf };

/** core's `verifySignatureEntry` on the node:crypto primitives. */
export function fastVerifySignatureEntry(entry: unknown, claimDigest: Uint8Array): boolean {
  return verifySignatureEntry(entry, claimDigest, FAST_VERIFIER);
}
