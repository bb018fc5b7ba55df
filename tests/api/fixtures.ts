/** Signed test manifests built with core from the language-neutral vectors. */
import { utf8 } from '../../core/bytes.ts';
import { generateKey, type SigningKey } from '../../core/crypto/keys.ts';
import { type SignatureEntry, signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { loadVectors } from '../helpers/vectors.ts';

const photo = loadVectors<{ valid: Array<{ manifest: { claim: Record<string, unknown> } }> }>(
  'manifest-capture-photo.json',
).valid[0]?.manifest.claim as Record<string, unknown>;

export const T0 = 1_767_300_000_000;

/** A distinct photo claim per `n` (the file hash is derived from n) so tests can make many. */
export function photoClaim(n: number, sha256?: string): Record<string, unknown> {
  const claim = structuredClone(photo) as { title: string; asset: { sha256: string } };
  claim.title = `Photo ${n}`;
  if (sha256) claim.asset.sha256 = sha256;
  return claim;
}

export function signedManifest(
  claim: Record<string, unknown>,
  signers: SigningKey[],
  role: SignatureEntry['role'] = 'capture',
) {
  const { claimDigest, id } = parseManifest({ claim, signatures: [] });
  const signatures = signers.map((k, i) => signClaim(claimDigest, k, role, T0 + i));
  const manifest = { claim, signatures };
  return { id, claimDigest, manifest, bytes: utf8(JSON.stringify(manifest)) };
}

export function newKey(alg: 'ed25519' | 'p256' | 'secp256k1' = 'ed25519'): SigningKey {
  return generateKey(alg);
}
