/**
 * Which subtrees a proof consists of, computed from the tree shape alone (no hashing). Every subtree named here
 * is a node of the RFC 6962 recursion, i.e. D[j·2^t : min((j+1)·2^t, n)] for some level t.
 */
import { isPowerOfTwo, splitPoint } from './validate.ts';

/** The subtree over leaves [lo, hi). */
export interface SubtreeRange {
  lo: number;
  hi: number;
}

/**
 * Range proof of leaves [start, end) in a tree of `size` leaves: the roots of the maximal subtrees outside the
 * range whose sibling intersects it, in the order a verifier folds them (left part first, then right part;
 * within a branch, deepest first). For one leaf this is exactly RFC 9162 PATH(m, D[n]).
 */
export function rangeProofShape(size: number, start: number, end: number): SubtreeRange[] {
  const out: SubtreeRange[] = [];
  const walk = (lo: number, hi: number): void => {
    if (start <= lo && hi <= end) return; // fully revealed: the verifier recomputes it
    const mid = lo + splitPoint(hi - lo);
    if (end <= mid) {
      walk(lo, mid);
      out.push({ lo: mid, hi });
    } else if (start >= mid) {
      walk(mid, hi);
      out.push({ lo, hi: mid });
    } else {
      walk(lo, mid);
      walk(mid, hi);
    }
  };
  walk(0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m < n. */
export function consistencyProofShape(oldSize: number, newSize: number): SubtreeRange[] {
  const out: SubtreeRange[] = [];
  const sub = (m: number, lo: number, hi: number, isOriginal: boolean): void => {
    if (m === hi - lo) {
      // MTH(D[0:m]) is known to the verifier only when this is the original old tree.
      if (!isOriginal) out.push({ lo, hi });
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      sub(m, lo, lo + k, isOriginal);
      out.push({ lo: lo + k, hi });
    } else {
      sub(m - k, lo + k, hi, false);
      out.push({ lo, hi: lo + k });
    }
  };
  sub(oldSize, 0, newSize, true);
  return out;
}

/** Number of hashes in the RFC 9162 inclusion proof of leaf `index` in a tree of `size` leaves (index < size). */
export function inclusionProofLength(index: number, size: number): number {
  // Mirrors the loop of RFC 9162 §2.1.3.2 without hashing: one proof element per iteration until sn reaches 0.
  let fn = index;
  let sn = size - 1;
  let count = 0;
  while (sn > 0) {
    if (fn % 2 === 0 && fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    count++;
  }
  return count;
}

/** Number of hashes in the RFC 9162 consistency proof between sizes 0 < oldSize < newSize. */
export function consistencyProofLength(oldSize: number, newSize: number): number {
  // Mirrors RFC 9162 §2.1.4.2 steps 3–6 without hashing.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let count = 0;
  while (sn > 0) {
    if (fn % 2 === 0 && fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    count++;
  }
  // The path starts with one seed hash, which the verifier supplies itself when oldSize is a power of two.
  return isPowerOfTwo(oldSize) ? count : count + 1;
}
