/**
 * A whole RFC 6962 tree kept in memory, one flat byte array per level (≈ 64 bytes per leaf in total), so that
 * proofs cost O(log n) lookups instead of rehashing the tree.
 */
import { ProvenantError } from '../errors.ts';
import {
  defaultSha256,
  emptyRoot,
  HASH_LENGTH,
  leafInputOf,
  nodeInputAt,
  type Sha256,
  sha256IntoOf,
} from './hasher.ts';
import { consistencyProofShape, rangeProofShape, type SubtreeRange } from './shape.ts';
import { assertHashList, assertTreeSize } from './validate.ts';

/**
 * Level t holds node j = MTH(D[j·2^t : min((j+1)·2^t, n)]). A node without a right sibling is carried up unchanged,
 * which is RFC 6962's tree (its right-edge subtrees are exactly these carried nodes), never a duplicated node.
 */
function buildLevels(level0: Uint8Array, size: number, h: Sha256): Uint8Array[] {
  const into = sha256IntoOf(h);
  const levels = [level0];
  let level = level0;
  let count = size;
  while (count > 1) {
    const nextCount = Math.ceil(count / 2);
    const next = new Uint8Array(nextCount * HASH_LENGTH);
    const pairs = Math.floor(count / 2);
    for (let j = 0; j < pairs; j++) into(nodeInputAt(level, 2 * j * HASH_LENGTH), next, j * HASH_LENGTH);
    if (count % 2 === 1) next.set(level.subarray((count - 1) * HASH_LENGTH), pairs * HASH_LENGTH);
    levels.push(next);
    level = next;
    count = nextCount;
  }
  return levels;
}

export class MerkleTree {
  readonly size: number;
  readonly #levels: readonly Uint8Array[];
  readonly #h: Sha256;

  private constructor(levels: readonly Uint8Array[], size: number, h: Sha256) {
    this.#levels = levels;
    this.size = size;
    this.#h = h;
  }

  /** A tree over leaves that are already leaf-hashed. */
  static fromLeafHashes(leafHashes: readonly Uint8Array[], h: Sha256 = defaultSha256): MerkleTree {
    assertHashList(leafHashes, 'leafHashes');
    const level0 = new Uint8Array(leafHashes.length * HASH_LENGTH);
    for (let i = 0; i < leafHashes.length; i++) level0.set(leafHashes[i] as Uint8Array, i * HASH_LENGTH);
    return new MerkleTree(buildLevels(level0, leafHashes.length, h), leafHashes.length, h);
  }

  /** A tree over raw leaf data: each leaf is hashed as SHA-256(0x00 ‖ data) straight into the bottom level. */
  static fromLeafData(leafData: readonly Uint8Array[], h: Sha256 = defaultSha256): MerkleTree {
    if (!Array.isArray(leafData)) throw new ProvenantError('input.invalid', 'leafData must be an array');
    const into = sha256IntoOf(h);
    const level0 = new Uint8Array(leafData.length * HASH_LENGTH);
    for (let i = 0; i < leafData.length; i++) {
      const data = leafData[i];
      if (!(data instanceof Uint8Array)) throw new ProvenantError('input.invalid', `leafData[${i}] must be bytes`);
      into(leafInputOf(data), level0, i * HASH_LENGTH);
    }
    return new MerkleTree(buildLevels(level0, leafData.length, h), leafData.length, h);
  }

  root(): Uint8Array {
    if (this.size === 0) return emptyRoot(this.#h);
    return this.#node({ lo: 0, hi: this.size });
  }

  leafHash(index: number): Uint8Array {
    this.#assertIndex(index);
    return this.#node({ lo: index, hi: index + 1 });
  }

  /** Same result as inclusionProof(leafHashes, index). */
  inclusionProof(index: number): Uint8Array[] {
    this.#assertIndex(index);
    return rangeProofShape(this.size, index, index + 1).map((r) => this.#node(r));
  }

  /** Same result as rangeProof(leafHashes, start, end). */
  rangeProof(start: number, end: number): Uint8Array[] {
    assertTreeSize(start, 'start');
    assertTreeSize(end, 'end');
    if (!(start < end && end <= this.size)) {
      throw new ProvenantError(
        'input.invalid',
        `range [${start}, ${end}) is empty or not inside a tree of ${this.size}`,
      );
    }
    return rangeProofShape(this.size, start, end).map((r) => this.#node(r));
  }

  /** Consistency proof from `oldSize` to this tree's size; same result as consistencyProof(leafHashes, …). */
  consistencyProof(oldSize: number): Uint8Array[] {
    assertTreeSize(oldSize, 'oldSize');
    if (oldSize > this.size) {
      throw new ProvenantError('input.invalid', `oldSize ${oldSize} is larger than the tree (${this.size})`);
    }
    if (oldSize === 0 || oldSize === this.size) return [];
    return consistencyProofShape(oldSize, this.size).map((r) => this.#node(r));
  }

  #assertIndex(index: number): void {
    assertTreeSize(index, 'index');
    if (index >= this.size)
      throw new ProvenantError('input.invalid', `index ${index} is not inside a tree of ${this.size}`);
  }

  /** MTH of a subtree of the RFC recursion: stored at level ⌈log2(hi − lo)⌉, index lo / 2^level. */
  #node({ lo, hi }: SubtreeRange): Uint8Array {
    let width = 1;
    let t = 0;
    while (width < hi - lo) {
      width *= 2;
      t++;
    }
    const level = this.#levels[t] as Uint8Array;
    const offset = (lo / width) * HASH_LENGTH;
    return level.slice(offset, offset + HASH_LENGTH);
  }
}
