/**
 * A real `kill -9` of `provenant anchor run` after it recorded and broadcast an anchor and before it saw the
 * receipt (mining is held so the process is killed exactly in that window). Needs a database two processes can
 * share, so it runs on PostgreSQL (skipped when PostgreSQL is unreachable, like tests/api).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAnchor } from '../../anchor/client.ts';
import { deployAnchor } from '../../anchor/deploy.ts';
import { type DevChain, startDevChain } from '../../anchor/devchain.ts';
import { startAnchorWorker } from '../../anchor/worker/start.ts';
import { checkpoints } from '../../api/db/schema/index.ts';
import { DrizzleAnchorStore } from '../../api/log/anchor-store.ts';
import { type Service, startService } from '../../api/service.ts';
import { PG_ADMIN_URL, reachable, testConfig } from '../api/backends.ts';
import { newKey, photoClaim, signedManifest } from '../api/fixtures.ts';

const CLI = fileURLToPath(new URL('../../bin/provenant.mjs', import.meta.url));

describe.skipIf(!reachable)('kill -9 of the anchor worker process', () => {
  const dbName = `provenant_t_${Math.random().toString(36).slice(2, 10)}`;
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  let chain: DevChain;
  let service: Service;
  let contract: string;
  let child: ChildProcess | null = null;

  const rpc = async (method: string, params: unknown[] = []) => {
    const res = await fetch(chain.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return ((await res.json()) as { result: unknown }).result;
  };

  beforeAll(async () => {
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    chain = await startDevChain();
    contract = (await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: chain.testKeys[0] as string })).address;
    service = await startService(testConfig({ DATABASE_URL: url }), { integrate: false });
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await service?.close();
    await chain?.stop();
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  async function row(treeSize: number) {
    const [r] = await service.services.db.select().from(checkpoints).where(eq(checkpoints.treeSize, treeSize));
    return r;
  }

  it('the next worker records the in-flight anchor: no fork, no double anchor', async () => {
    const key = newKey();
    for (let i = 0; i < 3; i++) {
      const m = signedManifest(photoClaim(7000 + i), [key]);
      const res = await service.app.request('/v1/manifests', { method: 'POST', body: JSON.stringify(m.manifest) });
      expect(res.status).toBe(201);
    }
    await service.services.sequencer.idle();
    await service.services.integrator.integrate();
    await rpc('evm_setAutomine', [false]);

    const proc = spawn(process.execPath, [CLI, 'anchor', 'run'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        ANCHOR_RPC_URL: chain.rpcUrl,
        ANCHOR_PRIVATE_KEY: chain.testKeys[0] as string,
        ANCHOR_CONTRACT: contract,
        ANCHOR_INTERVAL_S: '0.05',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    proc.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    let pending: string | null = null;
    for (let i = 0; i < 300 && pending === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const r = await row(3);
      if (r?.anchorTxHash && (await rpc('eth_getTransactionByHash', [r.anchorTxHash]))) pending = r.anchorTxHash;
    }
    expect(pending, output).not.toBeNull();
    proc.kill('SIGKILL');
    await exited;
    child = null;
    expect((await row(3))?.anchorBlock).toBeNull();

    await rpc('evm_mine');
    await rpc('evm_setAutomine', [true]);
    const w = await startAnchorWorker(
      new DrizzleAnchorStore(service.services.db),
      { rpcUrl: chain.rpcUrl, privateKey: chain.testKeys[0] as string, contract },
      { intervalMs: 0, batchMax: 1, confirmations: 1, autoStart: false },
    );
    try {
      const t = await w.worker.tick();
      expect(t.included).toEqual([3]);
      expect(t.sent).toBeNull();
      expect((await w.worker.tick()).sent).toBeNull();
    } finally {
      await w.stop();
    }
    const after = await row(3);
    expect(after?.anchorTxHash).toBe(pending);
    expect(after?.anchorSeq).toBe(0);
    const c = await connectAnchor({ rpcUrl: chain.rpcUrl, address: contract });
    expect(await c.checkpointCount()).toBe(1);
    c.provider.destroy();
  }, 60_000);
});
