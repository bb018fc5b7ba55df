import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import {
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  leafHash,
  MerkleTree,
  merkleRoot,
  rangeProof,
  rootFromInclusion,
  rootFromRange,
  verifyConsistency,
  verifyInclusion,
  verifyRange,
} from '../../core/merkle/index.ts';
import { loadVectors } from '../helpers/vectors.ts';

// ---------------------------------------------------------------------------------------------------------------
// An independent reference: RFC 9162 MTH / PATH / SUBPROOF written literally (recursion on ranges), over
// node:crypto, memoised per tree so that exhaustive loops stay fast. Shares no code with core/merkle.
// ---------------------------------------------------------------------------------------------------------------
const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const refLeaf = (d: Uint8Array) => sha(Uint8Array.of(0), d);
const refNode = (l: Uint8Array, r: Uint8Array) => sha(Uint8Array.of(1), l, r);
const split = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

class RefTree {
  readonly #memo = new Map<string, Uint8Array>();
  constructor(readonly leaves: readonly Uint8Array[]) {}
  mth(lo: number, hi: number): Uint8Array {
    if (hi - lo === 0) return sha();
    if (hi - lo === 1) return this.leaves[lo] as Uint8Array;
    const key = `${lo}:${hi}`;
    let v = this.#memo.get(key);
    if (!v) {
      const k = split(hi - lo);
      v = refNode(this.mth(lo, lo + k), this.mth(lo + k, hi));
      this.#memo.set(key, v);
    }
    return v;
  }
  path(m: number, lo: number, hi: number): Uint8Array[] {
    if (hi - lo === 1) return [];
    const k = split(hi - lo);
    return m < k
      ? [...this.path(m, lo, lo + k), this.mth(lo + k, hi)]
      : [...this.path(m - k, lo + k, hi), this.mth(lo, lo + k)];
  }
  subproof(m: number, lo: number, hi: number, b: boolean): Uint8Array[] {
    if (m === hi - lo) return b ? [] : [this.mth(lo, hi)];
    const k = split(hi - lo);
    return m <= k
      ? [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)]
      : [...this.subproof(m - k, lo + k, hi, false), this.mth(lo, lo + k)];
  }
  /** The documented range-proof recursion, literally. */
  range(a: number, b: number, lo: number, hi: number): Uint8Array[] {
    if (a === lo && b === hi) return [];
    const mid = lo + split(hi - lo);
    if (b <= mid) return [...this.range(a, b, lo, mid), this.mth(mid, hi)];
    if (a >= mid) return [...this.range(a, b, mid, hi), this.mth(lo, mid)];
    return [...this.range(a, mid, lo, mid), ...this.range(mid, b, mid, hi)];
  }
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => refLeaf(utf8(`leaf ${i}`)));
const hex = (list: readonly Uint8Array[]) => list.map(bytesToHex);
const h = (s: string) => hexToBytes(s);
const flipBit = (b: Uint8Array, bit: number) => {
  const c = b.slice();
  c[bit >> 3] = (c[bit >> 3] as number) ^ (1 << (bit & 7));
  return c;
};
function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(isProvenantError(e) ? e.code : e).toBe(code);
    return;
  }
  throw new Error(`expected ProvenantError ${code}`);
}

// ---------------------------------------------------------------------------------------------------------------
interface InclusionCase {
  name?: string;
  index: number;
  treeSize: number;
  leafHash: string;
  root: string;
  path: string[];
  code?: string;
}
interface InclusionVectors {
  leafData: string[];
  leafHashes: string[];
  roots: Record<string, string>;
  valid: InclusionCase[];
  wantFalse: InclusionCase[];
  wantErr: InclusionCase[];
}
interface ConsistencyCase {
  name?: string;
  oldSize: number;
  newSize: number;
  oldRoot: string;
  newRoot: string;
  proof: string[];
  code?: string;
}
interface ConsistencyVectors {
  roots: Record<string, string>;
  valid: ConsistencyCase[];
  wantFalse: ConsistencyCase[];
  wantErr: ConsistencyCase[];
}
interface RangeCase {
  name?: string;
  treeSize: number;
  start: number;
  end: number;
  root: string;
  leafHashes: string[];
  proof: string[];
  code?: string;
}
interface RangeVectors {
  leafData21: string[];
  valid: RangeCase[];
  wantFalse: RangeCase[];
  wantErr: RangeCase[];
}

