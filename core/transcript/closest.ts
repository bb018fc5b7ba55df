/**
 * "Close, not exact": the transcript passage nearest to a quote by word edit distance, and the word-level
 * diff a signer shows when the words are not in the transcript exactly. Ellipses skip words for free.
 */
import { ProvenantError } from '../errors.ts';
import type { Qv1ParsedQuote, Qv1Token } from '../quote/qv1.ts';
import { asParsedQuote } from './match.ts';
import type { TranscriptSegmentNode, TranscriptTree } from './tree.ts';
import { speakerTurns, type Turn } from './turns.ts';

/** Bound on quote words × transcript words: the alignment table is this many bytes. */
export const MAX_CLOSEST_CELLS = 50_000_000;

export type DiffOp =
  | { op: 'same'; quote: string; transcript: string }
  /** Different word (numbers, spellings and word changes are never folded). */
  | { op: 'changed'; quote: string; transcript: string }
  /** In the quote, not in the transcript. */
  | { op: 'added'; quote: string }
  /** In the transcript, left out of the quote without an ellipsis. */
  | { op: 'missing'; transcript: string }
  /** Words an ellipsis stands for. */
  | { op: 'omitted'; count: number };

export interface ClosestMatch {
  /** Word edit distance (substitutions, additions, omissions without an ellipsis); 0 means an exact match. */
  distance: number;
  speaker: string;
  firstSegment: number;
  lastSegment: number;
  t0: number;
  t1: number;
  /** First and last transcript word of the passage. */
  start: { segment: number; token: number };
  end: { segment: number; token: number };
  diff: DiffOp[];
}

enum Step {
  Same = 1,
  Changed = 2,
  Added = 3,
  Missing = 4,
  Omitted = 5,
}

interface Alignment {
  distance: number;
  score: number;
  turn: Turn;
  steps: Step[];
  /** Transcript positions [from, to) the alignment covers. */
  from: number;
  to: number;
}

/** Scores are edits·2^20 − same words: least edits first, then the most words in common (quotes < 2^20 words). */
const EDIT = 2 ** 20;

/**
 * Semi-global word alignment (free start and end in the transcript). Row i holds the best scores after i
 * quote words; in a row where a fragment ends (an ellipsis follows), skipping transcript words is free.
 */
function align(turn: Turn, quote: readonly Qv1Token[], ellipsisRows: ReadonlySet<number>): Alignment | null {
  const m = quote.length;
  const n = turn.norms.length;
  if (n === 0) return null;
  const width = n + 1;
  const table = new Uint8Array((m + 1) * width);
  let prev = new Float64Array(width); // row 0: the passage may start anywhere, for free
  let cur = new Float64Array(width);
  for (let i = 1; i <= m; i++) {
    const q = (quote[i - 1] as Qv1Token).norm;
    const skipCost = ellipsisRows.has(i) ? 0 : EDIT;
    const skipStep = skipCost === 0 ? Step.Omitted : Step.Missing;
    cur[0] = i * EDIT;
    table[i * width] = Step.Added;
    for (let j = 1; j <= n; j++) {
      // Ties prefer aligning words over gaps, then skipping transcript words over adding quote words.
      const same = turn.norms[j - 1] === q;
      let best = (prev[j - 1] as number) + (same ? -1 : EDIT);
      let step = same ? Step.Same : Step.Changed;
      const skip = (cur[j - 1] as number) + skipCost;
      if (skip < best) {
        best = skip;
        step = skipStep;
      }
      const added = (prev[j] as number) + EDIT;
      if (added < best) {
        best = added;
        step = Step.Added;
      }
      cur[j] = best;
      table[i * width + j] = step;
    }
    [prev, cur] = [cur, prev];
  }
  let to = 0;
  for (let j = 1; j <= n; j++) if ((prev[j] as number) < (prev[to] as number)) to = j;
  const steps: Step[] = [];
  let i = m;
  let j = to;
  while (i > 0) {
    const step = table[i * width + j] as Step;
    steps.push(step);
    if (step === Step.Same || step === Step.Changed) {
      i--;
      j--;
    } else if (step === Step.Added) {
      i--;
    } else {
      j--;
    }
  }
  steps.reverse();
  const score = prev[to] as number;
  return { distance: Math.ceil(score / EDIT) || 0, score, turn, steps, from: j, to };
}

function toClosest(tree: TranscriptTree, quote: readonly Qv1Token[], a: Alignment): ClosestMatch {
  const diff: DiffOp[] = [];
  let q = 0;
  let p = a.from;
  const raw = (pos: number) => {
    const node = tree.segments[a.turn.seg[pos] as number] as TranscriptSegmentNode;
    return (node.tokens[a.turn.tok[pos] as number] as Qv1Token).raw;
  };
  let firstPos = -1;
  let lastPos = -1;
  for (const step of a.steps) {
    if (step === Step.Omitted) {
      const last = diff[diff.length - 1];
      if (last?.op === 'omitted') last.count++;
      else diff.push({ op: 'omitted', count: 1 });
      p++;
      continue;
    }
    if (step === Step.Added) {
      diff.push({ op: 'added', quote: (quote[q++] as Qv1Token).raw });
      continue;
    }
    if (firstPos < 0) firstPos = p;
    lastPos = p;
    if (step === Step.Missing) diff.push({ op: 'missing', transcript: raw(p++) });
    else
      diff.push({
        op: step === Step.Same ? 'same' : 'changed',
        quote: (quote[q++] as Qv1Token).raw,
        transcript: raw(p++),
      });
  }
  const segOf = (pos: number) => a.turn.seg[pos] as number;
  const firstSegment = segOf(firstPos);
  const lastSegment = segOf(lastPos);
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (let s = firstSegment; s <= lastSegment; s++) {
    const node = tree.segments[s] as TranscriptSegmentNode;
    t0 = Math.min(t0, node.t0);
    t1 = Math.max(t1, node.t1);
  }
  return {
    distance: a.distance,
    speaker: a.turn.speaker,
    firstSegment,
    lastSegment,
    t0,
    t1,
    start: { segment: firstSegment, token: a.turn.tok[firstPos] as number },
    end: { segment: lastSegment, token: a.turn.tok[lastPos] as number },
    diff,
  };
}

/**
 * The passage of one speaker turn nearest to the quote (least word edit distance; the earliest on ties), with
 * its diff; null when no transcript word equals any quote word. Throws input.invalid for a quote without
 * words and input.tooLarge when quote words × transcript words exceeds MAX_CLOSEST_CELLS.
 */
export function findClosest(quoteText: string | Qv1ParsedQuote, tree: TranscriptTree): ClosestMatch | null {
  const parsed = asParsedQuote(quoteText);
  const quote = parsed.fragmentTokens.flat();
  const ellipsisRows = new Set<number>();
  let row = 0;
  for (const f of parsed.fragmentTokens.slice(0, -1)) {
    row += f.length;
    ellipsisRows.add(row);
  }
  if (quote.length * (tree.wordCount + 1) > MAX_CLOSEST_CELLS) {
    throw new ProvenantError('input.tooLarge', 'quote × transcript is too large to align');
  }
  let best: Alignment | null = null;
  for (const turn of speakerTurns(tree)) {
    const a = align(turn, quote, ellipsisRows);
    if (a?.steps.includes(Step.Same) && (!best || a.score < best.score)) best = a;
  }
  return best ? toClosest(tree, quote, best) : null;
}
