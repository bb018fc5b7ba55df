/** The append-only log: dense entries, the sequencer's compact-range state, and signed checkpoints. */
import { bigint, boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

export const logEntries = pgTable('log_entries', {
  idx: bigint('idx', { mode: 'number' }).primaryKey(),
  leaf: bytea('leaf').notNull(),
  /** RFC 6962 leaf hash of `leaf`, kept so proofs need no re-hashing. */
  leafHash: bytea('leaf_hash').notNull(),
  kind: text('kind').notNull(),
  manifestDigest: text('manifest_digest').notNull(),
  subjectDigest: text('subject_digest').notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
});

/** One row (id = 1): the tree size and compact range after the last committed batch. */
export const logState = pgTable('log_state', {
  id: integer('id').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  compactRange: bytea('compact_range').notNull(),
});

export const checkpoints = pgTable('checkpoints', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  rootHash: bytea('root_hash').notNull(),
  note: text('note').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  // Filled in by the anchoring worker (anchor issue).
  anchorChainId: bigint('anchor_chain_id', { mode: 'number' }),
  anchorContract: text('anchor_contract'),
  anchorSeq: bigint('anchor_seq', { mode: 'number' }),
  anchorTxHash: text('anchor_tx_hash'),
  anchorBlock: bigint('anchor_block', { mode: 'number' }),
  anchoredAt: bigint('anchored_at', { mode: 'number' }),
  anchorFinalized: boolean('anchor_finalized'),
});

/** Signed submission receipts, served again on idempotent resubmission. */
export const receipts = pgTable('receipts', {
  logIndex: bigint('log_index', { mode: 'number' }).primaryKey(),
  body: bytea('body').notNull(),
  sig: text('sig').notNull(),
});