const incl = loadVectors<InclusionVectors>('rfc6962-inclusion.json');
const cons = loadVectors<ConsistencyVectors>('rfc6962-consistency.json');
const range = loadVectors<RangeVectors>('rfc6962-range.json');
const rfcLeaves = incl.leafData.map((d) => leafHash(h(d)));
const leaves21 = range.leafData21.map((d) => leafHash(utf8(d)));

describe('RFC 6962 test tree (vectors)', () => {
  it('leaf hashes and the roots of sizes 0..8', () => {
    expect(hex(rfcLeaves)).toEqual(incl.leafHashes);
    for (let n = 0; n <= 8; n++) {
      expect(bytesToHex(merkleRoot(rfcLeaves.slice(0, n)))).toBe(incl.roots[n]);
      expect(bytesToHex(MerkleTree.fromLeafHashes(rfcLeaves.slice(0, n)).root())).toBe(incl.roots[n]);
      expect(bytesToHex(MerkleTree.fromLeafData(incl.leafData.slice(0, n).map(h)).root())).toBe(incl.roots[n]);
    }
  });

  it('inclusion: valid cases are produced and verified', () => {
    for (const c of incl.valid) {
      const tree = rfcLeaves.slice(0, c.treeSize);
      expect(hex(inclusionProof(tree, c.index))).toEqual(c.path);
      expect(hex(MerkleTree.fromLeafHashes(tree).inclusionProof(c.index))).toEqual(c.path);
      expect(inclusionProofLength(c.index, c.treeSize)).toBe(c.path.length);
      expect(verifyInclusion(h(c.leafHash), c.index, c.treeSize, c.path.map(h), h(c.root))).toBe(true);
      expect(bytesToHex(rootFromInclusion(h(c.leafHash), c.index, c.treeSize, c.path.map(h)))).toBe(c.root);
    }
  });
  it('inclusion: wantFalse cases return false', () => {
    for (const c of incl.wantFalse) {
      expect(verifyInclusion(h(c.leafHash), c.index, c.treeSize, c.path.map(h), h(c.root)), c.name).toBe(false);
    }
  });
  it('inclusion: wantErr cases throw their code', () => {
    for (const c of incl.wantErr) {
      expectCode(() => verifyInclusion(h(c.leafHash), c.index, c.treeSize, c.path.map(h), h(c.root)), c.code as string);
    }
  });

  it('consistency: valid cases are produced and verified', () => {
    for (const c of cons.valid) {
      const tree = rfcLeaves.slice(0, c.newSize);
      expect(hex(consistencyProof(tree, c.oldSize, c.newSize))).toEqual(c.proof);
      expect(hex(MerkleTree.fromLeafHashes(tree).consistencyProof(c.oldSize))).toEqual(c.proof);
      expect(verifyConsistency(c.oldSize, c.newSize, h(c.oldRoot), h(c.newRoot), c.proof.map(h))).toBe(true);
    }
  });
  it('consistency: wantFalse cases return false', () => {
    for (const c of cons.wantFalse) {
      expect(verifyConsistency(c.oldSize, c.newSize, h(c.oldRoot), h(c.newRoot), c.proof.map(h)), c.name).toBe(false);
    }
  });
  it('consistency: wantErr cases throw their code', () => {
    for (const c of cons.wantErr) {
      expectCode(
        () => verifyConsistency(c.oldSize, c.newSize, h(c.oldRoot), h(c.newRoot), c.proof.map(h)),
        c.code as string,
      );
    }
  });

  it('range: valid cases are produced and verified', () => {
    for (const c of range.valid) {
      const all = c.treeSize === 21 ? leaves21 : rfcLeaves.slice(0, c.treeSize);
      expect(hex(all.slice(c.start, c.end))).toEqual(c.leafHashes);
      expect(hex(rangeProof(all, c.start, c.end))).toEqual(c.proof);
      expect(hex(MerkleTree.fromLeafHashes(all).rangeProof(c.start, c.end))).toEqual(c.proof);
      expect(verifyRange(h(c.root), c.treeSize, c.start, c.leafHashes.map(h), c.proof.map(h))).toBe(true);
    }
  });
  it('range: wantFalse cases return false', () => {
    for (const c of range.wantFalse) {
      expect(verifyRange(h(c.root), c.treeSize, c.start, c.leafHashes.map(h), c.proof.map(h)), c.name).toBe(false);
    }
  });
  it('range: wantErr cases throw their code', () => {
    for (const c of range.wantErr) {
      expectCode(
        () => verifyRange(h(c.root), c.treeSize, c.start, c.leafHashes.map(h), c.proof.map(h)),
        c.code as string,
      );
    }
  });

  it('the generated vector cases agree with this file’s reference implementation', () => {
    const ref8 = new RefTree(rfcLeaves);
    for (const c of incl.valid)
      expect(hex(new RefTree(rfcLeaves.slice(0, c.treeSize)).path(c.index, 0, c.treeSize))).toEqual(c.path);
    for (const c of cons.valid.filter((x) => x.oldSize > 0 && x.oldSize < x.newSize)) {
      expect(hex(new RefTree(rfcLeaves.slice(0, c.newSize)).subproof(c.oldSize, 0, c.newSize, true))).toEqual(c.proof);
    }
    const ref21 = new RefTree(leaves21);
    for (const c of range.valid) {
      const ref = c.treeSize === 21 ? ref21 : new RefTree(rfcLeaves.slice(0, c.treeSize));
      expect(hex(ref.range(c.start, c.end, 0, c.treeSize))).toEqual(c.proof);
      expect(bytesToHex(ref.mth(0, c.treeSize))).toBe(c.root);
    }
    expect(bytesToHex(ref8.mth(0, 8))).toBe(incl.roots[8]);
  });
});

