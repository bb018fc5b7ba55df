/**
 * Re-derives the log's roots from the stored leaf bytes before anything is published (a storage bit-flip must
 * never reach the chain). Keeps a compact range of what it has verified, so each anchor hashes only the new
 * leaves; the first call after start-up rebuilds from leaf 0 once.
 */
import { hash } from 'node:crypto';
import { bytesToHex, equalBytes } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { CompactRange, leafHash, sha256FromLatin1Digest } from '../../core/merkle/index.ts';
import type { AnchorStore } from './store.ts';

/** node:crypto SHA-256 for the worker's hashing (core's CompactRange accepts any Sha256). */
export const nodeSha256 = sha256FromLatin1Digest((data) => hash('sha256', data, 'binary'));

const PAGE = 10_000;

export class RootVerifier {
  readonly #store: AnchorStore;
  #range = new CompactRange(nodeSha256);

  constructor(store: AnchorStore) {
    this.#store = store;
  }

  get verifiedSize(): number {
    return this.#range.size;
  }

  /**
   * Returns the root of the first `treeSize` leaves computed from their bytes; checks it against `expectedRoot`
   * and each `checkpoints` entry on the way (sizes must be ≥ the verified size to be checked; smaller ones are
   * skipped). Throws log.inconsistent on any mismatch or missing leaf.
   */
  async verify(
    treeSize: number,
    expectedRoot: Uint8Array,
    checkpoints: ReadonlyArray<{ treeSize: number; root: Uint8Array; what: string }> = [],
  ): Promise<Uint8Array> {
    if (treeSize < this.#range.size) {
      // The log never shrinks; a smaller target means a restart from scratch is needed to compare.
      this.#range = new CompactRange(nodeSha256);
    }
    const stops = [...checkpoints, { treeSize, root: expectedRoot, what: 'checkpoint' }]
      .filter((c) => c.treeSize >= this.#range.size && c.treeSize <= treeSize)
      .sort((a, b) => a.treeSize - b.treeSize);
    const work = this.#range.clone();
    for (const stop of stops) {
      while (work.size < stop.treeSize) {
        const end = Math.min(stop.treeSize, work.size + PAGE);
        const leaves = await this.#store.leaves(work.size, end);
        if (leaves.length !== end - work.size) {
          throw new ProvenantError('log.inconsistent', `log entries ${work.size}..${end} are missing`, {
            details: [`missing:${work.size + leaves.length}`],
          });
        }
        for (const leaf of leaves) work.append(leafHash(leaf, nodeSha256));
      }
      const root = work.root();
      if (!equalBytes(root, stop.root)) {
        throw new ProvenantError(
          'log.inconsistent',
          `the stored leaves give root ${bytesToHex(root)} at size ${stop.treeSize}, the ${stop.what} says ${bytesToHex(stop.root)}`,
          { details: [`${stop.what}:${stop.treeSize}`] },
        );
      }
    }
    this.#range = work;
    return work.root();
  }
}
