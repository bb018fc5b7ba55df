/** The key statements and revocations the log holds for some signers and their endorsers, as a keys sidecar wants them. */
import { inArray } from 'drizzle-orm';
import { fromUtf8 } from '../../core/bytes.ts';
import type { Db } from '../db/client.ts';
import { keys, revocations } from '../db/schema/index.ts';

/** Endorsement chains are short; this bounds the walk on a hostile database. */
const MAX_CHAIN = 8;

export async function keyMaterialFor(
  db: Db,
  keyIds: readonly string[],
): Promise<{ statements: unknown[]; revocations: unknown[] }> {
  const statements: unknown[] = [];
  const seen = new Set<string>();
  let frontier = [...new Set(keyIds)];
  for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
    for (const id of frontier) seen.add(id);
    const rows = await db
      .select({ statementBytes: keys.statementBytes, endorsedBy: keys.endorsedBy })
      .from(keys)
      .where(inArray(keys.id, frontier));
    for (const r of rows) statements.push(JSON.parse(fromUtf8(r.statementBytes)));
    frontier = rows.map((r) => r.endorsedBy).filter((e): e is string => e !== null && !seen.has(e));
  }
  const revoked =
    seen.size === 0
      ? []
      : await db
          .select({ statementBytes: revocations.statementBytes })
          .from(revocations)
          .where(inArray(revocations.keyId, [...seen]));
  return { statements, revocations: revoked.map((r) => JSON.parse(fromUtf8(r.statementBytes))) };
}
