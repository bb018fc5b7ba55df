/**
 * Names the kind of misquote when a quote proof verifies cryptographically but shows other words than the quote:
 * the revealed words of each fragment are aligned with the quote's words (word edit distance) and the edits say
 * whether words were substituted, inserted or deleted. A substitution wins over the others (it changes what was
 * said); then an insertion (words put in the speaker's mouth); then a deletion.
 */
import { isProvenantError } from '../../core/errors.ts';
import { parseQuoteQv1 } from '../../core/quote/qv1.ts';
import { matchFormQv1 } from '../../core/quote/qv1-chars.ts';
import type { StatusCode } from '../../core/report/codes.ts';
import { decodeQuoteProof } from '../../core/transcript/proof-format.ts';
import type { QuoteMismatchDetail } from '../../core/transcript/verify.ts';

/** Bounds the alignment table (words × words) of one fragment. */
const MAX_CELLS = 4_000_000;

type Edits = { substituted: number; inserted: number; deleted: number };

function edits(quote: readonly string[], shown: readonly string[]): Edits {
  const m = quote.length;
  const n = shown.length;
  if ((m + 1) * (n + 1) > MAX_CELLS) return { substituted: 1, inserted: 0, deleted: 0 };
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j - 1] as number) + (quote[i - 1] === shown[j - 1] ? 0 : 1),
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
      );
    }
  }
  const out: Edits = { substituted: 0, inserted: 0, deleted: 0 };
  let i = m;
  let j = n;
  while (i > 0 || j > 0) {
    const here = (d[i] as number[])[j] as number;
    if (
      i > 0 &&
      j > 0 &&
      here === ((d[i - 1] as number[])[j - 1] as number) + (quote[i - 1] === shown[j - 1] ? 0 : 1)
    ) {
      if (quote[i - 1] !== shown[j - 1]) out.substituted++;
      i--;
      j--;
    } else if (i > 0 && here === ((d[i - 1] as number[])[j] as number) + 1) {
      out.inserted++; // a quote word the transcript does not have there
      i--;
    } else {
      out.deleted++; // a transcript word the quote dropped
      j--;
    }
  }
  return out;
}

/** The words' edits between the quote text and the words its proof reveals. */
function wordsCode(text: string, proof: unknown): StatusCode {
  try {
    const quote = parseQuoteQv1(text);
    const p = decodeQuoteProof(proof);
    const total: Edits = { substituted: 0, inserted: 0, deleted: 0 };
    quote.fragments.forEach((f, k) => {
      const shown = p.runs.filter((r) => r.fragment === k).flatMap((r) => r.tokens.map(matchFormQv1));
      const e = edits(f.tokens, shown);
      total.substituted += e.substituted;
      total.inserted += e.inserted;
      total.deleted += e.deleted;
    });
    if (total.substituted > 0) return 'quote.words.substituted';
    if (total.inserted > 0) return 'quote.words.inserted';
    if (total.deleted > 0) return 'quote.words.deleted';
    return 'quote.mismatch';
  } catch (e) {
    if (isProvenantError(e)) return 'quote.mismatch';
    throw e;
  }
}

export function misquoteCode(detail: QuoteMismatchDetail, text: string, proof: unknown): StatusCode {
  switch (detail) {
    case 'words':
      return wordsCode(text, proof);
    case 'fragments':
    case 'notContiguous':
      return 'quote.splice';
    case 'speaker':
    case 'claimedSpeaker':
      return 'quote.speaker.mismatch';
    case 'claimedTime':
      return 'quote.time.mismatch';
    case 'segments':
    case 'tokens':
      return 'quote.proof.invalid';
  }
}
