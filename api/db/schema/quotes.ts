/** Quote attestations indexed by their qv1 fragments (the attestation itself is a `quote` manifest). */
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const quoteFragments = pgTable(
  'quote_fragments',
  {
    manifestId: text('manifest_id').notNull(),
    fragment: integer('fragment').notNull(),
    /** hex SHA-256 of `words` (see api/quotes/index-form.ts). */
    digest: text('digest').notNull(),
    /** The fragment's qv1 match forms, joined and framed by single spaces: ` we will publish `. */
    words: text('words').notNull(),
    wordCount: integer('word_count').notNull(),
    sourceId: text('source_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.manifestId, t.fragment] }),
    index('quote_fragments_digest').on(t.digest),
    index('quote_fragments_source').on(t.sourceId),
  ],
);
