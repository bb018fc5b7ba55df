/**
 * Rebuilds the log's tree from leaf bytes with a compact range (O(log n) memory), recording the root at each
 * requested size. node:crypto SHA-256 through core's injectable hasher: same results as core's default.
 */
import { bytesToHex } from '../../core/bytes.ts';
import { CompactRange, leafHash } from '../../core/merkle/index.ts';
import { nodeSha256 } from '../worker/root-verifier.ts';

export class TreeRebuilder {
  readonly #range = new CompactRange(nodeSha256);
  readonly #wanted: Set<number>;
  /** size → root (64 hex) for every wanted size reached. */
  readonly roots = new Map<number, string>();

  constructor(wantedSizes: Iterable<number>) {
    this.#wanted = new Set(wantedSizes);
    if (this.#wanted.has(0)) this.roots.set(0, bytesToHex(this.#range.root()));
  }

  get size(): number {
    return this.#range.size;
  }

  append(leafBytes: Uint8Array): void {
    this.#range.append(leafHash(leafBytes, nodeSha256));
    if (this.#wanted.has(this.#range.size)) this.roots.set(this.#range.size, bytesToHex(this.#range.root()));
  }

  root(): string {
    return bytesToHex(this.#range.root());
  }
}
