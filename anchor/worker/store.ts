/**
 * What the anchor worker needs from the log's database. Defined here (anchor never imports api); the API's
 * drizzle implementation (api/log/anchor-store.ts) satisfies it structurally and the composition root wires it.
 */

/** A signed checkpoint as the log stored it. */
export interface StoredLogCheckpoint {
  treeSize: number;
  rootHash: Uint8Array;
}

/**
 * The anchor columns of one checkpoint row. `txHash` set with `block` null means "sent, not yet seen included":
 * it is written BEFORE the transaction is broadcast, so a crash between send and record leaves a trace.
 */
export interface AnchorRecord {
  treeSize: number;
  rootHash: Uint8Array;
  chainId: number;
  contract: string;
  txHash: string;
  seq: number | null;
  block: number | null;
  /** Block timestamp in ms since the epoch. */
  anchoredAt: number | null;
  finalized: boolean;
}

export interface AnchorTarget {
  chainId: number;
  /** Contract address, EIP-55. */
  contract: string;
}

export interface AnchorInclusion {
  txHash: string;
  seq: number;
  block: number;
  /** Block timestamp in ms since the epoch. */
  anchoredAt: number;
}

export interface AnchorStore {
  /** The newest signed checkpoint, or null when the log has none. */
  latestCheckpoint(): Promise<StoredLogCheckpoint | null>;
  /** The checkpoint of exactly this size with the anchor transaction recorded for it (if any), or null. */
  checkpointAt(treeSize: number): Promise<(StoredLogCheckpoint & { anchorTxHash: string | null }) | null>;
  /** Leaf bytes of entries [start, end), in index order (fewer if the log is shorter). */
  leaves(start: number, end: number): Promise<Uint8Array[]>;
  /** Rows with an anchor transaction recorded for this chain and contract and not yet finalized. */
  openAnchors(target: AnchorTarget): Promise<AnchorRecord[]>;
  /** Before broadcasting: the transaction that will anchor this checkpoint (clears any inclusion recorded). */
  recordSent(treeSize: number, target: AnchorTarget, txHash: string): Promise<void>;
  recordIncluded(treeSize: number, target: AnchorTarget, inclusion: AnchorInclusion): Promise<void>;
  recordFinalized(treeSize: number): Promise<void>;
  /** The recorded transaction will never anchor this row (dropped, reverted, replaced): forget it. */
  clearAnchor(treeSize: number): Promise<void>;
}
