/** Manifests: exact signed claim bytes, keyed by claim digest, with the columns lookups need. */
import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

export const manifests = pgTable(
  'manifests',
  {
    /** hex(taggedHash('claim', claimBytes)). */
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    claimBytes: bytea('claim_bytes').notNull(),
    mediaSha256: text('media_sha256'),
    pixelsSha256: text('pixels_sha256'),
    phash: text('phash'),
    pdq: text('pdq'),
    parentId: text('parent_id'),
    createdAt: bigint('created_at', { mode: 'number' }),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
    logIndex: bigint('log_index', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('manifests_media_sha256').on(t.mediaSha256),
    index('manifests_pixels_sha256').on(t.pixelsSha256),
    index('manifests_parent').on(t.parentId),
  ],
);
