/** Key statements and revocations (exact statement bytes). */
import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

export const keys = pgTable('keys', {
  id: text('id').primaryKey(),
  alg: text('alg').notNull(),
  publicKey: bytea('public_key').notNull(),
  statementBytes: bytea('statement_bytes').notNull(),
  statementDigest: text('statement_digest').notNull(),
  subjectName: text('subject_name'),
  subjectKind: text('subject_kind'),
  endorsedBy: text('endorsed_by'),
  /** active | revoked */
  status: text('status').notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  logIndex: bigint('log_index', { mode: 'number' }).notNull(),
});

export const revocations = pgTable(
  'revocations',
  {
    digest: text('digest').primaryKey(),
    keyId: text('key_id').notNull(),
    statementBytes: bytea('statement_bytes').notNull(),
    effectiveAt: bigint('effective_at', { mode: 'number' }).notNull(),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
    logIndex: bigint('log_index', { mode: 'number' }).notNull(),
  },
  (t) => [index('revocations_key').on(t.keyId)],
);
