/**
 * A compact range [0, size): the roots of the perfect subtrees in the binary decomposition of `size`, largest
 * (leftmost) first. O(log n) state; appending costs amortised O(1) hashes; the root folds the peaks right to
 * left, which is RFC 6962's MTH (its split point is always the largest remaining power of two). The sequencer
 * keeps one and persists it with toBytes().
 */
import { concatBytes, equalBytes, u64be } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import {
  checkedDigest,
  defaultSha256,
  emptyRoot,
  HASH_LENGTH,
  leafInputOf,
  nodeHashUnchecked,
  type Sha256,
} from './hasher.ts';
import { assertHash, assertTreeSize } from './validate.ts';

/** Number of one bits of a safe integer (the number of peaks of a tree of that size). */
function popcount(n: number): number {
  let count = 0;
  while (n > 0) {
    count += n % 2;
    n = Math.floor(n / 2);
  }
  return count;
}

export interface CompactRangeState {
  size: number;
  /** Peak roots, largest subtree first; exactly popcount(size) of them. */
  peaks: Uint8Array[];
}

export class CompactRange {
  #size: number;
  #peaks: Uint8Array[];
  readonly #h: Sha256;

  constructor(h: Sha256 = defaultSha256) {
    this.#size = 0;
    this.#peaks = [];
    this.#h = h;
  }

  /** Restores a state produced by state(); checks that the peak count matches the size. */
  static fromState(state: CompactRangeState, h: Sha256 = defaultSha256): CompactRange {
    if (typeof state !== 'object' || state === null) {
      throw new ProvenantError('input.invalid', 'compact range state must be an object');
    }
    assertTreeSize(state.size, 'size');
    if (!Array.isArray(state.peaks) || state.peaks.length !== popcount(state.size)) {
      throw new ProvenantError(
        'input.invalid',
        `a compact range of size ${state.size} has ${popcount(state.size)} peaks`,
      );
    }
    for (const [i, p] of state.peaks.entries()) assertHash(p, `peaks[${i}]`);
    const range = new CompactRange(h);
    range.#size = state.size;
    range.#peaks = state.peaks.map((p) => p.slice());
    return range;
  }

  /** Inverse of toBytes(): u64be(size) ‖ peaks, with exactly popcount(size) peaks. */
  static fromBytes(bytes: Uint8Array, h: Sha256 = defaultSha256): CompactRange {
    if (!(bytes instanceof Uint8Array) || bytes.length < 8 || (bytes.length - 8) % HASH_LENGTH !== 0) {
      throw new ProvenantError('input.invalid', 'compact range bytes must be 8 + 32·k bytes');
    }
    const size = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProvenantError('input.invalid', 'compact range is too large');
    const peaks: Uint8Array[] = [];
    for (let o = 8; o < bytes.length; o += HASH_LENGTH) peaks.push(bytes.slice(o, o + HASH_LENGTH));
    return CompactRange.fromState({ size: Number(size), peaks }, h);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash (already SHA-256(0x00 ‖ data)). */
  append(leafHash: Uint8Array): void {
    assertHash(leafHash, 'leafHash');
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new ProvenantError('input.tooLarge', 'compact range is full');
    let node: Uint8Array = leafHash.slice();
    // Each trailing one bit of the old size is a peak of equal height to merge with.
    for (let s = this.#size; s % 2 === 1; s = (s - 1) / 2) {
      node = checkedDigest(nodeHashUnchecked(this.#peaks.pop() as Uint8Array, node, this.#h));
    }
    this.#peaks.push(node);
    this.#size++;
  }

  /** Appends raw leaf data, hashing it as an RFC 6962 leaf. */
  appendLeafData(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) throw new ProvenantError('input.invalid', 'leaf data must be a Uint8Array');
    this.append(checkedDigest(this.#h(leafInputOf(data))));
  }

  /** MTH of everything appended so far (SHA-256("") when empty). */
  root(): Uint8Array {
    const peaks = this.#peaks;
    if (peaks.length === 0) return emptyRoot(this.#h);
    let r = peaks[peaks.length - 1] as Uint8Array;
    for (let i = peaks.length - 2; i >= 0; i--) r = nodeHashUnchecked(peaks[i] as Uint8Array, r, this.#h);
    return r.slice();
  }

  state(): CompactRangeState {
    return { size: this.#size, peaks: this.#peaks.map((p) => p.slice()) };
  }

  toBytes(): Uint8Array {
    return concatBytes(u64be(this.#size), ...this.#peaks);
  }

  clone(): CompactRange {
    return CompactRange.fromState(this.state(), this.#h);
  }

  equals(other: CompactRange): boolean {
    return (
      other.#size === this.#size &&
      other.#peaks.length === this.#peaks.length &&
      this.#peaks.every((p, i) => equalBytes(p, other.#peaks[i] as Uint8Array))
    );
  }
}
