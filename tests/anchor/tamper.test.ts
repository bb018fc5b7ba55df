/**
 * Tamper tests: a running system (API over HTTP on PGlite, anvil, anchor worker) whose database is then attacked
 * the way a dishonest operator could; the auditor, reading anchors from the chain, must report each attack with
 * its own code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AuditReport, runAudit } from '../../anchor/audit/audit.ts';
import type { RunningAnchorWorker } from '../../anchor/worker/start.ts';
import { checkpoints, logEntries, logState, manifests, receipts, signatures } from '../../api/db/schema/index.ts';
import { main } from '../../cli/main.ts';
import { base64urlToBytes, fromUtf8, utf8 } from '../../core/bytes.ts';
import { decodeLeaf, encodeLeaf, formatCheckpoint, signNote } from '../../core/log/index.ts';
import { CompactRange, leafHash } from '../../core/merkle/index.ts';
import { TEST_SERVICE_KEY } from '../api/backends.ts';
import { type AnchorSystem, startAnchorSystem } from './system.ts';

const ORIGIN = 'test.provenant/log';
const DAY = 86_400_000;

let sys: AnchorSystem | undefined;
afterEach(async () => {
  await sys?.close();
  sys = undefined;
});

/** Two anchors (sizes 3 and 6) over six manifests; returns the running worker for further anchoring. */
async function anchoredSystem(): Promise<{ s: AnchorSystem; worker: RunningAnchorWorker }> {
  const s = await startAnchorSystem();
  sys = s;
  const worker = await s.startWorker();
  for (let round = 0; round < 2; round++) {
    await s.submit(3);
    await s.integrate();
    await anchorNow(worker);
  }
  return { s, worker };
}

async function anchorNow(worker: RunningAnchorWorker): Promise<void> {
  const sent = await worker.worker.tick();
  if (!sent.sent) throw new Error('nothing anchored');
  await worker.worker.tick();
}

function audit(s: AnchorSystem, extra: { receiptsDir?: string } = {}): Promise<AuditReport> {
  return runAudit({
    api: s.apiUrl,
    rpc: s.chain.rpcUrl,
    contract: s.contract,
    full: true,
    logKey: s.service.verifierKey,
    ...extra,
  });
}

const failures = (r: AuditReport) => [...new Set(r.findings.filter((f) => f.kind === 'failure').map((f) => f.code))];

/** Recomputes the sequencer state from the (tampered) leaves, as an operator hiding its edit would. */
async function resequence(s: AnchorSystem): Promise<void> {
  const db = s.service.services.db;
  const rows = await db.select({ h: logEntries.leafHash }).from(logEntries).orderBy(asc(logEntries.idx));
  const range = new CompactRange();
  for (const r of rows) range.append(r.h);
  await db.update(logState).set({ size: range.size, compactRange: range.toBytes() }).where(eq(logState.id, 1));
}

async function cli(args: string[]): Promise<number> {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await main(['node', 'provenant', ...args]);
  } finally {
    spy.mockRestore();
  }
}

describe('audit of an untampered system', () => {
  it('is consistent, and the CLI exits 0', async () => {
    const { s } = await anchoredSystem();
    const r = await audit(s);
    expect(failures(r)).toEqual([]);
    expect(r.consistent).toBe(true);
    expect(r.anchors).toBe(2);
    expect(r.anchoredSize).toBe(6);
    expect(r.entries).toBe(6);
    const args = ['audit', '--api', s.apiUrl, '--rpc', s.chain.rpcUrl, '--contract', s.contract, '--full', '--json'];
    expect(await cli(args)).toBe(0);
    expect(await cli(['audit', '--api', s.apiUrl])).toBe(2);
  }, 60_000);
});

