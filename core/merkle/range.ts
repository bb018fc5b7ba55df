/**
 * Range proofs: reveal a contiguous run of leaves [start, end) (a run of transcript words, a run of audio packets)
 * with the minimal set of sibling subtree roots. For a single leaf the proof equals the RFC 9162 inclusion proof.
 */
import { equalBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { checkedDigest, defaultSha256, nodeHashUnchecked, type Sha256 } from './hasher.ts';
import { rootOfRange } from './root.ts';
import { rangeProofShape } from './shape.ts';
import {
  assertHash,
  assertHashList,
  assertProof,
  assertTreeSize,
  MAX_RANGE_PROOF_HASHES,
  splitPoint,
} from './validate.ts';

function assertRange(treeSize: unknown, start: unknown, end: unknown): asserts start is number {
  assertTreeSize(treeSize, 'treeSize');
  assertTreeSize(start, 'start');
  assertTreeSize(end, 'end');
  if (!(start < end && end <= treeSize)) {
    throw new ProvenantError('input.invalid', `range [${start}, ${end}) is empty or not inside a tree of ${treeSize}`);
  }
}

/** Number of hashes in the range proof of [start, end) in a tree of `treeSize` leaves. */
export function rangeProofLength(treeSize: number, start: number, end: number): number {
  assertRange(treeSize, start, end);
  return rangeProofShape(treeSize, start, end).length;
}

/** The proof for leaves [start, end) of the tree of all `leafHashes`. */
export function rangeProof(
  leafHashes: readonly Uint8Array[],
  start: number,
  end: number,
  h: Sha256 = defaultSha256,
): Uint8Array[] {
  assertHashList(leafHashes, 'leafHashes');
  assertRange(leafHashes.length, start, end);
  return rangeProofShape(leafHashes.length, start, end).map(({ lo, hi }) => rootOfRange(leafHashes, lo, hi, h));
}

/**
 * The root implied by the revealed leaves [start, start + rangeLeafHashes.length) and `proof` in a tree of
 * `treeSize` leaves. Throws input.invalid for bad arguments (an empty or out-of-tree range included) and
 * proof.malformed unless the proof has exactly the number of 32-byte hashes this shape needs.
 */
export function rootFromRange(
  treeSize: number,
  start: number,
  rangeLeafHashes: readonly Uint8Array[],
  proof: readonly Uint8Array[],
  h: Sha256 = defaultSha256,
): Uint8Array {
  assertHashList(rangeLeafHashes, 'rangeLeafHashes');
  assertTreeSize(start, 'start');
  const end = start + rangeLeafHashes.length;
  assertRange(treeSize, start, end);
  const shape = rangeProofShape(treeSize, start, end);
  assertProof(proof, shape.length, MAX_RANGE_PROOF_HASHES);
  let next = 0;
  // Mirrors rangeProofShape: the same walk consumes the proof in the order it was produced.
  const fold = (lo: number, hi: number): Uint8Array => {
    if (start <= lo && hi <= end) return rootOfRange(rangeLeafHashes, lo - start, hi - start, h);
    const mid = lo + splitPoint(hi - lo);
    if (end <= mid) {
      const left = fold(lo, mid);
      return nodeHashUnchecked(left, proof[next++] as Uint8Array, h);
    }
    if (start >= mid) {
      const right = fold(mid, hi);
      return nodeHashUnchecked(proof[next++] as Uint8Array, right, h);
    }
    const left = fold(lo, mid);
    return nodeHashUnchecked(left, fold(mid, hi), h);
  };
  return checkedDigest(fold(0, treeSize));
}

/**
 * True iff `proof` shows `rangeLeafHashes` as leaves [start, start + length) of the tree (treeSize, root). A wrong
 * hash gives false; malformed input throws (see rootFromRange).
 */
export function verifyRange(
  root: Uint8Array,
  treeSize: number,
  start: number,
  rangeLeafHashes: readonly Uint8Array[],
  proof: readonly Uint8Array[],
  h: Sha256 = defaultSha256,
): boolean {
  assertHash(root, 'root');
  return equalBytes(rootFromRange(treeSize, start, rangeLeafHashes, proof, h), root);
}