describe('exhaustive agreement with the reference', () => {
  it('inclusion: prove ∘ verify for every (index, size) with size ≤ 300', () => {
    for (let n = 1; n <= 300; n++) {
      const leaves = leavesOf(n);
      const ref = new RefTree(leaves);
      const root = ref.mth(0, n);
      const tree = MerkleTree.fromLeafHashes(leaves);
      expect(bytesToHex(tree.root())).toBe(bytesToHex(root));
      for (let i = 0; i < n; i++) {
        const proof = tree.inclusionProof(i);
        expect(hex(proof)).toEqual(hex(ref.path(i, 0, n)));
        expect(inclusionProofLength(i, n)).toBe(proof.length);
        expect(verifyInclusion(leaves[i] as Uint8Array, i, n, proof, root)).toBe(true);
      }
    }
  });

  it('inclusion: the list-based prover matches the tree for every (index, size) with size ≤ 64', () => {
    for (let n = 1; n <= 64; n++) {
      const leaves = leavesOf(n);
      const tree = MerkleTree.fromLeafHashes(leaves);
      for (let i = 0; i < n; i++) expect(hex(inclusionProof(leaves, i))).toEqual(hex(tree.inclusionProof(i)));
    }
  });

  it('consistency: prove ∘ verify for every 1 ≤ m ≤ n ≤ 130', () => {
    const leaves = leavesOf(130);
    const roots = [new Uint8Array(0), ...Array.from({ length: 130 }, (_, i) => merkleRoot(leaves.slice(0, i + 1)))];
    for (let n = 1; n <= 130; n++) {
      const ref = new RefTree(leaves.slice(0, n));
      const tree = MerkleTree.fromLeafHashes(leaves.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m);
        expect(hex(proof)).toEqual(m === n ? [] : hex(ref.subproof(m, 0, n, true)));
        if (m < n) expect(consistencyProofLength(m, n)).toBe(proof.length);
        expect(verifyConsistency(m, n, roots[m] as Uint8Array, roots[n] as Uint8Array, proof)).toBe(true);
      }
    }
  });

  it('consistency: the list-based prover matches the tree for every 0 ≤ m ≤ n ≤ 40', () => {
    const leaves = leavesOf(40);
    for (let n = 0; n <= 40; n++) {
      const tree = MerkleTree.fromLeafHashes(leaves.slice(0, n));
      for (let m = 0; m <= n; m++) expect(hex(consistencyProof(leaves, m, n))).toEqual(hex(tree.consistencyProof(m)));
    }
  });

  it('range: every range of every tree with ≤ 40 leaves matches the reference and verifies', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = leavesOf(n);
      const ref = new RefTree(leaves);
      const root = ref.mth(0, n);
      const tree = MerkleTree.fromLeafHashes(leaves);
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b <= n; b++) {
          const proof = tree.rangeProof(a, b);
          expect(hex(proof)).toEqual(hex(ref.range(a, b, 0, n)));
          expect(verifyRange(root, n, a, leaves.slice(a, b), proof)).toBe(true);
        }
      }
    }
  });
});

