/**
 * Word-level edit distance with a diff (substitution, addition, omission = 1), for showing how a selected quote
 * differs from the attested words. Display only: attestation is decided by core's proof check, never by this.
 */
import type { WordDiff } from './verdict.ts';

/** Quotes longer than this are not diffed (the table is n·m cells). */
export const MAX_DIFF_WORDS = 2000;

export function wordDiff(shown: readonly string[], attested: readonly string[]): { distance: number; ops: WordDiff[] } {
  const n = shown.length;
  const m = attested.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => i + j));
  for (let i = 1; i <= n; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= m; j++) {
      const same = shown[i - 1] === attested[j - 1];
      row[j] = Math.min((prev[j - 1] as number) + (same ? 0 : 1), (prev[j] as number) + 1, (row[j - 1] as number) + 1);
    }
  }
  const ops: WordDiff[] = [];
  let i = n;
  let j = m;
  const at = (a: number, b: number) => (d[a] as number[])[b] as number;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && at(i, j) === at(i - 1, j - 1) + (shown[i - 1] === attested[j - 1] ? 0 : 1)) {
      const same = shown[i - 1] === attested[j - 1];
      ops.push({ op: same ? 'same' : 'changed', shown: shown[i - 1] as string, attested: attested[j - 1] as string });
      i--;
      j--;
    } else if (i > 0 && at(i, j) === at(i - 1, j) + 1) {
      ops.push({ op: 'added', shown: shown[i - 1] as string });
      i--;
    } else {
      ops.push({ op: 'missing', attested: attested[j - 1] as string });
      j--;
    }
  }
  return { distance: at(n, m), ops: ops.reverse() };
}

/** Where `needle` occurs as a contiguous run in `haystack`, or -1. */
export function indexOfRun(haystack: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0) return -1;
  outer: for (let p = 0; p + needle.length <= haystack.length; p++) {
    for (let k = 0; k < needle.length; k++) if (haystack[p + k] !== needle[k]) continue outer;
    return p;
  }
  return -1;
}
