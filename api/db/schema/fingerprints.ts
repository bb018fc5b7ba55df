/**
 * Perceptual fingerprints of image manifests, cut into chunks for multi-index hashing (api/fingerprints/
 * multi-index.ts): ph0..ph2 are the pHash's chunks, pdq0..pdq10 the PDQ hash's, each in its own index.
 */
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

export const fingerprints = pgTable(
  'fingerprints',
  {
    manifestId: text('manifest_id').primaryKey(),
    phash: text('phash').notNull(),
    pdq: text('pdq').notNull(),
    ph0: integer('ph0').notNull(),
    ph1: integer('ph1').notNull(),
    ph2: integer('ph2').notNull(),
    pdq0: integer('pdq0').notNull(),
    pdq1: integer('pdq1').notNull(),
    pdq2: integer('pdq2').notNull(),
    pdq3: integer('pdq3').notNull(),
    pdq4: integer('pdq4').notNull(),
    pdq5: integer('pdq5').notNull(),
    pdq6: integer('pdq6').notNull(),
    pdq7: integer('pdq7').notNull(),
    pdq8: integer('pdq8').notNull(),
    pdq9: integer('pdq9').notNull(),
    pdq10: integer('pdq10').notNull(),
  },
  (t) => [
    index('fingerprints_ph0').on(t.ph0),
    index('fingerprints_ph1').on(t.ph1),
    index('fingerprints_ph2').on(t.ph2),
    index('fingerprints_pdq0').on(t.pdq0),
    index('fingerprints_pdq1').on(t.pdq1),
    index('fingerprints_pdq2').on(t.pdq2),
    index('fingerprints_pdq3').on(t.pdq3),
    index('fingerprints_pdq4').on(t.pdq4),
    index('fingerprints_pdq5').on(t.pdq5),
    index('fingerprints_pdq6').on(t.pdq6),
    index('fingerprints_pdq7').on(t.pdq7),
    index('fingerprints_pdq8').on(t.pdq8),
    index('fingerprints_pdq9').on(t.pdq9),
    index('fingerprints_pdq10').on(t.pdq10),
  ],
);
