/** Exact quote matching: where a quote's fragments occur, in order, inside one speaker turn. */
import { ProvenantError } from '../errors.ts';
import { parseQuoteQv1, type Qv1ParsedQuote } from '../quote/qv1.ts';
import type { TranscriptTree } from './tree.ts';
import { runsOf, speakerTurns, type TokenRun, type Turn } from './turns.ts';

/** Counting stops here: "ambiguous" needs two, a report needs a rough number. */
export const MAX_COUNTED_MATCHES = 1000;

export interface QuoteMatch {
  speaker: string;
  /** Segments from the first to the last touched one (all of the same speaker). */
  firstSegment: number;
  lastSegment: number;
  t0: number;
  t1: number;
  /** Per fragment, its words as per-segment runs (a fragment may cross into the next segment of the turn). */
  fragments: TokenRun[][];
  /** Words left out at each ellipsis (fragments.length − 1 entries). */
  omittedWordCounts: number[];
  /** Matches starting at distinct places (capped at MAX_COUNTED_MATCHES); the first one is returned. */
  matchCount: number;
  /** True when the words could be attributed to more than one place: the reader should know. */
  ambiguous: boolean;
}

function occursAt(norms: readonly string[], p: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (norms[p + k] !== words[k]) return false;
  return true;
}

/** First p ≥ from with words at p; −1 if none. */
function firstOccurrence(norms: readonly string[], words: readonly string[], from: number): number {
  for (let p = from; p + words.length <= norms.length; p++) if (occursAt(norms, p, words)) return p;
  return -1;
}

/** Last p ≥ minStart with words at p ending at or before maxEnd; −1 if none. */
function lastOccurrence(norms: readonly string[], words: readonly string[], minStart: number, maxEnd: number): number {
  for (let p = maxEnd - words.length; p >= minStart; p--) if (occursAt(norms, p, words)) return p;
  return -1;
}

/** Leftmost placement of fragments 1… after fragment 0 at p0 (greedy is optimal for in-order matching). */
function leftmostFrom(turn: Turn, frags: readonly (readonly string[])[], p0: number): number[] | null {
  const starts = [p0];
  let pos = p0 + (frags[0] as readonly string[]).length;
  for (let k = 1; k < frags.length; k++) {
    const words = frags[k] as readonly string[];
    const p = firstOccurrence(turn.norms, words, pos);
    if (p < 0) return null;
    starts.push(p);
    pos = p + words.length;
  }
  return starts;
}

/** Rightmost placement of fragments 1… given fragment 0 at p0; equals the leftmost one iff it is unique. */
function rightmostFrom(turn: Turn, frags: readonly (readonly string[])[], p0: number): number[] {
  const starts = new Array<number>(frags.length).fill(-1);
  starts[0] = p0;
  const minStart = p0 + (frags[0] as readonly string[]).length;
  let maxEnd = turn.norms.length;
  for (let k = frags.length - 1; k >= 1; k--) {
    const words = frags[k] as readonly string[];
    const p = lastOccurrence(turn.norms, words, minStart, maxEnd);
    starts[k] = p;
    maxEnd = p;
  }
  return starts;
}

function toMatch(
  tree: TranscriptTree,
  turn: Turn,
  frags: readonly (readonly string[])[],
  starts: number[],
): QuoteMatch {
  const fragments = frags.map((words, k) => runsOf(turn, starts[k] as number, (starts[k] as number) + words.length));
  const omittedWordCounts: number[] = [];
  for (let k = 1; k < frags.length; k++) {
    omittedWordCounts.push((starts[k] as number) - (starts[k - 1] as number) - (frags[k - 1]?.length ?? 0));
  }
  const allRuns = fragments.flat();
  const firstSegment = (allRuns[0] as TokenRun).segment;
  const lastSegment = (allRuns[allRuns.length - 1] as TokenRun).segment;
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (let s = firstSegment; s <= lastSegment; s++) {
    const node = tree.segments[s] as { t0: number; t1: number };
    t0 = Math.min(t0, node.t0);
    t1 = Math.max(t1, node.t1);
  }
  return {
    speaker: turn.speaker,
    firstSegment,
    lastSegment,
    t0,
    t1,
    fragments,
    omittedWordCounts,
    matchCount: 1,
    ambiguous: false,
  };
}

/** A quote text (parsed with qv1) or an already parsed quote. */
export function asParsedQuote(quote: string | Qv1ParsedQuote): Qv1ParsedQuote {
  const parsed = typeof quote === 'string' ? parseQuoteQv1(quote) : quote;
  if (parsed.fragments.length === 0) throw new ProvenantError('input.invalid', 'the quote has no words to match');
  return parsed;
}

/**
 * The first exact match of the quote (earliest start in transcript order, then the earliest placement of
 * each later fragment), or null. Throws input.invalid for a quote without words.
 */
export function findQuote(tree: TranscriptTree, quote: string | Qv1ParsedQuote): QuoteMatch | null {
  const frags = asParsedQuote(quote).fragments.map((f) => f.tokens);
  const first = frags[0] as string[];
  let found: QuoteMatch | null = null;
  let count = 0;
  for (const turn of speakerTurns(tree)) {
    for (let p0 = firstOccurrence(turn.norms, first, 0); p0 >= 0; p0 = firstOccurrence(turn.norms, first, p0 + 1)) {
      const starts = leftmostFrom(turn, frags, p0);
      // No completion from p0 means none from any later start either.
      if (!starts) break;
      count++;
      if (!found) {
        found = toMatch(tree, turn, frags, starts);
        const right = rightmostFrom(turn, frags, p0);
        found.ambiguous = right.some((p, k) => p !== starts[k]);
      }
      if (count >= MAX_COUNTED_MATCHES) break;
    }
    if (count >= MAX_COUNTED_MATCHES) break;
  }
  if (!found) return null;
  found.matchCount = count;
  found.ambiguous ||= count > 1;
  return found;
}
