/** Inclusion proofs (RFC 9162 §2.1.3). */
import { equalBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { checkedDigest, defaultSha256, nodeHashUnchecked, type Sha256 } from './hasher.ts';
import { rootOfRange } from './root.ts';
import { inclusionProofLength, rangeProofShape } from './shape.ts';
import { assertHash, assertHashList, assertProof, assertTreeSize } from './validate.ts';

function assertIndexInTree(index: unknown, treeSize: unknown): asserts index is number {
  assertTreeSize(treeSize, 'treeSize');
  assertTreeSize(index, 'index');
  if (index >= treeSize)
    throw new ProvenantError('input.invalid', `index ${index} is not inside a tree of ${treeSize}`);
}

/** PATH(index, D[n]) for the tree of all `leafHashes` (n = leafHashes.length), deepest sibling first. */
export function inclusionProof(
  leafHashes: readonly Uint8Array[],
  index: number,
  h: Sha256 = defaultSha256,
): Uint8Array[] {
  assertHashList(leafHashes, 'leafHashes');
  assertIndexInTree(index, leafHashes.length);
  return rangeProofShape(leafHashes.length, index, index + 1).map(({ lo, hi }) => rootOfRange(leafHashes, lo, hi, h));
}

/**
 * The root that `proof` implies for `leafHash` at `index` in a tree of `treeSize` leaves (RFC 9162 §2.1.3.2).
 * Throws input.invalid for bad arguments and proof.malformed unless the proof has exactly the number of 32-byte
 * hashes this (index, treeSize) needs.
 */
export function rootFromInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  h: Sha256 = defaultSha256,
): Uint8Array {
  assertHash(leafHash, 'leafHash');
  assertIndexInTree(index, treeSize);
  assertProof(proof, inclusionProofLength(index, treeSize));
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHashUnchecked(p, r, h);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHashUnchecked(r, p, h);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return r === leafHash ? leafHash.slice() : checkedDigest(r);
}

/**
 * True iff `proof` shows `leafHash` at `index` in the tree of `treeSize` leaves with `root`. A wrong hash anywhere
 * gives false; malformed input (sizes, hash lengths, a proof of the wrong length for this shape) throws.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  h: Sha256 = defaultSha256,
): boolean {
  assertHash(root, 'root');
  return equalBytes(rootFromInclusion(leafHash, index, treeSize, proof, h), root);
}
