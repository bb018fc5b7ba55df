/**
 * Speaker turns: maximal runs of consecutive segments with the same speaker. A quote (fragments and the
 * gaps between them) lies inside one turn, so it can never join words of two speakers.
 */
import type { TranscriptTree } from './tree.ts';

export interface Turn {
  readonly speaker: string;
  readonly firstSegment: number;
  readonly lastSegment: number;
  /** Match forms of every word of the turn, in order; position p is word `tok[p]` of segment `seg[p]`. */
  readonly norms: readonly string[];
  readonly seg: Int32Array;
  readonly tok: Int32Array;
}

const cache = new WeakMap<TranscriptTree, readonly Turn[]>();

export function speakerTurns(tree: TranscriptTree): readonly Turn[] {
  const hit = cache.get(tree);
  if (hit) return hit;
  const turns: Turn[] = [];
  let a = 0;
  while (a < tree.segments.length) {
    const speaker = (tree.segments[a] as { speaker: string }).speaker;
    let b = a;
    while (b + 1 < tree.segments.length && tree.segments[b + 1]?.speaker === speaker) b++;
    let count = 0;
    for (let s = a; s <= b; s++) count += tree.segments[s]?.tokens.length ?? 0;
    const norms: string[] = new Array(count);
    const seg = new Int32Array(count);
    const tok = new Int32Array(count);
    let p = 0;
    for (let s = a; s <= b; s++) {
      const tokens = tree.segments[s]?.tokens ?? [];
      for (let j = 0; j < tokens.length; j++) {
        norms[p] = (tokens[j] as { norm: string }).norm;
        seg[p] = s;
        tok[p] = j;
        p++;
      }
    }
    turns.push({ speaker, firstSegment: a, lastSegment: b, norms, seg, tok });
    a = b + 1;
  }
  cache.set(tree, turns);
  return turns;
}

/** A run of words inside one segment: tokens [start, end) of segment `segment`. */
export interface TokenRun {
  segment: number;
  start: number;
  end: number;
}

/** Splits turn positions [from, to) into per-segment runs. */
export function runsOf(turn: Turn, from: number, to: number): TokenRun[] {
  const runs: TokenRun[] = [];
  for (let p = from; p < to; p++) {
    const segment = turn.seg[p] as number;
    const j = turn.tok[p] as number;
    const last = runs[runs.length - 1];
    if (last && last.segment === segment) last.end = j + 1;
    else runs.push({ segment, start: j, end: j + 1 });
  }
  return runs;
}
