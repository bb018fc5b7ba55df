/** Hostile and malformed inputs: every one is a ProvenantError with a stable code, never a crash or a "true". */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import {
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  leafHash,
  MAX_PROOF_HASHES,
  MerkleTree,
  merkleRoot,
  nodeHash,
  rangeProof,
  rangeProofLength,
  verifyConsistency,
  verifyInclusion,
  verifyRange,
} from '../../core/merkle/index.ts';

const leaves = Array.from({ length: 13 }, (_, i) => leafHash(utf8(`x${i}`)));
const root = merkleRoot(leaves);
const proof5 = inclusionProof(leaves, 5);
const h32 = leaves[0] as Uint8Array;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isProvenantError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

const badNumbers: unknown[] = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3', 3n, null, undefined, {}];
const badHashes: unknown[] = [
  new Uint8Array(31),
  new Uint8Array(33),
  new Uint8Array(0),
  'a'.repeat(64),
  Array.from(h32),
  null,
  h32.buffer,
];

describe('hostile inputs to the verifiers', () => {
  it('bad indices and sizes are input.invalid', () => {
    for (const bad of badNumbers) {
      expect(codeOf(() => verifyInclusion(h32, bad as number, 13, proof5, root))).toBe('input.invalid');
      expect(codeOf(() => verifyInclusion(h32, 5, bad as number, proof5, root))).toBe('input.invalid');
      expect(codeOf(() => verifyConsistency(bad as number, 13, root, root, []))).toBe('input.invalid');
      expect(codeOf(() => verifyConsistency(3, bad as number, root, root, []))).toBe('input.invalid');
      expect(codeOf(() => verifyRange(root, 13, bad as number, [h32], proof5))).toBe('input.invalid');
      expect(codeOf(() => verifyRange(root, bad as number, 0, [h32], proof5))).toBe('input.invalid');
    }
  });

  it('bad leaf hashes and roots are input.invalid', () => {
    for (const bad of badHashes) {
      expect(codeOf(() => verifyInclusion(bad as Uint8Array, 5, 13, proof5, root))).toBe('input.invalid');
      expect(codeOf(() => verifyInclusion(h32, 5, 13, proof5, bad as Uint8Array))).toBe('input.invalid');
      expect(codeOf(() => verifyConsistency(3, 13, bad as Uint8Array, root, []))).toBe('input.invalid');
      expect(codeOf(() => verifyConsistency(3, 13, root, bad as Uint8Array, []))).toBe('input.invalid');
      expect(codeOf(() => verifyRange(bad as Uint8Array, 13, 5, [h32], proof5))).toBe('input.invalid');
      expect(codeOf(() => verifyRange(root, 13, 5, [bad as Uint8Array], proof5))).toBe('input.invalid');
      expect(codeOf(() => nodeHash(bad as Uint8Array, h32))).toBe('input.invalid');
    }
    expect(codeOf(() => verifyRange(root, 13, 5, 'x' as never, proof5))).toBe('input.invalid');
  });

  it('proofs that are not arrays of 32-byte hashes, or have the wrong length, are proof.malformed', () => {
    const mutations = (proof: Uint8Array[]): unknown[] => [
      null,
      undefined,
      'abc',
      h32,
      { length: proof.length },
      [...proof, h32],
      [h32, ...proof],
      proof.slice(1),
      ...badHashes.map((b) => [b, ...proof.slice(1)]),
    ];
    const consistency5 = consistencyProof(leaves, 5, 13);
    for (const bad of mutations(proof5)) {
      expect(codeOf(() => verifyInclusion(h32, 5, 13, bad as Uint8Array[], root))).toBe('proof.malformed');
      expect(codeOf(() => verifyRange(root, 13, 5, [h32], bad as Uint8Array[]))).toBe('proof.malformed');
    }
    for (const bad of mutations(consistency5)) {
      expect(codeOf(() => verifyConsistency(5, 13, root, root, bad as Uint8Array[]))).toBe('proof.malformed');
    }
  });

  it('a huge proof array is refused before it is walked', () => {
    const huge = new Array(1_000_000).fill(h32);
    expect(codeOf(() => verifyInclusion(h32, 5, 13, huge, root))).toBe('proof.malformed');
    expect(codeOf(() => verifyConsistency(5, 13, root, root, huge))).toBe('proof.malformed');
    expect(codeOf(() => verifyRange(root, 13, 5, [h32], huge))).toBe('proof.malformed');
    expect(codeOf(() => verifyInclusion(h32, 5, 13, new Array(MAX_PROOF_HASHES + 1).fill(h32), root))).toBe(
      'proof.malformed',
    );
  });

  it('huge tree sizes work within safe integers: right-length garbage proofs are false, not errors', () => {
    const max = Number.MAX_SAFE_INTEGER;
    fc.assert(
      fc.property(fc.nat({ max: max - 1 }), fc.integer({ min: 1, max }), (a, b) => {
        const [index, size] = a < b ? [a, b] : [b - 1, b];
        const length = inclusionProofLength(index, size);
        expect(length).toBeLessThanOrEqual(53);
        expect(verifyInclusion(h32, index, size, new Array(length).fill(h32), root)).toBe(false);
      }),
      { numRuns: 50 },
    );
    const consistencyLength = consistencyProofLength(max - 10, max);
    expect(consistencyLength).toBeLessThanOrEqual(MAX_PROOF_HASHES);
    expect(verifyConsistency(max - 10, max, root, root, new Array(consistencyLength).fill(h32))).toBe(false);
    expect(verifyRange(root, max, 7, [h32, h32], new Array(rangeProofLength(max, 7, 9)).fill(h32))).toBe(false);
  });

  it('provers reject bad arguments', () => {
    const cases: [string, () => unknown, string][] = [
      ['merkleRoot of a non-array', () => merkleRoot('abc' as never), 'input.invalid'],
      ['merkleRoot with a short hash', () => merkleRoot([h32, new Uint8Array(31)]), 'input.invalid'],
      ['inclusion index = size', () => inclusionProof(leaves, 13), 'input.invalid'],
      ['inclusion in an empty tree', () => inclusionProof([], 0), 'input.invalid'],
      ['consistency newSize past the leaves', () => consistencyProof(leaves, 3, 14), 'input.invalid'],
      ['consistency oldSize > newSize', () => consistencyProof(leaves, 9, 8), 'input.invalid'],
      ['empty range', () => rangeProof(leaves, 4, 4), 'input.invalid'],
      ['reversed range', () => rangeProof(leaves, 5, 4), 'input.invalid'],
      ['range past the end', () => rangeProof(leaves, 4, 14), 'input.invalid'],
      ['tree: leaf data not bytes', () => MerkleTree.fromLeafData(['x' as never]), 'input.invalid'],
      ['tree: leaf data not an array', () => MerkleTree.fromLeafData('x' as never), 'input.invalid'],
      ['tree: index out of range', () => MerkleTree.fromLeafHashes(leaves).inclusionProof(13), 'input.invalid'],
      ['tree: oldSize too large', () => MerkleTree.fromLeafHashes(leaves).consistencyProof(14), 'input.invalid'],
      ['tree: bad range', () => MerkleTree.fromLeafHashes(leaves).rangeProof(0, 0), 'input.invalid'],
      ['leaf data not bytes', () => leafHash('x' as never), 'input.invalid'],
    ];
    for (const [name, fn, code] of cases) expect(codeOf(fn), name).toBe(code);
  });
});
