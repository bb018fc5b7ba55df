/**
 * Verifying a QuoteProof against a transcript root taken from a signed transcript claim: everything is
 * recomputed from the revealed words, salts and paths; nothing in the proof is trusted.
 */
import { assertSafeInteger, hexToBytes } from '../bytes.ts';
import { isProvenantError, ProvenantError } from '../errors.ts';
import { verifyRange } from '../merkle/index.ts';
import type { Qv1ParsedQuote } from '../quote/qv1.ts';
import { matchFormQv1 } from '../quote/qv1-chars.ts';
import { segmentLeafHash, tokenLeafHash } from './leaves.ts';
import { asParsedQuote } from './match.ts';
import { type DecodedQuoteProof, type DecodedRun, decodeQuoteProof } from './proof-format.ts';
import { MAX_SEGMENTS } from './segment.ts';

/** Why a proof did not verify: the report codes of core/report, plus a machine-readable detail. */
export type QuoteMismatchReason = 'quote.proof.invalid' | 'quote.mismatch';
export type QuoteMismatchDetail =
  | 'segments' // the segment range proof fails against the root
  | 'tokens' // a token range proof fails against its segment's tokensRoot
  | 'fragments' // the proof has a different number of fragments than the quote
  | 'notContiguous' // a fragment's words are not one contiguous run of the transcript
  | 'words' // the revealed words are not the quote's words
  | 'speaker' // the revealed segments have more than one speaker
  | 'claimedSpeaker' // the attestation names another speaker
  | 'claimedTime'; // the attestation gives another time range

export interface VerifiedFragment {
  /** The revealed raw words, in order. */
  tokens: string[];
}

export type QuoteVerification =
  | {
      match: 'exact';
      speaker: string;
      /** Time range of the revealed segments (ms from the start of the recording). */
      t0: number;
      t1: number;
      /** Indices of the revealed segments, first to last. */
      segments: number[];
      omittedWordCounts: number[];
      fragments: VerifiedFragment[];
      editorial: string[];
    }
  | {
      match: 'none';
      reason: QuoteMismatchReason;
      detail: QuoteMismatchDetail;
      speaker: null;
      t0: null;
      t1: null;
      segments: [];
      omittedWordCounts: [];
      fragments: [];
      editorial: string[];
    };

/** What a quote attestation states besides the text; each given field must equal what the proof shows. */
export interface ClaimedQuote {
  speaker?: string;
  t0?: number;
  t1?: number;
}

function rootBytes(root: string | Uint8Array): Uint8Array {
  if (root instanceof Uint8Array) {
    if (root.length !== 32) throw new ProvenantError('input.invalid', 'transcript root must be 32 bytes');
    return root;
  }
  return hexToBytes(root, 32);
}

/** Checks that the runs are ordered, non-overlapping, inside the revealed segments and cover first and last. */
function assertRunLayout(p: DecodedQuoteProof): void {
  const first = p.segmentStart;
  const last = p.segmentStart + p.segments.length - 1;
  let prev: DecodedRun | undefined;
  for (const [r, run] of p.runs.entries()) {
    const bad = (message: string) =>
      new ProvenantError('proof.malformed', `quote proof: run ${r} ${message}`, { details: [`runs.${r}`] });
    if (run.segment < first || run.segment > last) throw bad('is outside the revealed segments');
    const seg = p.segments[run.segment - first] as { tokenCount: number };
    if (run.start + run.tokens.length > seg.tokenCount) throw bad("runs past its segment's tokenCount");
    if (prev) {
      if (run.fragment !== prev.fragment && run.fragment !== prev.fragment + 1) throw bad('skips a fragment');
      const after =
        run.segment > prev.segment || (run.segment === prev.segment && run.start >= prev.start + prev.tokens.length);
      if (!after) throw bad('overlaps or precedes the run before it');
    } else if (run.fragment !== 0) {
      throw bad('must belong to fragment 0');
    }
    prev = run;
  }
  if (p.runs[0]?.segment !== first || prev?.segment !== last) {
    throw new ProvenantError('proof.malformed', 'quote proof: revealed segments must be exactly those the runs touch', {
      details: ['segments.items'],
    });
  }
}

/**
 * verifyRange, with a proof of the wrong length for this tree treated as not verifying: the tree size comes from
 * the signed claim, and a proof made for another tree must be reported, not thrown.
 */
function rangeVerifies(root: Uint8Array, size: number, start: number, leaves: Uint8Array[], path: Uint8Array[]) {
  try {
    return verifyRange(root, size, start, leaves, path);
  } catch (e) {
    if (isProvenantError(e, 'proof.malformed')) return false;
    throw e;
  }
}

function none(reason: QuoteMismatchReason, detail: QuoteMismatchDetail, editorial: string[]): QuoteVerification {
  return {
    match: 'none',
    reason,
    detail,
    speaker: null,
    t0: null,
    t1: null,
    segments: [],
    omittedWordCounts: [],
    fragments: [],
    editorial,
  };
}

