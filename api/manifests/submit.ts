/** POST /v1/manifests: parse, verify every signature, refuse revoked keys, store exact bytes and log. */
import { and, inArray, lte } from 'drizzle-orm';
import type { SignatureEntry } from '../../core/crypto/signature-entry.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import type { Claim } from '../../core/manifest/claim.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { fastVerifySignatureEntry } from '../crypto/fast-verify.ts';
import type { Db } from '../db/client.ts';
import { revocations } from '../db/schema/index.ts';
import { assertQuoteProven } from '../quotes/check.ts';
import type { Services } from '../services.ts';
import { lookupFields } from './lookup-fields.ts';
import { manifestBatch, type SubmitResult } from './manifest-batch.ts';

export type { SubmitResult } from './manifest-batch.ts';

/** Throws input.invalid (details: signatures[i]) unless every entry verifies over the claim digest. */
export function assertSignaturesVerify(
  entries: readonly SignatureEntry[],
  claimDigest: Uint8Array,
  path = 'signatures',
): void {
  const bad: string[] = [];
  entries.forEach((entry, i) => {
    try {
      if (!fastVerifySignatureEntry(entry, claimDigest)) bad.push(`${path}[${i}]: signature.invalid`);
    } catch (e) {
      if (!isProvenantError(e)) throw e;
      bad.push(`${path}[${i}]: signature.malformed`);
    }
  });
  if (bad.length > 0) throw new ProvenantError('input.invalid', 'a signature does not verify', { details: bad });
}

/** Refuses signatures by keys whose revocation is already in effect. */
export async function assertNotRevoked(db: Db, keyIds: readonly string[], now: number): Promise<void> {
  if (keyIds.length === 0) return;
  const rows = await db
    .select({ keyId: revocations.keyId })
    .from(revocations)
    .where(and(inArray(revocations.keyId, [...keyIds]), lte(revocations.effectiveAt, now)));
  if (rows.length > 0) {
    throw new ProvenantError('policy.refused', 'a signing key is revoked', {
      details: rows.map((r) => `key ${r.keyId}: revoked`),
    });
  }
}

/** `kinds` restricts which claim kinds this endpoint takes (POST /v1/quotes takes only quotes). */
export async function submitManifest(
  s: Services,
  body: Uint8Array,
  kinds?: readonly Claim['kind'][],
): Promise<SubmitResult> {
  const parsed = parseManifest(body);
  if (kinds && !kinds.includes(parsed.manifest.claim.kind)) {
    throw new ProvenantError('manifest.invalid', `expected a claim of kind ${kinds.join(' or ')}`, {
      details: ['claim.kind'],
    });
  }
  const entries = parsed.manifest.signatures as SignatureEntry[];
  if (entries.length === 0) {
    throw new ProvenantError('manifest.invalid', 'a submitted manifest needs at least one signature', {
      details: ['signatures'],
    });
  }
  assertSignaturesVerify(entries, parsed.claimDigest);
  // Only after the signatures verify: nobody can spend another key's budget with forged entries.
  s.limitKeys(entries.map((e) => e.keyId));
  const claim = parsed.manifest.claim;
  if (claim.kind === 'quote') await assertQuoteProven(s.db, claim);
  const fields = lookupFields(claim, parsed.id);
  return s.sequencer.appendBatched(manifestBatch(s), { parsed, claim, entries, fields });
}