describe('tampering with the database is detected', () => {
  it('edit a stored manifest → audit.manifest.mismatch (CLI exits 1)', async () => {
    const { s } = await anchoredSystem();
    const db = s.service.services.db;
    const [m] = await db.select().from(manifests).where(eq(manifests.logIndex, 1));
    if (!m) throw new Error('no manifest');
    const claim = JSON.parse(fromUtf8(m.claimBytes)) as { title: string };
    claim.title = 'Something else entirely';
    await db
      .update(manifests)
      .set({ claimBytes: utf8(JSON.stringify(claim)) })
      .where(eq(manifests.id, m.id));
    expect(failures(await audit(s))).toEqual(['audit.manifest.mismatch']);
    const args = ['audit', '--api', s.apiUrl, '--rpc', s.chain.rpcUrl, '--contract', s.contract, '--full'];
    expect(await cli(args)).toBe(1);
  }, 60_000);

  it('edit a leaf → audit.root.mismatch', async () => {
    const { s } = await anchoredSystem();
    const db = s.service.services.db;
    const [e] = await db.select().from(logEntries).where(eq(logEntries.idx, 1));
    if (!e) throw new Error('no entry');
    const leaf = Uint8Array.from(e.leaf);
    leaf[60] = (leaf[60] ?? 0) ^ 0xff; // inside the subject digest
    await db.update(logEntries).set({ leaf }).where(eq(logEntries.idx, 1));
    expect(failures(await audit(s))).toEqual(['audit.root.mismatch']);
  }, 60_000);

  it('delete an entry → audit.entry.missing', async () => {
    const { s } = await anchoredSystem();
    await s.service.services.db.delete(logEntries).where(eq(logEntries.idx, 4));
    expect(failures(await audit(s))).toContain('audit.entry.missing');
  }, 60_000);

  it('reorder entries → audit.entry.reordered', async () => {
    const { s } = await anchoredSystem();
    const db = s.service.services.db;
    await db.execute(sql`update log_entries set idx = -1 where idx = 1`);
    await db.execute(sql`update log_entries set idx = 1 where idx = 2`);
    await db.execute(sql`update log_entries set idx = 2 where idx = -1`);
    const codes = failures(await audit(s));
    expect(codes).toContain('audit.entry.reordered');
    expect(codes).toContain('audit.root.mismatch');
  }, 60_000);

  it('backdate receivedAt (before anchoring) → audit.entry.backdated', async () => {
    const { s, worker } = await anchoredSystem();
    const db = s.service.services.db;
    const [entry] = await s.submit(1);
    const idx = entry?.logIndex ?? -1;
    const [row] = await db.select().from(logEntries).where(eq(logEntries.idx, idx));
    if (!row) throw new Error('no entry');
    const fields = decodeLeaf(row.leaf);
    const leaf = encodeLeaf({ ...fields, receivedAt: fields.receivedAt - DAY });
    await db
      .update(logEntries)
      .set({ leaf, leafHash: leafHash(leaf), receivedAt: fields.receivedAt - DAY })
      .where(eq(logEntries.idx, idx));
    await resequence(s);
    await s.integrate();
    await anchorNow(worker);
    expect(failures(await audit(s))).toEqual(['audit.entry.backdated']);
  }, 60_000);

  it('edit a stored leaf hash (what proofs are made from) → audit.consistency.invalid', async () => {
    const { s } = await anchoredSystem();
    const db = s.service.services.db;
    await db
      .update(logEntries)
      .set({ leafHash: new Uint8Array(32).fill(1) })
      .where(eq(logEntries.idx, 4));
    expect(failures(await audit(s))).toEqual(['audit.consistency.invalid']);
  }, 60_000);

  it('postdate receivedAt (before anchoring) → audit.entry.postdated', async () => {
    const { s, worker } = await anchoredSystem();
    const db = s.service.services.db;
    const [entry] = await s.submit(1);
    const idx = entry?.logIndex ?? -1;
    const [row] = await db.select().from(logEntries).where(eq(logEntries.idx, idx));
    if (!row) throw new Error('no entry');
    const fields = decodeLeaf(row.leaf);
    const leaf = encodeLeaf({ ...fields, receivedAt: fields.receivedAt + DAY });
    await db
      .update(logEntries)
      .set({ leaf, leafHash: leafHash(leaf), receivedAt: fields.receivedAt + DAY })
      .where(eq(logEntries.idx, idx));
    await resequence(s);
    await s.integrate();
    await anchorNow(worker);
    expect(failures(await audit(s))).toEqual(['audit.entry.postdated']);
  }, 60_000);

  it('serve a different checkpoint to different clients → audit.checkpoint.splitView', async () => {
    const { s } = await anchoredSystem();
    const db = s.service.services.db;
    // A validly signed note for another tree of size 6: what some clients are shown instead of the anchored one.
    const otherRoot = new Uint8Array(32).fill(0xab);
    const note = signNote(formatCheckpoint({ origin: ORIGIN, treeSize: 6, rootHash: otherRoot }), {
      name: ORIGIN,
      secretKey: base64urlToBytes(TEST_SERVICE_KEY),
    });
    await db.update(checkpoints).set({ rootHash: otherRoot, note }).where(eq(checkpoints.treeSize, 6));
    expect(failures(await audit(s))).toEqual(['audit.checkpoint.splitView']);
  }, 60_000);

  it('drop a receipted submission → audit.receipt.dropped', async () => {
    const { s, worker } = await anchoredSystem();
    const dir = mkdtempSync(join(tmpdir(), 'provenant-receipts-'));
    try {
      const db = s.service.services.db;
      const [dropped] = await s.submit(1);
      if (!dropped) throw new Error('no submission');
      writeFileSync(join(dir, 'dropped.json'), JSON.stringify(dropped.receipt));
      const idx = dropped.logIndex;
      // The operator erases every trace of it before the next checkpoint…
      await db.delete(logEntries).where(eq(logEntries.idx, idx));
      await db.delete(signatures).where(eq(signatures.manifestId, dropped.id));
      await db.delete(manifests).where(eq(manifests.id, dropped.id));
      await db.delete(receipts).where(eq(receipts.logIndex, idx));
      await resequence(s);
      // …and the log carries on: the next submission takes its index.
      const [next] = await s.submit(1);
      expect(next?.logIndex).toBe(idx);
      writeFileSync(join(dir, 'kept.json'), JSON.stringify(next?.receipt));
      await s.integrate();
      await anchorNow(worker);
      const r = await audit(s, { receiptsDir: dir });
      expect(failures(r)).toEqual(['audit.receipt.dropped']);
      expect(r.findings.find((f) => f.code === 'audit.receipt.dropped')?.file).toBe('dropped.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
