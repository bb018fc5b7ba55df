/** Consistency proofs between two sizes of one append-only tree (RFC 9162 §2.1.4). */
import { equalBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { defaultSha256, emptyRoot, nodeHashUnchecked, type Sha256 } from './hasher.ts';
import { rootOfRange } from './root.ts';
import { consistencyProofLength, consistencyProofShape } from './shape.ts';
import { assertHash, assertHashList, assertProof, assertTreeSize, isPowerOfTwo } from './validate.ts';

function assertSizes(oldSize: unknown, newSize: unknown): asserts oldSize is number {
  assertTreeSize(oldSize, 'oldSize');
  assertTreeSize(newSize, 'newSize');
  if (oldSize > newSize)
    throw new ProvenantError('input.invalid', `oldSize ${oldSize} is larger than newSize ${newSize}`);
}

/** Expected proof length; 0 for the trivial cases oldSize = 0 and oldSize = newSize. */
function expectedLength(oldSize: number, newSize: number): number {
  return oldSize === 0 || oldSize === newSize ? 0 : consistencyProofLength(oldSize, newSize);
}

/**
 * PROOF(oldSize, D[newSize]) over the first `newSize` of `leafHashes`. Empty when oldSize is 0 or equals newSize
 * (nothing to prove: see verifyConsistency).
 */
export function consistencyProof(
  leafHashes: readonly Uint8Array[],
  oldSize: number,
  newSize: number,
  h: Sha256 = defaultSha256,
): Uint8Array[] {
  assertHashList(leafHashes, 'leafHashes');
  assertSizes(oldSize, newSize);
  if (newSize > leafHashes.length) {
    throw new ProvenantError(
      'input.invalid',
      `newSize ${newSize} is larger than the ${leafHashes.length} leaves given`,
    );
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  return consistencyProofShape(oldSize, newSize).map(({ lo, hi }) => rootOfRange(leafHashes, lo, hi, h));
}

/**
 * True iff `proof` shows that the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot), per RFC 9162
 * §2.1.4.2. Edge cases (RFC 9162 defines proofs only for 0 < m < n): oldSize = newSize needs an empty proof
 * and equal roots; oldSize = 0 needs an empty proof and oldRoot = MTH({}) = SHA-256(""). Throws input.invalid
 * for bad sizes or root lengths (oldSize > newSize included) and proof.malformed for a proof of the wrong length.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
  h: Sha256 = defaultSha256,
): boolean {
  assertSizes(oldSize, newSize);
  assertHash(oldRoot, 'oldRoot');
  assertHash(newRoot, 'newRoot');
  assertProof(proof, expectedLength(oldSize, newSize));
  if (oldSize === newSize) return equalBytes(oldRoot, newRoot);
  if (oldSize === 0) return equalBytes(oldRoot, emptyRoot(h));

  // Step 2: a power-of-two old tree is itself a subtree of the new one, so its root seeds the path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHashUnchecked(c, fr, h);
      sr = nodeHashUnchecked(c, sr, h);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHashUnchecked(sr, c, h);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // sn === 0 always holds here (the proof length was checked); kept as RFC 9162 step 7 states it.
  return equalBytes(fr, oldRoot) && equalBytes(sr, newRoot) && sn === 0;
}
