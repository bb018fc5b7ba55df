/**
 * Offline verification of a quote attestation: the claim; the newsroom's signatures and identity; the source
 * transcript (found by claim digest in the quote's parents sidecar, beside it, or via --parent), validly signed,
 * its recording binding and its co-signing k of n; and the quote proof against the root and segment count of the
 * SIGNED transcript claim (never the proof's), including the attested speaker and time range. A misquote gets the
 * code of its kind (signer/quote/misquote.ts).
 */
import { isProvenantError } from '../core/errors.ts';
import { evaluateCosigning } from '../core/manifest/cosigning.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { type StatusEntry, status } from '../core/report/entry.ts';
import { verifyQuoteProof } from '../core/transcript/verify.ts';
import { findManifest } from './derive/chain.ts';
import { misquoteCode } from './quote/misquote.ts';
import { EMPTY_TRUST } from './trust.ts';
import type { VerifyOutcome } from './verify.ts';
import { offlineOutcome } from './verify-outcome.ts';
import { checkSigners } from './verify-signers.ts';
import { recordingBinding, type VerifyManifestInput } from './verify-transcript.ts';

function fmtMs(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  return `${hh > 0 ? `${hh}:` : ''}${String(mm).padStart(hh > 0 ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export async function verifyQuote(input: VerifyManifestInput): Promise<VerifyOutcome> {
  const { parsed, manifestPath } = input;
  const trust = input.trust ?? EMPTY_TRUST;
  const parents = input.parents ?? [];
  const claim = parsed.manifest.claim as Extract<typeof parsed.manifest.claim, { kind: 'quote' }>;
  const notes: string[] = [];
  const entries: StatusEntry[] = [status('claim.valid', { subject: parsed.id, detail: claim.kind })];
  const signers = await checkSigners(parsed, manifestPath, trust, entries);
  const identities = [...signers.identities];

  const sourceId = claim.source.claimDigest;
  const source = await findManifest(sourceId, manifestPath, parents);
  const sc = source?.manifest.claim;
  if (source === null || sc === undefined) {
    entries.push(status('quote.source.missing', { subject: sourceId, detail: 'pass --parent <transcript manifest>' }));
  } else if (sc.kind !== 'transcript') {
    entries.push(status('quote.source.invalid', { subject: sourceId, detail: `it is a ${sc.kind} claim` }));
  } else {
    const sourceSignatures = verifyManifestSignatures(source);
    const sourceValid = validKeyIds(sourceSignatures);
    if (sourceValid.length === 0) {
      entries.push(
        status('quote.source.invalid', { subject: sourceId, detail: 'the transcript carries no valid signature' }),
      );
    } else {
      entries.push(
        status('quote.source.ok', {
          subject: sourceId,
          detail: `${sc.transcript.segmentCount} segments, ${sc.transcript.wordCount} words, ${sourceValid.length} valid signer(s)`,
        }),
      );
      entries.push(await recordingBinding(sc, manifestPath, parents));
      entries.push({ ...evaluateCosigning(sc, sourceValid), subject: sourceId });
      let verdict: ReturnType<typeof verifyQuoteProof> | null = null;
      try {
        verdict = verifyQuoteProof(claim.quote.text, claim.proof, sc.transcript.root, sc.transcript.segmentCount, {
          speaker: claim.quote.speaker,
          t0: claim.quote.t0,
          t1: claim.quote.t1,
        });
      } catch (e) {
        if (!isProvenantError(e)) throw e;
        entries.push(status('quote.proof.invalid', { detail: `malformed quote proof (${e.code})` }));
      }
      if (verdict?.match === 'exact') {
        const omitted =
          verdict.omittedWordCounts.length > 0
            ? `, ${verdict.omittedWordCounts.join('+')} word(s) left out at ellipses`
            : '';
        entries.push(
          status('quote.exact', {
            detail: `${verdict.speaker}, ${fmtMs(verdict.t0)}–${fmtMs(verdict.t1)}${omitted}${verdict.editorial.length > 0 ? `; editorial, unverified: ${verdict.editorial.join(' | ')}` : ''}`,
          }),
        );
      } else if (verdict?.match === 'none') {
        const code =
          verdict.reason === 'quote.proof.invalid'
            ? 'quote.proof.invalid'
            : misquoteCode(verdict.detail, claim.quote.text, claim.proof);
        entries.push(status(code, { detail: verdict.detail }));
      }
    }
  }
  if (claim.requiredSigners) entries.push(evaluateCosigning(claim, signers.valid));
  return offlineOutcome({
    entries,
    notes,
    trust,
    validSigners: signers.valid.length,
    manifestPath,
    mediaPath: input.mediaPath,
    manifestId: parsed.id,
    kind: claim.kind,
    identities,
  });
}
