/**
 * Logging verified manifests in bulk: one sequencer batch of submissions costs a few multi-row statements (read
 * what exists, insert manifests, fingerprints, quote fragments, signatures, receipts) instead of several round
 * trips per manifest. Indices follow the order of the batch: a new manifest's leaf (naming its first signer, whose
 * signature row shares that index), then a cosignature leaf for each signature not logged before.
 */
import { and, inArray, lte, sql } from 'drizzle-orm';
import type { SignatureEntry } from '../../core/crypto/signature-entry.ts';
import { ProvenantError } from '../../core/errors.ts';
import type { Claim } from '../../core/manifest/claim.ts';
import type { ParsedManifest } from '../../core/manifest/parse.ts';
import type { Db } from '../db/client.ts';
import { insertRows } from '../db/insert-rows.ts';
import { fingerprints, manifests, quoteFragments, receipts, revocations, signatures } from '../db/schema/index.ts';
import { fingerprintRow } from '../fingerprints/lookup.ts';
import { type BatchContext, type BatchOutcome, type BatchRunner, type LeafInput, settleAll } from '../log/sequencer.ts';
import { indexedFragments } from '../quotes/index-form.ts';
import { type Receipt, receiptFromStored, signReceipt } from '../receipts.ts';
import type { Services } from '../services.ts';
import type { LookupFields } from './lookup-fields.ts';
import { entryBytesOf } from './signature-rows.ts';

/** A submission that parsed, verified and passed every check outside the log transaction. */
export interface VerifiedManifest {
  parsed: ParsedManifest;
  claim: Claim;
  entries: SignatureEntry[];
  fields: LookupFields;
}

export interface SubmitResult {
  created: boolean;
  id: string;
  logIndex: number;
  receipt: Receipt;
  /** Signatures that were new in this request (cosignature leaves). */
  newSignatures: number;
}

const runners = new WeakMap<Services, BatchRunner<VerifiedManifest, SubmitResult>>();

/** One runner per service, so that consecutive submissions share a batch. */
export function manifestBatch(s: Services): BatchRunner<VerifiedManifest, SubmitResult> {
  let runner = runners.get(s);
  if (!runner) {
    runner = { runAll: (tx, inputs, ctx) => logManifests(s, tx, inputs, ctx) };
    runners.set(s, runner);
  }
  return runner;
}

