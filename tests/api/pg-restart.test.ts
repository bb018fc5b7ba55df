/**
 * Fault test: PostgreSQL (a throwaway cluster of this test's own) crashes and restarts while the API server (its
 * own process, as deployed) takes sustained submissions over HTTP. While the database is down every request fails
 * cleanly with 503 db.unavailable; the server process survives; afterwards every acknowledged submission (201) is
 * present at the index its receipt gave.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SERVICE_KEY } from './backends.ts';
import { newKey, photoClaim, signedManifest } from './fixtures.ts';
import { startThrowawayPostgres, type ThrowawayPostgres, throwawayPostgresAvailable } from './throwaway-postgres.ts';

const WORKERS = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startServerProcess(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  // The real entry point (`provenant serve`), without the anchor worker and the demo, on its own PostgreSQL.
  const child = spawn(process.execPath, ['bin/provenant.mjs', 'serve', '--no-anchor', '--no-demo', '--json'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      SERVICE_KEY: TEST_SERVICE_KEY,
      DATA_DIR: '/nonexistent',
      LOG_LEVEL: 'warn',
      LOG_ORIGIN: 'test.provenant/log',
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_KEY_PER_MINUTE: '100000000',
      CHECKPOINT_INTERVAL_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      // `--json` prints a pretty document whose `"port"` line comes first; other lines are the server's JSON logs.
      const port = /^ {2}"port": (\d+),$/.exec(line)?.[1];
      if (port !== undefined) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
  });
}

describe.skipIf(!throwawayPostgresAvailable)('PostgreSQL restart under load', () => {
  let pg: ThrowawayPostgres;
  let server: { child: ChildProcess; base: string };
  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    server = await startServerProcess(pg.url);
  }, 60_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGTERM');
      await exited;
    }
    pg?.destroy();
  });

  it('fails cleanly while down, survives, and loses nothing acknowledged', async () => {
    const key = newKey();
    const acknowledged = new Map<string, number>();
    const unexpected: string[] = [];
    let unavailable = 0;
    let n = 0;
    let phase: 'up' | 'down' | 'back' | 'done' = 'up';
    let afterRestart = 0;
    const worker = async () => {
      while (phase !== 'done') {
        const m = signedManifest(photoClaim(100_000 + n++), [key]);
        try {
          const res = await fetch(`${server.base}/v1/manifests`, { method: 'POST', body: m.bytes as BodyInit });
          const body = (await res.json()) as { logIndex?: number; error?: { code: string } };
          if (res.status === 201) {
            acknowledged.set(m.id, body.logIndex as number);
            if (phase === 'back') afterRestart++;
          } else if (res.status === 503 && body.error?.code === 'db.unavailable') {
            unavailable++;
            await sleep(20);
          } else {
            unexpected.push(`${res.status} ${body.error?.code}`);
          }
        } catch (e) {
          unexpected.push(`request failed: ${(e as Error).message}`);
          await sleep(20);
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    await sleep(1500);
    const beforeCrash = acknowledged.size;
    pg.crash();
    phase = 'down';
    await sleep(1500);
    pg.start();
    phase = 'back';
    for (let i = 0; i < 300 && afterRestart < 50; i++) await sleep(50);
    phase = 'done';
    await Promise.all(workers);

    expect(unexpected).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect(beforeCrash).toBeGreaterThan(0);
    expect(unavailable).toBeGreaterThan(0);
    expect(afterRestart).toBeGreaterThanOrEqual(50);
    for (const [id, logIndex] of acknowledged) {
      const res = await fetch(`${server.base}/v1/manifests/${id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { logIndex: number }).logIndex).toBe(logIndex);
    }
    const indices = [...acknowledged.values()].sort((a, b) => a - b);
    expect(new Set(indices).size).toBe(indices.length);
    const log = (await (await fetch(`${server.base}/v1/log/entries?start=0&end=1`)).json()) as { treeSize: number };
    expect(log.treeSize).toBeGreaterThan(indices.at(-1) as number);
  }, 120_000);
});
