/** The anchor worker against a real anvil and the API's real database (PGlite). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAnchor, walletFor } from '../../anchor/client.ts';
import { connectRpc } from '../../anchor/provider.ts';
import { AnchorSender } from '../../anchor/worker/sender.ts';
import { startAnchorWorker } from '../../anchor/worker/start.ts';
import { checkpoints, logEntries } from '../../api/db/schema/index.ts';
import { isProvenantError } from '../../core/errors.ts';
import { startRpcProxy } from './rpc-proxy.ts';
import { type AnchorSystem, startAnchorSystem } from './system.ts';

async function rowOf(sys: AnchorSystem, treeSize: number) {
  const [row] = await sys.service.services.db.select().from(checkpoints).where(eq(checkpoints.treeSize, treeSize));
  if (!row) throw new Error(`no checkpoint row ${treeSize}`);
  return row;
}

async function chainCount(sys: AnchorSystem): Promise<number> {
  const c = await connectAnchor({ rpcUrl: sys.chain.rpcUrl, address: sys.contract });
  try {
    return await c.checkpointCount();
  } finally {
    c.provider.destroy();
  }
}

/** Anvil mines on receipt, but under load the receipt can trail the broadcast: wait for it (bounded), not for time. */
async function receiptOf(sys: AnchorSystem, txHash: string | undefined): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (txHash && (await sys.rpc('eth_getTransactionReceipt', [txHash])) !== null) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no receipt for ${txHash}`);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return isProvenantError(e) ? e.code : 'uncoded';
  }
}

describe('anchor worker', () => {
  let sys: AnchorSystem;
  beforeAll(async () => {
    sys = await startAnchorSystem();
  }, 60_000);
  afterAll(async () => {
    await sys?.close();
  });

  it('anchors the newest checkpoint, records where, and finalizes after the confirmations', async () => {
    await sys.submit(3);
    await sys.integrate();
    const w = await sys.startWorker({ confirmations: 3 });
    const first = await w.worker.tick();
    expect(first.sent?.treeSize).toBe(3);
    await receiptOf(sys, first.sent?.txHash);
    const second = await w.worker.tick();
    expect(second.included).toEqual([3]);
    let row = await rowOf(sys, 3);
    expect(row.anchorTxHash).toBe(first.sent?.txHash);
    expect(row.anchorSeq).toBe(0);
    expect(row.anchorChainId).toBe(sys.chain.chainId);
    expect(row.anchorBlock).toBeGreaterThan(0);
    expect(row.anchoredAt).toBeGreaterThan(0);
    expect(row.anchorFinalized).toBe(false);
    await sys.rpc('anvil_mine', ['0x2']);
    expect((await w.worker.tick()).finalized).toEqual([3]);
    row = await rowOf(sys, 3);
    expect(row.anchorFinalized).toBe(true);
    const served = (await (await fetch(`${sys.apiUrl}/v1/log/checkpoints`)).json()) as {
      checkpoints: Array<{ treeSize: number; anchor: Record<string, unknown> | null }>;
    };
    expect(served.checkpoints[0]?.anchor).toMatchObject({
      chainId: sys.chain.chainId,
      contract: sys.contract,
      seq: 0,
      txHash: first.sent?.txHash,
      block: row.anchorBlock,
      anchoredAt: row.anchoredAt,
      finalized: true,
    });
    // Nothing new: nothing sent.
    expect((await w.worker.tick()).sent).toBeNull();
    await w.stop();
  });

  it('refuses to publish a checkpoint its stored leaves do not reproduce', async () => {
    const [entry] = await sys.submit(1);
    await sys.integrate();
    const db = sys.service.services.db;
    const [row] = await db
      .select()
      .from(logEntries)
      .where(eq(logEntries.idx, entry?.logIndex ?? -1));
    if (!row) throw new Error('no entry');
    const flipped = Uint8Array.from(row.leaf);
    flipped[50] = (flipped[50] ?? 0) ^ 1;
    await db.update(logEntries).set({ leaf: flipped }).where(eq(logEntries.idx, row.idx));
    const w = await sys.startWorker();
    expect(await codeOf(w.worker.tick())).toBe('log.inconsistent');
    expect(await chainCount(sys)).toBe(1);
    await db.update(logEntries).set({ leaf: row.leaf }).where(eq(logEntries.idx, row.idx));
    expect((await w.worker.tick()).sent?.treeSize).toBe(4);
    await w.worker.tick();
    expect(await chainCount(sys)).toBe(2);
    await w.stop();
  });

  it('survives a crash after recording and broadcasting, before seeing the receipt: no double anchor', async () => {
    await sys.submit(2);
    await sys.integrate();
    // The dead process's half: sign, record, broadcast — then it is gone.
    const provider = await connectRpc(sys.chain.rpcUrl);
    const sender = new AnchorSender(provider, walletFor(sys.chain.testKeys[0] as string, provider), sys.contract);
    const latest = await sys.store.latestCheckpoint();
    const prev = await sys.store.checkpointAt(4);
    if (!latest || !prev) throw new Error('no checkpoints');
    const signed = await sender.sign({ prevRoot: prev.rootHash, treeSize: latest.treeSize, root: latest.rootHash });
    await sys.store.recordSent(latest.treeSize, { chainId: sys.chain.chainId, contract: sys.contract }, signed.hash);
    await sender.broadcast(signed.raw);
    provider.destroy();
    await receiptOf(sys, signed.hash);
    const w = await sys.startWorker();
    const t = await w.worker.tick();
    expect(t.included).toEqual([6]);
    expect(t.sent).toBeNull();
    expect((await rowOf(sys, 6)).anchorTxHash).toBe(signed.hash);
    expect((await w.worker.tick()).sent).toBeNull();
    expect(await chainCount(sys)).toBe(3);
    await w.stop();
  });

  it('survives a crash after recording, before broadcasting: re-sends with the same nonce', async () => {
    await sys.submit(1);
    await sys.integrate();
    const provider = await connectRpc(sys.chain.rpcUrl);
    const sender = new AnchorSender(provider, walletFor(sys.chain.testKeys[0] as string, provider), sys.contract);
    const latest = await sys.store.latestCheckpoint();
    const prev = await sys.store.checkpointAt(6);
    if (!latest || !prev) throw new Error('no checkpoints');
    const signed = await sender.sign({ prevRoot: prev.rootHash, treeSize: latest.treeSize, root: latest.rootHash });
    await sys.store.recordSent(latest.treeSize, { chainId: sys.chain.chainId, contract: sys.contract }, signed.hash);
    provider.destroy();
    const w = await sys.startWorker();
    const t = await w.worker.tick();
    expect(t.dropped).toEqual([7]);
    expect(t.sent?.treeSize).toBe(7);
    expect(t.sent?.nonce).toBe(signed.nonce);
    await w.worker.tick();
    expect((await rowOf(sys, 7)).anchorSeq).toBe(3);
    expect(await chainCount(sys)).toBe(4);
    await w.stop();
  });

  it('catches up after the RPC was unreachable, with coded errors and no crash', async () => {
    const proxy = await startRpcProxy(sys.chain.rpcUrl);
    try {
      const w = await startAnchorWorker(
        sys.store,
        { rpcUrl: proxy.url, privateKey: sys.chain.testKeys[0] as string, contract: sys.contract },
        { intervalMs: 0, batchMax: 1, confirmations: 1, autoStart: false },
      );
      await sys.submit(2);
      await sys.integrate();
      proxy.down();
      expect(await codeOf(w.worker.tick())).toBe('chain.unreachable');
      proxy.up();
      await w.worker.tick();
      await w.worker.tick();
      expect((await rowOf(sys, 9)).anchorSeq).toBe(4);
      await w.stop();
    } finally {
      await proxy.close();
    }
  });

  it('keeps ticking with backoff while the RPC is down and anchors when it returns', async () => {
    const proxy = await startRpcProxy(sys.chain.rpcUrl);
    const codes: string[] = [];
    const logger = {
      info() {},
      error() {},
      warn(obj: object) {
        codes.push(String((obj as { code?: string }).code));
      },
    };
    const w = await startAnchorWorker(
      sys.store,
      { rpcUrl: proxy.url, privateKey: sys.chain.testKeys[0] as string, contract: sys.contract },
      { intervalMs: 0, batchMax: 1, confirmations: 1, pollMs: 20, maxBackoffMs: 100, logger },
    );
    try {
      proxy.down();
      await sys.submit(1);
      await sys.integrate();
      while (codes.length < 3) await new Promise((r) => setTimeout(r, 20));
      expect(new Set(codes)).toEqual(new Set(['chain.unreachable']));
      proxy.up();
      for (let i = 0; i < 200 && (await rowOf(sys, 10)).anchorSeq === null; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await rowOf(sys, 10)).anchorSeq).toBe(5);
    } finally {
      await w.stop();
      await proxy.close();
    }
  });

  it('detects a reorg that dropped its transaction and re-sends it with the same nonce', async () => {
    await sys.submit(1);
    await sys.integrate();
    const w = await sys.startWorker();
    const snapshot = await sys.rpc('evm_snapshot');
    const sent = await w.worker.tick();
    expect(sent.sent?.treeSize).toBe(11);
    await w.worker.tick();
    expect((await rowOf(sys, 11)).anchorBlock).not.toBeNull();
    // The block holding the anchor disappears from the canonical chain.
    await sys.rpc('evm_revert', [snapshot]);
    await sys.rpc('anvil_mine', ['0x3']);
    const after = await w.worker.tick();
    expect(after.dropped).toEqual([11]);
    expect(after.sent?.treeSize).toBe(11);
    expect(after.sent?.nonce).toBe(sent.sent?.nonce);
    await w.worker.tick();
    const row = await rowOf(sys, 11);
    expect(row.anchorSeq).toBe(6);
    expect(row.anchorTxHash).toBe(after.sent?.txHash);
    expect(await chainCount(sys)).toBe(7);
    await w.stop();
  });
});

describe('two anchor workers on one log and one key', () => {
  let sys: AnchorSystem;
  beforeAll(async () => {
    sys = await startAnchorSystem();
  }, 60_000);
  afterAll(async () => {
    await sys?.close();
  });

  it('never fork or double-anchor, and converge on one recorded anchor', async () => {
    const a = await sys.startWorker();
    const b = await sys.startWorker();
    for (let round = 1; round <= 3; round++) {
      await sys.submit(2);
      await sys.integrate();
      // Hold mining so both workers sign the same checkpoint at the same nonce and both record it: with one key,
      // deterministic signatures make it the very same transaction.
      await sys.rpc('evm_setAutomine', [false]);
      const [first, second] = await Promise.all([a.worker.tick(), b.worker.tick()]);
      expect(second.sent?.txHash).toBe(first.sent?.txHash);
      await sys.rpc('evm_mine');
      await sys.rpc('evm_setAutomine', [true]);
      for (let i = 0; i < 3; i++) await b.worker.tick();
      expect(await chainCount(sys)).toBe(round);
      const row = await rowOf(sys, 2 * round);
      expect(row.anchorSeq).toBe(round - 1);
      const c = await connectAnchor({ rpcUrl: sys.chain.rpcUrl, address: sys.contract });
      const events = await c.readAllCheckpoints();
      c.provider.destroy();
      expect(events.map((e) => e.treeSize)).toEqual(Array.from({ length: round }, (_, k) => 2 * (k + 1)));
      expect(row.anchorTxHash).toBe(events.at(-1)?.txHash);
      expect(row.anchorTxHash).toBe(first.sent?.txHash);
    }
  }, 60_000);

  it('forgets a sent anchor whose nonce another transaction took, and anchors again', async () => {
    await sys.submit(1);
    await sys.integrate();
    const w = await sys.startWorker();
    await sys.rpc('evm_setAutomine', [false]);
    const sent = await w.worker.tick();
    if (!sent.sent) throw new Error('nothing sent');
    // Someone else uses the anchorer key at the same nonce with a higher fee (replacing the pending anchor).
    const provider = await connectRpc(sys.chain.rpcUrl);
    const wallet = walletFor(sys.chain.testKeys[0] as string, provider);
    const fee = await provider.getFeeData();
    const other = await wallet.sendTransaction({
      to: wallet.address,
      value: 1n,
      nonce: sent.sent.nonce,
      maxFeePerGas: (fee.maxFeePerGas ?? 10n ** 9n) * 3n,
      maxPriorityFeePerGas: (fee.maxPriorityFeePerGas ?? 10n ** 9n) * 3n,
    });
    await sys.rpc('evm_mine');
    await sys.rpc('evm_setAutomine', [true]);
    expect((await provider.getTransactionReceipt(other.hash))?.status).toBe(1);
    provider.destroy();
    const size = sent.sent.treeSize;
    const before = await chainCount(sys);
    const next = await w.worker.tick();
    expect(next.dropped).toEqual([size]);
    expect(next.sent?.nonce).toBe(sent.sent.nonce + 1);
    await w.worker.tick();
    expect(await chainCount(sys)).toBe(before + 1);
    expect((await rowOf(sys, size)).anchorTxHash).toBe(next.sent?.txHash);
    await w.stop();
  }, 60_000);

  it('re-signs an anchor stuck in the pool at the same nonce with higher fees', async () => {
    await sys.submit(1);
    await sys.integrate();
    let clock = Date.now();
    const w = await sys.startWorker({ now: () => clock, resubmitAfterMs: 60_000 });
    await sys.rpc('evm_setAutomine', [false]);
    const first = await w.worker.tick();
    if (!first.sent) throw new Error('nothing sent');
    const size = first.sent.treeSize;
    expect((await w.worker.tick()).resubmitted).toEqual([]);
    clock += 61_000;
    const second = await w.worker.tick();
    expect(second.resubmitted).toEqual([size]);
    const replacement = (await rowOf(sys, size)).anchorTxHash;
    expect(replacement).not.toBe(first.sent.txHash);
    const tx = (await sys.rpc('eth_getTransactionByHash', [replacement])) as { nonce: string };
    expect(Number(tx.nonce)).toBe(first.sent.nonce);
    const before = await chainCount(sys);
    await sys.rpc('evm_mine');
    await sys.rpc('evm_setAutomine', [true]);
    await w.worker.tick();
    await w.worker.tick();
    expect(await chainCount(sys)).toBe(before + 1);
    const row = await rowOf(sys, size);
    const c = await connectAnchor({ rpcUrl: sys.chain.rpcUrl, address: sys.contract });
    const events = await c.readAllCheckpoints();
    c.provider.destroy();
    expect(events.at(-1)?.treeSize).toBe(size);
    expect(row.anchorTxHash).toBe(events.at(-1)?.txHash);
    expect(row.anchorSeq).toBe(events.at(-1)?.seq);
    await w.stop();
  }, 60_000);
});
