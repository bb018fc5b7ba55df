/** Reads over the sequenced log: leaf hashes for proofs, pages of entries for auditors. */
import { and, asc, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { logEntries } from '../db/schema/index.ts';

/**
 * Leaf hashes [0, size). O(size) rows: fine for this stage; tiles (or stored subtree roots) replace it once the
 * log is large (see the report of issue 4).
 */
export async function leafHashes(db: Db, size: number): Promise<Uint8Array[]> {
  const rows = await db
    .select({ h: logEntries.leafHash })
    .from(logEntries)
    .where(lt(logEntries.idx, size))
    .orderBy(asc(logEntries.idx));
  return rows.map((r) => r.h);
}

export async function entryPage(db: Db, start: number, end: number) {
  return db
    .select()
    .from(logEntries)
    .where(and(gte(logEntries.idx, start), lt(logEntries.idx, end)))
    .orderBy(asc(logEntries.idx));
}