/**
 * Verifies `proof` for `quoteText` against a transcript `root` with `segmentCount` segments (both from the
 * signed transcript claim, never from the proof). Returns match 'none' with a reason when the proof does not
 * verify or shows other words; throws proof.malformed for a proof that is not a well-formed QuoteProof and
 * input.invalid for bad arguments (including a quote without words).
 */
export function verifyQuoteProof(
  quoteText: string | Qv1ParsedQuote,
  proof: unknown,
  root: string | Uint8Array,
  segmentCount: number,
  claimed: ClaimedQuote = {},
): QuoteVerification {
  const quote = asParsedQuote(quoteText);
  const rootHash = rootBytes(root);
  assertSafeInteger(segmentCount, 'segmentCount', 1, MAX_SEGMENTS);
  const p = decodeQuoteProof(proof);
  assertRunLayout(p);
  const editorial = quote.editorial;

  // 1. The revealed segments are leaves [start, start + n) of the transcript tree.
  if (p.segmentStart + p.segments.length > segmentCount) return none('quote.proof.invalid', 'segments', editorial);
  const segmentLeaves = p.segments.map((s) => segmentLeafHash(s.salt, s));
  if (!rangeVerifies(rootHash, segmentCount, p.segmentStart, segmentLeaves, p.segmentProof)) {
    return none('quote.proof.invalid', 'segments', editorial);
  }
  // 2. Each run's words are leaves [start, start + k) of its segment's token tree.
  for (const run of p.runs) {
    const seg = p.segments[run.segment - p.segmentStart] as { tokenCount: number; tokensRoot: Uint8Array };
    const leaves = run.tokens.map((t, k) => tokenLeafHash(run.salts[k] as Uint8Array, t));
    if (!rangeVerifies(seg.tokensRoot, seg.tokenCount, run.start, leaves, run.proof)) {
      return none('quote.proof.invalid', 'tokens', editorial);
    }
  }

  // 3. The proven words are the quote's words: fragment by fragment, each one contiguous.
  const fragmentCount = (p.runs[p.runs.length - 1] as DecodedRun).fragment + 1;
  if (fragmentCount !== quote.fragments.length) return none('quote.mismatch', 'fragments', editorial);
  const tokenCount = (i: number) => (p.segments[i - p.segmentStart] as { tokenCount: number }).tokenCount;
  /** Words strictly between the end of run a and the start of run b (b after a). */
  const wordsBetween = (a: DecodedRun, b: DecodedRun): number => {
    const aEnd = a.start + a.tokens.length;
    if (a.segment === b.segment) return b.start - aEnd;
    let n = tokenCount(a.segment) - aEnd + b.start;
    for (let i = a.segment + 1; i < b.segment; i++) n += tokenCount(i);
    return n;
  };
  const fragments: VerifiedFragment[] = quote.fragments.map(() => ({ tokens: [] }));
  const omittedWordCounts: number[] = [];
  let prev: DecodedRun | undefined;
  for (const run of p.runs) {
    if (prev) {
      const gap = wordsBetween(prev, run);
      if (run.fragment === prev.fragment) {
        if (gap !== 0) return none('quote.mismatch', 'notContiguous', editorial);
      } else {
        omittedWordCounts.push(gap);
      }
    }
    (fragments[run.fragment] as VerifiedFragment).tokens.push(...run.tokens);
    prev = run;
  }
  for (const [k, f] of quote.fragments.entries()) {
    const revealed = (fragments[k] as VerifiedFragment).tokens;
    if (revealed.length !== f.tokens.length) return none('quote.mismatch', 'words', editorial);
    for (let j = 0; j < revealed.length; j++) {
      if (matchFormQv1(revealed[j] as string) !== f.tokens[j]) return none('quote.mismatch', 'words', editorial);
    }
  }

  // 4. One speaker, and the attestation's own statements agree with the proof.
  const speaker = (p.segments[0] as { speaker: string }).speaker;
  if (p.segments.some((s) => s.speaker !== speaker)) return none('quote.mismatch', 'speaker', editorial);
  const t0 = Math.min(...p.segments.map((s) => s.t0));
  const t1 = Math.max(...p.segments.map((s) => s.t1));
  if (claimed.speaker !== undefined && claimed.speaker !== speaker) {
    return none('quote.mismatch', 'claimedSpeaker', editorial);
  }
  if ((claimed.t0 !== undefined && claimed.t0 !== t0) || (claimed.t1 !== undefined && claimed.t1 !== t1)) {
    return none('quote.mismatch', 'claimedTime', editorial);
  }
  return {
    match: 'exact',
    speaker,
    t0,
    t1,
    segments: p.segments.map((s) => s.i),
    omittedWordCounts,
    fragments,
    editorial,
  };
}
