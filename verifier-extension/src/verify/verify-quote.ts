/**
 * "Verify quote" on selected text. The API returns candidate attestations (signed `quote` manifests) with their
 * source transcripts; for each, locally: both manifests re-parsed (ids computed here, the transcript must be the one
 * the attestation names), signatures, core's verifyQuoteProof against the root and segment count of the signed
 * transcript claim (never the proof's), then the selection compared with the attested words:
 *   - the same words (qv1), or the attested quote contained in the selection → `quote.exact`;
 *   - within a few words (a number, a spelling, a swapped word, words dropped without an ellipsis) → `quote.close`,
 *     with the word diff shown ("close, not exact");
 *   - candidates unrelated to the selection are the server's loose matches: no provenance.
 * When the whole selection finds no candidate, each of its sentences is looked up too (a misquote keeps some intact).
 * Then the newsroom's identity, the transcript's co-signers (k of n), and the attestation's anchor.
 */
import { isProvenantError } from '../../../core/errors.ts';
import type { Claim } from '../../../core/manifest/claim.ts';
import { evaluateCosigning } from '../../../core/manifest/cosigning.ts';
import type { ParsedManifest } from '../../../core/manifest/parse.ts';
import { validKeyIds, verifyManifestSignatures } from '../../../core/manifest/signatures.ts';
import { parseQuoteQv1 } from '../../../core/quote/qv1.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';
import { buildReport } from '../../../core/report/report.ts';
import { verifyQuoteProof } from '../../../core/transcript/verify.ts';
import { checkAnchor } from './anchor-check.ts';
import { ApiError, type QuoteCandidate } from './api-client.ts';
import { fetchKeyMaterial, identityOf } from './identity.ts';
import { loadManifest } from './load-manifest.ts';
import type { QuoteView, SignerView, Verdict } from './verdict.ts';
import { noProvenance, type VerifyContext } from './verify-media.ts';
import { indexOfRun, MAX_DIFF_WORDS, wordDiff } from './word-diff.ts';

const MAX_QUOTE_CANDIDATES = 8;
/**
 * The fallback lookup by sentence: at most this many sentences, each of at least this many words (the API's own
 * minimum for matching inside a fragment).
 */
const MAX_SENTENCE_LOOKUPS = 4;
const MIN_SENTENCE_WORDS = 3;

type QuoteClaim = Extract<Claim, { kind: 'quote' }>;
type TranscriptClaim = Extract<Claim, { kind: 'transcript' }>;

/** How many word edits still count as "close, not exact": a quarter of the quote, at least one. */
export function closeLimit(words: number): number {
  return Math.max(1, Math.floor(words / 4));
}

interface Checked {
  attestation: ParsedManifest;
  transcript: ParsedManifest;
  entries: StatusEntry[];
  view: QuoteView | null;
  /** How well the selection matches: 0 exact, 1 close, 2 unrelated. */
  rank: 0 | 1 | 2;
}

function load(c: { claimBytes: string; signatures: { entry: unknown }[] }): ParsedManifest | null {
  const loaded = loadManifest({ id: '', claimBytes: c.claimBytes, signatures: c.signatures });
  return loaded.ok ? loaded.parsed : null;
}

function checkCandidate(selected: string, candidate: QuoteCandidate): Checked | null {
  const attestation = load(candidate);
  const transcript = candidate.source ? load(candidate.source) : null;
  if (attestation?.manifest.claim.kind !== 'quote' || !transcript) return null;
  const claim = attestation.manifest.claim as QuoteClaim;
  const entries: StatusEntry[] = [status('claim.valid', { subject: attestation.id, detail: 'quote' })];
  entries.push(...verifyManifestSignatures(attestation));
  if (transcript.id !== claim.source.manifestId || transcript.manifest.claim.kind !== 'transcript') {
    entries.push(status('quote.proof.invalid', { detail: 'the API served another transcript than the one attested' }));
    return { attestation, transcript, entries, view: null, rank: 0 };
  }
  const t = transcript.manifest.claim as TranscriptClaim;
  const q = claim.quote;
  let result: ReturnType<typeof verifyQuoteProof>;
  try {
    result = verifyQuoteProof(q.text, claim.proof, t.transcript.root, t.transcript.segmentCount, {
      speaker: q.speaker,
      t0: q.t0,
      t1: q.t1,
    });
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    entries.push(status('quote.proof.invalid', { detail: `the proof is malformed (${e.code})` }));
    return { attestation, transcript, entries, view: null, rank: 0 };
  }
  if (result.match === 'none') {
    entries.push(status(result.reason, { detail: `the attestation does not verify (${result.detail})` }));
    return { attestation, transcript, entries, view: null, rank: 0 };
  }
  const shownTokens = parseQuoteQv1(selected).fragments.flatMap((f) => f.tokens);
  const attested = parseQuoteQv1(q.text).fragments;
  const attestedTokens = attested.flatMap((f) => f.tokens);
  const sameFragments =
    JSON.stringify(parseQuoteQv1(selected).fragments.map((f) => f.tokens)) ===
    JSON.stringify(attested.map((f) => f.tokens));
  const inside = attested.length === 1 && indexOfRun(shownTokens, attestedTokens) >= 0;
  let rank: Checked['rank'];
  let diff: QuoteView['diff'] = null;
  if (sameFragments || inside) {
    rank = 0;
    entries.push(status('quote.exact', { detail: `${attestedTokens.length} words, as attested` }));
  } else if (shownTokens.length <= MAX_DIFF_WORDS && attestedTokens.length <= MAX_DIFF_WORDS) {
    const d = wordDiff(shownTokens, attestedTokens);
    if (d.distance > closeLimit(attestedTokens.length))
      return { attestation, transcript, entries, view: null, rank: 2 };
    rank = 1;
    diff = d.ops;
    entries.push(status('quote.close', { detail: `${d.distance} word(s) differ from the attested quote` }));
  } else {
    return { attestation, transcript, entries, view: null, rank: 2 };
  }
  const view: QuoteView = {
    speaker: result.speaker,
    t0: result.t0,
    t1: result.t1,
    episode: t.title ?? null,
    transcriptId: transcript.id,
    attestedText: q.text,
    fragments: result.fragments.map((f) => f.tokens),
    omittedWordCounts: result.omittedWordCounts,
    editorial: result.editorial,
    diff,
    articleUrl: claim.article?.url ?? null,
  };
  return { attestation, transcript, entries, view, rank };
}

