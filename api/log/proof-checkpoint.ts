/**
 * Which checkpoint an inclusion proof is built against. A reader authenticates (treeSize, root) only from the
 * chain, so the best checkpoint is the newest one anchored and finalized that covers the entry, then the newest
 * anchored (mined, not yet final), and only then the newest signed one (not yet anchored).
 */
import { and, desc, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { checkpoints } from '../db/schema/index.ts';

export type CheckpointRow = typeof checkpoints.$inferSelect;

export async function proofCheckpoint(db: Db, logIndex: number): Promise<CheckpointRow | null> {
  const covers = gt(checkpoints.treeSize, logIndex);
  const [row] = await db
    .select()
    .from(checkpoints)
    .where(and(covers, isNotNull(checkpoints.anchorBlock)))
    .orderBy(desc(checkpoints.anchorFinalized), desc(checkpoints.treeSize))
    .limit(1);
  if (row) return row;
  const [latest] = await db.select().from(checkpoints).where(covers).orderBy(desc(checkpoints.treeSize)).limit(1);
  return latest ?? null;
}
