/**
 * The anchor worker's view of the database (anchor/worker/store.ts's AnchorStore, satisfied structurally): reads
 * checkpoints and leaves, and writes only the anchor columns of `checkpoints`.
 */
import { and, asc, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { checkpoints, logEntries } from '../db/schema/index.ts';

interface Target {
  chainId: number;
  contract: string;
}

interface Inclusion {
  txHash: string;
  seq: number;
  block: number;
  anchoredAt: number;
}

const CLEARED = {
  anchorChainId: null,
  anchorContract: null,
  anchorSeq: null,
  anchorTxHash: null,
  anchorBlock: null,
  anchoredAt: null,
  anchorFinalized: null,
} as const;

export class DrizzleAnchorStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async latestCheckpoint() {
    const [row] = await this.#db
      .select({ treeSize: checkpoints.treeSize, rootHash: checkpoints.rootHash })
      .from(checkpoints)
      .orderBy(desc(checkpoints.treeSize))
      .limit(1);
    return row ?? null;
  }

  async checkpointAt(treeSize: number) {
    const [row] = await this.#db
      .select({
        treeSize: checkpoints.treeSize,
        rootHash: checkpoints.rootHash,
        anchorTxHash: checkpoints.anchorTxHash,
      })
      .from(checkpoints)
      .where(eq(checkpoints.treeSize, treeSize));
    return row ?? null;
  }

  async leaves(start: number, end: number): Promise<Uint8Array[]> {
    const rows = await this.#db
      .select({ leaf: logEntries.leaf })
      .from(logEntries)
      .where(and(gte(logEntries.idx, start), lt(logEntries.idx, end)))
      .orderBy(asc(logEntries.idx));
    return rows.map((r) => r.leaf);
  }

  async openAnchors(target: Target) {
    const rows = await this.#db
      .select()
      .from(checkpoints)
      .where(
        and(
          isNotNull(checkpoints.anchorTxHash),
          eq(checkpoints.anchorChainId, target.chainId),
          eq(checkpoints.anchorContract, target.contract),
          sql`${checkpoints.anchorFinalized} is not true`,
        ),
      )
      .orderBy(asc(checkpoints.treeSize));
    return rows.map((r) => ({
      treeSize: r.treeSize,
      rootHash: r.rootHash,
      chainId: r.anchorChainId ?? target.chainId,
      contract: r.anchorContract ?? target.contract,
      txHash: r.anchorTxHash ?? '',
      seq: r.anchorSeq,
      block: r.anchorBlock,
      anchoredAt: r.anchoredAt,
      finalized: r.anchorFinalized === true,
    }));
  }

  async recordSent(treeSize: number, target: Target, txHash: string): Promise<void> {
    await this.#db
      .update(checkpoints)
      .set({
        ...CLEARED,
        anchorChainId: target.chainId,
        anchorContract: target.contract,
        anchorTxHash: txHash,
        anchorFinalized: false,
      })
      .where(eq(checkpoints.treeSize, treeSize));
  }

  async recordIncluded(treeSize: number, target: Target, inclusion: Inclusion): Promise<void> {
    await this.#db
      .update(checkpoints)
      .set({
        anchorChainId: target.chainId,
        anchorContract: target.contract,
        anchorTxHash: inclusion.txHash,
        anchorSeq: inclusion.seq,
        anchorBlock: inclusion.block,
        anchoredAt: inclusion.anchoredAt,
        anchorFinalized: false,
      })
      .where(eq(checkpoints.treeSize, treeSize));
  }

  async recordFinalized(treeSize: number): Promise<void> {
    await this.#db.update(checkpoints).set({ anchorFinalized: true }).where(eq(checkpoints.treeSize, treeSize));
  }

  async clearAnchor(treeSize: number): Promise<void> {
    await this.#db.update(checkpoints).set(CLEARED).where(eq(checkpoints.treeSize, treeSize));
  }
}
