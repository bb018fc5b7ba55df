/**
 * A running system for anchoring tests: the API service in-process on PGlite (memory://) served over HTTP on
 * port 0, a fresh anvil with the contract deployed, and an anchor worker driven tick by tick.
 */
import { type ServerType, serve } from '@hono/node-server';
import { deployAnchor } from '../../anchor/deploy.ts';
import { type DevChain, type DevChainOptions, startDevChain } from '../../anchor/devchain.ts';
import { type RunningAnchorWorker, startAnchorWorker } from '../../anchor/worker/start.ts';
import type { AnchorWorkerOptions } from '../../anchor/worker/worker.ts';
import { DrizzleAnchorStore } from '../../api/log/anchor-store.ts';
import { type Service, startService } from '../../api/service.ts';
import type { SigningKey } from '../../core/crypto/keys.ts';
import { testConfig } from '../api/backends.ts';
import { newKey, photoClaim, signedManifest } from '../api/fixtures.ts';

export interface AnchorSystem {
  service: Service;
  chain: DevChain;
  contract: string;
  store: DrizzleAnchorStore;
  apiUrl: string;
  key: SigningKey;
  /** A worker on this system (a new one simulates a restarted process). */
  startWorker(options?: Partial<AnchorWorkerOptions>): Promise<RunningAnchorWorker>;
  /** Submits `count` fresh manifests over HTTP; returns their ids and receipts. */
  submit(count: number): Promise<Array<{ id: string; logIndex: number; receipt: Record<string, unknown> }>>;
  /** Signs a checkpoint for the current tree now. */
  integrate(): Promise<void>;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

let counter = 0;

export async function startAnchorSystem(chainOptions: DevChainOptions = {}): Promise<AnchorSystem> {
  const chain = await startDevChain(chainOptions);
  const workers: RunningAnchorWorker[] = [];
  let service: Service | undefined;
  let server: ServerType | undefined;
  try {
    const privateKey = chain.testKeys[0] as string;
    const deployment = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey });
    const svc = await startService(testConfig(), { pgliteDir: 'memory://', integrate: false });
    service = svc;
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
    const apiUrl = `http://127.0.0.1:${port}`;
    const store = new DrizzleAnchorStore(svc.services.db);
    const key = newKey();
    const rpc = async (method: string, params: unknown[] = []) => {
      const res = await fetch(chain.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const body = (await res.json()) as { result?: unknown; error?: { message: string } };
      if (body.error) throw new Error(`${method}: ${body.error.message}`);
      return body.result;
    };
    return {
      service: svc,
      chain,
      contract: deployment.address,
      store,
      apiUrl,
      key,
      rpc,
      async startWorker(options = {}) {
        const w = await startAnchorWorker(
          store,
          { rpcUrl: chain.rpcUrl, privateKey, contract: deployment.address },
          { intervalMs: 0, batchMax: 1, confirmations: 2, autoStart: false, ...options },
        );
        workers.push(w);
        return w;
      },
      async submit(count) {
        const out = [];
        for (let i = 0; i < count; i++) {
          const m = signedManifest(photoClaim(++counter), [key]);
          const res = await fetch(`${apiUrl}/v1/manifests`, { method: 'POST', body: JSON.stringify(m.manifest) });
          if (res.status !== 201) throw new Error(`submit: HTTP ${res.status}`);
          out.push((await res.json()) as { id: string; logIndex: number; receipt: Record<string, unknown> });
        }
        return out;
      },
      async integrate() {
        await svc.services.sequencer.idle();
        await svc.services.integrator.integrate();
      },
      async close() {
        for (const w of workers) await w.stop();
        await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
        await svc.close();
        await chain.stop();
      },
    };
  } catch (e) {
    for (const w of workers) await w.stop();
    if (server) server.close();
    await service?.close();
    await chain.stop();
    throw e;
  }
}
