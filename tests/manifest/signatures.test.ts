import { describe, expect, it } from 'vitest';
import { bytesToBase64url } from '../../core/bytes.ts';
import { type Alg, generateKey, type SigningKey } from '../../core/crypto/keys.ts';
import { type SignatureEntry, signClaim } from '../../core/crypto/signature-entry.ts';
import { evaluateCosigning, unexpectedSigners } from '../../core/manifest/cosigning.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { validKeyIds, verifyManifestSignatures } from '../../core/manifest/signatures.ts';
import { buildReport } from '../../core/report/report.ts';
import { loadVectors } from '../helpers/vectors.ts';

const { valid } = loadVectors<{ valid: Array<{ name: string; manifest: { claim: Record<string, unknown> } }> }>(
  'manifest-capture-media.json',
);
const episode = (valid.find((v) => v.name === 'audio') as (typeof valid)[number]).manifest.claim;

const ALGS: Alg[] = ['ed25519', 'p256', 'secp256k1'];
const T = 1_767_300_000_000;

function episodeWithSigners(keyIds: string[], threshold: number) {
  return { ...structuredClone(episode), requiredSigners: { keys: keyIds, threshold } };
}

describe('verifyManifestSignatures', () => {
  const keys = ALGS.map((alg) => generateKey(alg));
  const key = (i: number) => keys[i] as SigningKey;

  it('host and guests co-sign in any order, with any algorithm; the id never changes', () => {
    const claim = episodeWithSigners(
      keys.map((k) => k.keyId),
      3,
    );
    const unsigned = parseManifest({ claim, signatures: [] });
    const entries = keys.map((k, i) => signClaim(unsigned.claimDigest, k, i === 0 ? 'capture' : 'cosigner', T + i));

    let signatures: SignatureEntry[] = [];
    for (const [i, entry] of [entries[2], entries[0], entries[1]].entries()) {
      signatures = [...signatures, entry as SignatureEntry];
      const parsed = parseManifest({ claim, signatures });
      expect(parsed.id).toBe(unsigned.id);
      const statuses = verifyManifestSignatures(parsed);
      expect(statuses.map((s) => s.code)).toEqual(signatures.map(() => 'signature.valid'));
      const cosign = evaluateCosigning(parsed.manifest.claim, validKeyIds(statuses));
      expect(cosign.code).toBe(i === 2 ? 'cosign.complete' : 'cosign.partial');
    }
  });

  it('a signature no longer verifies once the claim changes', () => {
    const claim = structuredClone(episode);
    const entry = signClaim(parseManifest({ claim, signatures: [] }).claimDigest, key(1), 'capture', T);
    const edited = { ...claim, title: 'Episode 13' };
    expect(verifyManifestSignatures(parseManifest({ claim: edited, signatures: [entry] })).map((s) => s.code)).toEqual([
      'signature.invalid',
    ]);
  });

  it('reports a public key that is not a curve point as malformed, not as an error', () => {
    const claim = structuredClone(episode);
    const digest = parseManifest({ claim, signatures: [] }).claimDigest;
    const entry = signClaim(digest, key(1), 'capture', T);
    // 0x05 is not a SEC1 compressed-point prefix.
    const bad = { ...entry, publicKey: bytesToBase64url(new Uint8Array(33).fill(5)) };
    const statuses = verifyManifestSignatures(parseManifest({ claim, signatures: [bad] }));
    expect(statuses.map((s) => s.code)).toEqual(['signature.malformed']);
    expect(buildReport(statuses).state).toBe('invalid');
  });

  it('collapses duplicates and lists signers outside the required list', () => {
    const required = keys.slice(0, 2).map((k) => k.keyId);
    const claim = episodeWithSigners(required, 2);
    const digest = parseManifest({ claim, signatures: [] }).claimDigest;
    const a = signClaim(digest, key(0), 'capture', T);
    const a2 = signClaim(digest, key(0), 'publisher', T + 1);
    const outsider = signClaim(digest, key(2), 'publisher', T);
    const statuses = verifyManifestSignatures(parseManifest({ claim, signatures: [a, outsider, a2] }));
    expect(statuses.map((s) => [s.code, s.subject])).toEqual([
      ['signature.valid', a.keyId],
      ['signature.duplicate', a.keyId],
      ['signature.valid', outsider.keyId],
    ]);
    const ids = validKeyIds(statuses);
    expect(evaluateCosigning(claim, ids).code).toBe('cosign.partial');
    expect(unexpectedSigners(claim, ids).map((s) => s.subject)).toEqual([outsider.keyId]);
  });
});