function score(c: Checked): number {
  return (c.entries.some((e) => e.kind === 'failure') ? 10 : 0) + c.rank;
}

/**
 * The selection's sentences, for a second lookup when the whole selection found nothing: the API only finds
 * attestations whose fragments contain the selected words or are contained in them, so a misquote with one word
 * changed inside a one-fragment quote is found only through a sentence it left intact. Same words, no new data.
 */
function sentencesOf(selected: string): string[] {
  const segmenter = new Intl.Segmenter('und', { granularity: 'sentence' });
  const sentences = [...segmenter.segment(selected)]
    .map((s) => s.segment.trim())
    .filter((s) => parseQuoteQv1(s).fragments.flatMap((f) => f.tokens).length >= MIN_SENTENCE_WORDS);
  return sentences.length > 1 ? sentences.slice(0, MAX_SENTENCE_LOOKUPS) : [];
}

function rankCandidates(selected: string, candidates: QuoteCandidate[]): Checked[] {
  return (
    candidates
      .slice(0, MAX_QUOTE_CANDIDATES)
      .map((c) => checkCandidate(selected, c))
      .filter((c): c is Checked => c !== null && c.rank < 2)
      // A candidate that verifies comes before one that fails: anyone can submit a bad one next to a good one.
      .sort((a, b) => score(a) - score(b))
  );
}

export async function verifyQuote(selected: string, ctx: VerifyContext): Promise<Verdict> {
  const notes = ['the selected words were sent to the API to find attestations (the words are on a public page)'];
  let candidates: QuoteCandidate[];
  try {
    candidates = await ctx.api.quotes(selected);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500) throw e;
    return noProvenance([...notes, 'the API found nothing to look up in this selection']);
  }
  let checked = rankCandidates(selected, candidates);
  if (checked.length === 0) {
    const seen = new Map(candidates.map((c) => [c.id, c]));
    for (const sentence of sentencesOf(selected)) {
      try {
        for (const c of await ctx.api.quotes(sentence)) if (!seen.has(c.id)) seen.set(c.id, c);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500) throw e;
      }
    }
    checked = rankCandidates(selected, [...seen.values()]);
  }
  const best = checked[0];
  if (!best) return noProvenance(notes);
  const { attestation, transcript, view } = best;
  const entries = [...best.entries];
  const valid = validKeyIds(entries.filter((e) => e.dimension === 'signatures'));

  const transcriptSignatures = verifyManifestSignatures(transcript);
  const transcriptSigners = validKeyIds(transcriptSignatures);
  entries.push(...transcriptSignatures.map((e) => ({ ...e, detail: `transcript: ${e.detail ?? ''}` })));
  const cosign = evaluateCosigning(transcript.manifest.claim, transcriptSigners);
  entries.push(cosign);

  const anchor = await checkAnchor(attestation.id, ctx.api, ctx.chain);
  const signers: SignerView[] = [];
  const roles = new Map(
    [...attestation.manifest.signatures, ...transcript.manifest.signatures].map((g) => [g.keyId, g.role] as const),
  );
  for (const keyId of [...new Set([...valid, ...transcriptSigners])]) {
    const leaf = anchor.authenticatedLeaf;
    const loggedAt = leaf && leaf.signer === keyId ? leaf.receivedAt : undefined;
    const identity = identityOf(
      keyId,
      roles.get(keyId) ?? null,
      await fetchKeyMaterial(ctx.api, keyId),
      ctx.trust,
      loggedAt,
    );
    entries.push(...identity.entries);
    signers.push(identity.view);
  }
  entries.push(...anchor.entries);
  const required = transcript.manifest.claim.requiredSigners;
  const report = buildReport(entries);
  const a = attestation.manifest.claim as QuoteClaim;
  return {
    state: report.state,
    entries: [...report.entries],
    manifestId: attestation.id,
    kind: 'quote',
    title: a.title ?? null,
    foundBy: null,
    capturedAt: null,
    createdAt: a.createdAt,
    signers,
    cosigning: required
      ? {
          signed: required.keys.filter((k) => transcriptSigners.includes(k)).length,
          required: required.keys.length,
          threshold: required.threshold,
        }
      : null,
    steps: [],
    anchor: anchor.view,
    quote: view,
    notes,
  };
}
