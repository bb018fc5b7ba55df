/** Building a QuoteProof: reveal only the quoted words, their salts, and the paths to the root. */
import { bytesToBase64url, bytesToHex, utf8 } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { rangeProof } from '../merkle/index.ts';
import type { Qv1ParsedQuote } from '../quote/qv1.ts';
import { asParsedQuote, findQuote, type QuoteMatch } from './match.ts';
import { QUOTE_PROOF_VERSION, type QuoteProof } from './proof-format.ts';
import type { TranscriptSegmentNode, TranscriptTree } from './tree.ts';

export interface ProvenQuote {
  proof: QuoteProof;
  match: QuoteMatch;
}

/** The proof for a match found by findQuote (or built by hand from runs of the same tree). */
export function buildQuoteProof(tree: TranscriptTree, match: QuoteMatch): QuoteProof {
  const node = (i: number) => tree.segments[i] as TranscriptSegmentNode;
  const items = [];
  for (let i = match.firstSegment; i <= match.lastSegment; i++) {
    const s = node(i);
    items.push({
      speaker: bytesToBase64url(utf8(s.speaker)),
      t0: s.t0,
      t1: s.t1,
      tokenCount: s.tokens.length,
      tokensRoot: bytesToHex(s.tokensRoot),
      salt: bytesToBase64url(s.salt),
    });
  }
  const runs = match.fragments.flatMap((runsOfFragment, fragment) =>
    runsOfFragment.map((run) => {
      const s = node(run.segment);
      return {
        fragment,
        segment: run.segment,
        start: run.start,
        tokens: s.tokens.slice(run.start, run.end).map((t) => bytesToBase64url(utf8(t.raw))),
        salts: s.tokenSalts.slice(run.start, run.end).map(bytesToBase64url),
        proof: rangeProof(s.tokenLeaves, run.start, run.end).map(bytesToHex),
      };
    }),
  );
  return {
    v: QUOTE_PROOF_VERSION,
    normaliser: 'qv1',
    segments: {
      start: match.firstSegment,
      items,
      proof: rangeProof(tree.segmentLeaves, match.firstSegment, match.lastSegment + 1).map(bytesToHex),
    },
    runs,
  };
}

/** Finds the quote (first match) and proves it; throws quote.notFound when the words are not in the transcript. */
export function proveQuote(tree: TranscriptTree, quote: string | Qv1ParsedQuote): ProvenQuote {
  const parsed = asParsedQuote(quote);
  const match = findQuote(tree, parsed);
  if (!match) {
    throw new ProvenantError('quote.notFound', 'the quoted words are not in the transcript as one speaker said them');
  }
  return { proof: buildQuoteProof(tree, match), match };
}
