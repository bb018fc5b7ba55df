/** Signature entries, stored as their exact canonical bytes; each has its own log entry. */
import { bigint, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

export const signatures = pgTable(
  'signatures',
  {
    manifestId: text('manifest_id').notNull(),
    /** hex SHA-256 of entryBytes: the cosignature leaf's subject digest. */
    entryDigest: text('entry_digest').notNull(),
    keyId: text('key_id').notNull(),
    role: text('role').notNull(),
    entryBytes: bytea('entry_bytes').notNull(),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
    logIndex: bigint('log_index', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.manifestId, t.entryDigest] }), index('signatures_key').on(t.keyId)],
);
