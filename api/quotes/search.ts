/**
 * GET /v1/quotes?text=: candidate attestations for a quote as a reader selected it. The server only finds
 * candidates; each comes with its exact signed bytes and its source transcript's, so the client verifies the
 * signatures and the quote proof itself (core/transcript verifyQuoteProof).
 */
import { and, asc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import { bytesToBase64url, fromUtf8 } from '../../core/bytes.ts';
import type { Db } from '../db/client.ts';
import { manifests, quoteFragments, signatures } from '../db/schema/index.ts';
import { indexedFragments } from './index-form.ts';

export const MAX_QUOTE_RESULTS = 50;
/** Substring matching needs a few words: one common word would match half the index. */
const MIN_SUBSTRING_WORDS = 3;

/** exact: a fragment is word for word the text; part: the text is inside a fragment; whole: a fragment is inside the text. */
export type QuoteMatchKind = 'exact' | 'part' | 'whole';

async function manifestWithSignatures(db: Db, id: string) {
  const [m] = await db
    .select({
      id: manifests.id,
      kind: manifests.kind,
      claimBytes: manifests.claimBytes,
      logIndex: manifests.logIndex,
      receivedAt: manifests.receivedAt,
    })
    .from(manifests)
    .where(eq(manifests.id, id));
  if (!m) return null;
  const sigs = await db
    .select({ entryBytes: signatures.entryBytes, logIndex: signatures.logIndex })
    .from(signatures)
    .where(eq(signatures.manifestId, id))
    .orderBy(asc(signatures.logIndex));
  return {
    id: m.id,
    kind: m.kind,
    logIndex: m.logIndex,
    receivedAt: m.receivedAt,
    claimBytes: bytesToBase64url(m.claimBytes),
    claim: JSON.parse(fromUtf8(m.claimBytes)) as unknown,
    signatures: sigs.map((g) => ({ entry: JSON.parse(fromUtf8(g.entryBytes)) as unknown, logIndex: g.logIndex })),
  };
}

export async function searchQuotes(db: Db, text: string) {
  const fragments = indexedFragments(text);
  const long = fragments.filter((f) => f.wordCount >= MIN_SUBSTRING_WORDS);
  const conditions: Array<SQL | undefined> = [
    inArray(
      quoteFragments.digest,
      fragments.map((f) => f.digest),
    ),
  ];
  for (const f of long) {
    conditions.push(sql`strpos(${quoteFragments.words}, ${f.words}) > 0`);
    conditions.push(
      and(sql`strpos(${f.words}, ${quoteFragments.words}) > 0`, gte(quoteFragments.wordCount, MIN_SUBSTRING_WORDS)),
    );
  }
  const rows = await db
    .select({
      manifestId: quoteFragments.manifestId,
      words: quoteFragments.words,
      digest: quoteFragments.digest,
      logIndex: manifests.logIndex,
    })
    .from(quoteFragments)
    .innerJoin(manifests, eq(manifests.id, quoteFragments.manifestId))
    .where(or(...conditions))
    .orderBy(asc(manifests.logIndex))
    .limit(MAX_QUOTE_RESULTS * 8);
  const best = new Map<string, QuoteMatchKind>();
  const rank: Record<QuoteMatchKind, number> = { exact: 0, part: 1, whole: 2 };
  for (const r of rows) {
    const kind: QuoteMatchKind = fragments.some((f) => f.digest === r.digest)
      ? 'exact'
      : long.some((f) => r.words.includes(f.words))
        ? 'part'
        : 'whole';
    const prev = best.get(r.manifestId);
    if (prev === undefined || rank[kind] < rank[prev]) best.set(r.manifestId, kind);
  }
  const ordered = [...best.entries()].sort((a, b) => rank[a[1]] - rank[b[1]]);
  const quotes = [];
  for (const [id, match] of ordered.slice(0, MAX_QUOTE_RESULTS)) {
    const attestation = await manifestWithSignatures(db, id);
    if (!attestation) continue;
    const sourceId = (attestation.claim as { source: { manifestId: string } }).source.manifestId;
    quotes.push({ ...attestation, match, source: await manifestWithSignatures(db, sourceId) });
  }
  return {
    normaliser: 'qv1' as const,
    fragments: fragments.map((f) => f.words.trim()),
    quotes,
    truncated: ordered.length > MAX_QUOTE_RESULTS || rows.length === MAX_QUOTE_RESULTS * 8,
  };
}
