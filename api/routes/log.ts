/** /v1/log: signed checkpoints, pages of leaves for auditors, consistency proofs. */
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { bytesToHex } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { consistencyProof } from '../../core/merkle/index.ts';
import { checkpoints, logState } from '../db/schema/index.ts';
import { intParam } from '../http/params.ts';
import { entryPage, leafHashes } from '../log/read.ts';
import type { Services } from '../services.ts';

export const MAX_ENTRIES_PAGE = 1000;
export const MAX_CHECKPOINTS_PAGE = 100;

interface CheckpointLike {
  treeSize: number;
  rootHash: Uint8Array;
  note: string;
  createdAt: number;
  anchorChainId?: number | null;
  anchorContract?: string | null;
  anchorSeq?: number | null;
  anchorTxHash?: string | null;
  anchorBlock?: number | null;
  anchoredAt?: number | null;
  anchorFinalized?: boolean | null;
}

export function checkpointJson(cp: CheckpointLike) {
  const anchored = cp.anchorTxHash != null;
  return {
    treeSize: cp.treeSize,
    rootHash: bytesToHex(cp.rootHash),
    note: cp.note,
    createdAt: cp.createdAt,
    anchor: anchored
      ? {
          chainId: cp.anchorChainId,
          contract: cp.anchorContract,
          seq: cp.anchorSeq,
          txHash: cp.anchorTxHash,
          block: cp.anchorBlock,
          anchoredAt: cp.anchoredAt,
          finalized: cp.anchorFinalized ?? false,
        }
      : null,
  };
}

async function logSize(s: Services): Promise<number> {
  const [state] = await s.db.select({ size: logState.size }).from(logState).where(eq(logState.id, 1));
  return state?.size ?? 0;
}

export function logRoutes(s: Services): Hono {
  const app = new Hono();

  app.get('/checkpoints', async (c) => {
    const limit = Math.min(intParam(c.req.query('limit'), 'limit', { min: 1, fallback: 20 }), MAX_CHECKPOINTS_PAGE);
    const rows = await s.db.select().from(checkpoints).orderBy(desc(checkpoints.treeSize)).limit(limit);
    return c.json({ checkpoints: rows.map(checkpointJson) });
  });

  app.get('/entries', async (c) => {
    const start = intParam(c.req.query('start'), 'start', { fallback: 0 });
    const size = await logSize(s);
    const end = Math.min(
      intParam(c.req.query('end'), 'end', { fallback: start + MAX_ENTRIES_PAGE }),
      start + MAX_ENTRIES_PAGE,
      size,
    );
    if (start > size) throw new ProvenantError('input.invalid', 'start is beyond the log', { details: ['start'] });
    const rows = end > start ? await entryPage(s.db, start, end) : [];
    return c.json({
      start,
      end: start + rows.length,
      treeSize: size,
      entries: rows.map((r) => ({ index: r.idx, leaf: bytesToHex(r.leaf), kind: r.kind, receivedAt: r.receivedAt })),
      next: start + rows.length < size ? start + rows.length : null,
    });
  });

  app.get('/consistency', async (c) => {
    const from = intParam(c.req.query('from'), 'from');
    const to = intParam(c.req.query('to'), 'to');
    const size = await logSize(s);
    if (from > to || to > size) {
      throw new ProvenantError('input.invalid', 'need 0 ≤ from ≤ to ≤ log size', { details: ['from', 'to'] });
    }
    const proof = consistencyProof(await leafHashes(s.db, to), from, to);
    return c.json({ from, to, proof: proof.map(bytesToHex) });
  });

  return app;
}