describe('range proofs (properties)', () => {
  const treeAndRange = fc
    .integer({ min: 1, max: 400 })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n })))
    .map(([n, a, len]) => ({ n, start: a, end: Math.min(n, a + len) }));

  it('random ranges: list prover = tree prover, verify and rootFromRange agree with the root', () => {
    fc.assert(
      fc.property(treeAndRange, ({ n, start, end }) => {
        const leaves = leavesOf(n);
        const root = merkleRoot(leaves);
        const proof = rangeProof(leaves, start, end);
        expect(hex(MerkleTree.fromLeafHashes(leaves).rangeProof(start, end))).toEqual(hex(proof));
        expect(verifyRange(root, n, start, leaves.slice(start, end), proof)).toBe(true);
        expect(bytesToHex(rootFromRange(n, start, leaves.slice(start, end), proof))).toBe(bytesToHex(root));
      }),
      { numRuns: 200 },
    );
  });

  it('a single-leaf range proof is the RFC inclusion proof', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }))),
        ([n, i]) => {
          const leaves = leavesOf(n);
          expect(hex(rangeProof(leaves, i, i + 1))).toEqual(hex(inclusionProof(leaves, i)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('revealing the whole tree needs no proof', () => {
    for (const n of [1, 2, 3, 7, 8, 33]) expect(rangeProof(leavesOf(n), 0, n)).toEqual([]);
  });
});

describe('any single-bit flip makes verification false', () => {
  const n = 23;
  const leaves = leavesOf(n);
  const root = merkleRoot(leaves);
  const bits = fc.nat({ max: 255 });

  it('inclusion: in the proof, the leaf or the root', () => {
    fc.assert(
      fc.property(fc.nat({ max: n - 1 }), bits, fc.nat(), (i, bit, which) => {
        const proof = inclusionProof(leaves, i);
        const leaf = leaves[i] as Uint8Array;
        expect(verifyInclusion(leaf, i, n, proof, root)).toBe(true);
        const k = which % (proof.length + 2);
        if (k < proof.length) {
          const bad = proof.map((p, j) => (j === k ? flipBit(p, bit) : p));
          expect(verifyInclusion(leaf, i, n, bad, root)).toBe(false);
        } else if (k === proof.length) {
          expect(verifyInclusion(flipBit(leaf, bit), i, n, proof, root)).toBe(false);
        } else {
          expect(verifyInclusion(leaf, i, n, proof, flipBit(root, bit))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('consistency: in the proof or either root', () => {
    const roots = Array.from({ length: n + 1 }, (_, m) => merkleRoot(leaves.slice(0, m)));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: n - 1 }), bits, fc.nat(), (m, bit, which) => {
        const proof = consistencyProof(leaves, m, n);
        const oldRoot = roots[m] as Uint8Array;
        const k = which % (proof.length + 2);
        if (k < proof.length) {
          const bad = proof.map((p, j) => (j === k ? flipBit(p, bit) : p));
          expect(verifyConsistency(m, n, oldRoot, root, bad)).toBe(false);
        } else if (k === proof.length) {
          expect(verifyConsistency(m, n, flipBit(oldRoot, bit), root, proof)).toBe(false);
        } else {
          expect(verifyConsistency(m, n, oldRoot, flipBit(root, bit), proof)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('range: in the proof, any revealed leaf or the root', () => {
    fc.assert(
      fc.property(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n }), bits, fc.nat(), (a, len, bit, which) => {
        const b = Math.min(n, a + len);
        const proof = rangeProof(leaves, a, b);
        const revealed = leaves.slice(a, b);
        const k = which % (proof.length + revealed.length + 1);
        if (k < proof.length) {
          const bad = proof.map((p, j) => (j === k ? flipBit(p, bit) : p));
          expect(verifyRange(root, n, a, revealed, bad)).toBe(false);
        } else if (k < proof.length + revealed.length) {
          const j = k - proof.length;
          const bad = revealed.map((l, x) => (x === j ? flipBit(l, bit) : l));
          expect(verifyRange(root, n, a, bad, proof)).toBe(false);
        } else {
          expect(verifyRange(flipBit(root, bit), n, a, revealed, proof)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