async function logManifests(
  s: Services,
  tx: Db,
  all: VerifiedManifest[],
  { receivedAt, nextIndex, defer }: BatchContext,
): Promise<Array<BatchOutcome<SubmitResult>>> {
  // Revocations are checked here, inside the sequencer's transaction: one query for the whole batch, and none that
  // committed before this batch can be missed. A submission by a revoked key fails alone.
  const keyIds = [...new Set(all.flatMap((m) => m.entries.map((e) => e.keyId)))];
  const ids = [...new Set(all.map((m) => m.parsed.id))];
  // Independent statements go out together: postgres.js pipelines them on the transaction's connection. Their text
  // does not depend on the batch (one array parameter, not a list), so they are prepared once per connection and
  // need no describe round trip (see insert-rows.ts).
  const [revokedRows, stored] = await settleAll([
    tx
      .select({ keyId: revocations.keyId })
      .from(revocations)
      .where(
        and(sql`${revocations.keyId} = any(${sql.param(keyIds)}::text[])`, lte(revocations.effectiveAt, receivedAt)),
      )
      .prepare('batch_revocations')
      .execute(),
    tx
      .select({ id: manifests.id, logIndex: manifests.logIndex })
      .from(manifests)
      .where(sql`${manifests.id} = any(${sql.param(ids)}::text[])`)
      .prepare('batch_manifests')
      .execute(),
  ] as const);
  const revoked = new Set(revokedRows.map((r) => r.keyId));
  const refusals = new Map<VerifiedManifest, ProvenantError>();
  for (const m of all) {
    const bad = [...new Set(m.entries.map((e) => e.keyId))].filter((k) => revoked.has(k));
    if (bad.length > 0) {
      refusals.set(
        m,
        new ProvenantError('policy.refused', 'a signing key is revoked', {
          details: bad.map((k) => `key ${k}: revoked`),
        }),
      );
    }
  }
  const inputs = all.filter((m) => !refusals.has(m));
  const known = new Map<string, { logIndex: number; receipt: Receipt | null }>(
    stored.map((r) => [r.id, { logIndex: r.logIndex, receipt: null }]),
  );
  const seenSignatures = new Set<string>();
  if (stored.length > 0) {
    const storedIds = stored.map((r) => r.id);
    const [sigs, storedReceipts] = await settleAll([
      tx
        .select({ manifestId: signatures.manifestId, entryDigest: signatures.entryDigest })
        .from(signatures)
        .where(inArray(signatures.manifestId, storedIds)),
      tx
        .select()
        .from(receipts)
        .where(
          inArray(
            receipts.logIndex,
            stored.map((r) => r.logIndex),
          ),
        ),
    ] as const);
    for (const g of sigs) seenSignatures.add(`${g.manifestId}:${g.entryDigest}`);
    const byIndex = new Map(storedReceipts.map((r) => [r.logIndex, r]));
    for (const [id, k] of known) {
      const r = byIndex.get(k.logIndex);
      if (!r) throw new ProvenantError('internal', `receipt missing for logged manifest ${id}`);
      k.receipt = receiptFromStored(r.body, r.sig, s.serviceKey.keyId);
    }
  }

  const manifestRows: Array<typeof manifests.$inferInsert> = [];
  const fingerprintRows: Array<typeof fingerprints.$inferInsert> = [];
  const fragmentRows: Array<typeof quoteFragments.$inferInsert> = [];
  const signatureRows: Array<typeof signatures.$inferInsert> = [];
  const receiptRows: Array<typeof receipts.$inferInsert> = [];
  const outcomes = new Map<VerifiedManifest, BatchOutcome<SubmitResult>>();
  let next = nextIndex;

  for (const m of inputs) {
    const { parsed, claim, entries, fields } = m;
    const id = parsed.id;
    const leaves: LeafInput[] = [];
    let k = known.get(id);
    const created = k === undefined;
    const first = entries[0] as SignatureEntry;
    if (!k) {
      const logIndex = next++;
      leaves.push({ kind: 'manifest', manifestDigest: id, subjectDigest: fields.subjectDigest, signer: first.keyId });
      manifestRows.push({
        id,
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
      if (fields.phash !== null && fields.pdq !== null)
        fingerprintRows.push(fingerprintRow(id, fields.phash, fields.pdq));
      if (claim.kind === 'quote') {
        for (const f of indexedFragments(claim.quote.text)) {
          fragmentRows.push({ manifestId: id, sourceId: claim.source.manifestId, ...f });
        }
      }
      const body = {
        v: 1 as const,
        origin: s.config.LOG_ORIGIN,
        manifestId: id,
        logIndex,
        receivedAt,
        anchorDeadline: receivedAt + s.config.ANCHOR_DEADLINE_MS,
      };
      const { bodyBytes, sig } = signReceipt(body, s.serviceKey, s.signWithServiceKey);
      receiptRows.push({ logIndex, body: bodyBytes, sig });
      k = { logIndex, receipt: { ...body, keyId: s.serviceKey.keyId, sig } };
      known.set(id, k);
    }
    let newSignatures = 0;
    for (const entry of entries) {
      const { entryBytes, entryDigest } = entryBytesOf(entry);
      const key = `${id}:${entryDigest}`;
      if (seenSignatures.has(key)) continue;
      seenSignatures.add(key);
      // The manifest leaf names the first signer, so that entry shares the manifest's index.
      const isFirstOfNew = created && entry === first;
      const logIndex = isFirstOfNew ? k.logIndex : next++;
      signatureRows.push({
        manifestId: id,
        entryDigest,
        keyId: entry.keyId,
        role: entry.role,
        entryBytes,
        receivedAt,
        logIndex,
      });
      if (!isFirstOfNew) {
        leaves.push({ kind: 'cosignature', manifestDigest: id, subjectDigest: entryDigest, signer: entry.keyId });
        newSignatures++;
      }
    }
    outcomes.set(m, {
      leaves,
      result: { created, id, logIndex: k.logIndex, receipt: k.receipt as Receipt, newSignatures },
    });
  }

  // The inserts go out with the log's own writes (one round trip); the batch fails if any of them fails.
  if (manifestRows.length > 0) defer(insertRows(tx, manifests, manifestRows));
  if (fingerprintRows.length > 0) defer(insertRows(tx, fingerprints, fingerprintRows));
  if (fragmentRows.length > 0) defer(insertRows(tx, quoteFragments, fragmentRows));
  if (signatureRows.length > 0) defer(insertRows(tx, signatures, signatureRows));
  if (receiptRows.length > 0) defer(insertRows(tx, receipts, receiptRows));
  return all.map((m) => {
    const refused = refusals.get(m);
    return refused ? { refused } : (outcomes.get(m) as BatchOutcome<SubmitResult>);
  });
}
