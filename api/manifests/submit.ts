/** POST /v1/manifests: parse, verify every signature, refuse revoked keys, store exact bytes and log. */
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { SignatureEntry } from '../../core/crypto/signature-entry.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import type { Claim } from '../../core/manifest/claim.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { fastVerifySignatureEntry } from '../crypto/fast-verify.ts';
import type { Db } from '../db/client.ts';
import { fingerprints, manifests, quoteFragments, receipts, revocations, signatures } from '../db/schema/index.ts';
import { fingerprintRow } from '../fingerprints/lookup.ts';
import type { LeafInput } from '../log/sequencer.ts';
import { assertQuoteProven } from '../quotes/check.ts';
import { indexedFragments } from '../quotes/index-form.ts';
import { type Receipt, receiptFromStored, signReceipt } from '../receipts.ts';
import type { Services } from '../services.ts';
import { lookupFields } from './lookup-fields.ts';
import { entryBytesOf } from './signature-rows.ts';

export interface SubmitResult {
  created: boolean;
  id: string;
  logIndex: number;
  receipt: Receipt;
  /** Log indices of signatures that were new in this request (co-signature leaves). */
  newSignatures: number;
}

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
  await assertNotRevoked(s.db, [...new Set(entries.map((e) => e.keyId))], s.now());
  const claim = parsed.manifest.claim;
  if (claim.kind === 'quote') await assertQuoteProven(s.db, claim);
  const fields = lookupFields(claim, parsed.id);
  const first = entries[0] as SignatureEntry;

  return s.sequencer.append<SubmitResult>({
    run: async (tx, { receivedAt, nextIndex }) => {
      const leaves: LeafInput[] = [];
      const [existing] = await tx.select().from(manifests).where(eq(manifests.id, parsed.id));
      const logIndex = existing ? existing.logIndex : nextIndex;
      if (!existing) {
        await tx.insert(manifests).values({
          id: parsed.id,
          kind: claim.kind,
          claimBytes: parsed.claimBytes,
          mediaSha256: fields.mediaSha256,
          pixelsSha256: fields.pixelsSha256,
          phash: fields.phash,
          pdq: fields.pdq,
          parentId: fields.parentId,
          createdAt: fields.createdAt,
          receivedAt,
          logIndex,
        });
        if (fields.phash !== null && fields.pdq !== null) {
          await tx.insert(fingerprints).values(fingerprintRow(parsed.id, fields.phash, fields.pdq));
        }
        if (claim.kind === 'quote') {
          const rows = indexedFragments(claim.quote.text).map((f) => ({
            manifestId: parsed.id,
            sourceId: claim.source.manifestId,
            ...f,
          }));
          if (rows.length > 0) await tx.insert(quoteFragments).values(rows);
        }
        leaves.push({
          kind: 'manifest',
          manifestDigest: parsed.id,
          subjectDigest: fields.subjectDigest,
          signer: first.keyId,
        });
      }
      let newSignatures = 0;
      for (const entry of entries) {
        const { entryBytes, entryDigest } = entryBytesOf(entry);
        // The manifest leaf names the first signer, so that entry shares the manifest's index.
        const isFirstOfNew = !existing && entry === first;
        const index = isFirstOfNew ? logIndex : nextIndex + leaves.length;
        const inserted = await tx
          .insert(signatures)
          .values({
            manifestId: parsed.id,
            entryDigest,
            keyId: entry.keyId,
            role: entry.role,
            entryBytes,
            receivedAt,
            logIndex: index,
          })
          .onConflictDoNothing()
          .returning({ logIndex: signatures.logIndex });
        if (inserted.length > 0 && !isFirstOfNew) {
          leaves.push({
            kind: 'cosignature',
            manifestDigest: parsed.id,
            subjectDigest: entryDigest,
            signer: entry.keyId,
          });
          newSignatures++;
        }
      }
      let receipt: Receipt;
      if (existing) {
        const [stored] = await tx.select().from(receipts).where(eq(receipts.logIndex, logIndex));
        if (!stored) throw new ProvenantError('internal', 'receipt missing for a logged manifest');
        receipt = receiptFromStored(stored.body, stored.sig, s.serviceKey.keyId);
      } else {
        const body = {
          v: 1 as const,
          origin: s.config.LOG_ORIGIN,
          manifestId: parsed.id,
          logIndex,
          receivedAt,
          anchorDeadline: receivedAt + s.config.ANCHOR_DEADLINE_MS,
        };
        const { bodyBytes, sig } = signReceipt(body, s.serviceKey, s.signWithServiceKey);
        await tx.insert(receipts).values({ logIndex, body: bodyBytes, sig });
        receipt = { ...body, keyId: s.serviceKey.keyId, sig };
      }
      return { leaves, result: { created: !existing, id: parsed.id, logIndex, receipt, newSignatures } };
    },
  });
}
