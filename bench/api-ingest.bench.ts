/**
 * Sustained ingest over HTTP: N pre-signed manifests POSTed with concurrency 64 (from a worker thread) to a real
 * server (node-server on an ephemeral port, real PostgreSQL in a fresh database, full signature verification,
 * group-committed sequencing with multi-row inserts).
 * Baseline: inserting the same manifest rows straight into PostgreSQL in batches of 500, in the same run.
 * Needs PostgreSQL at PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { parseConfig } from '../api/config.ts';
import { manifests } from '../api/db/schema/index.ts';
import { startService } from '../api/service.ts';
import { bytesToBase64url, utf8 } from '../core/bytes.ts';
import { generateKey } from '../core/crypto/keys.ts';
import { signClaim } from '../core/crypto/signature-entry.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { loadVectors } from '../tests/helpers/vectors.ts';
import { type BenchFigure, figure } from './lib.ts';

const N = Number(process.env.BENCH_API_MANIFESTS ?? 4000);
const CONCURRENCY = 64;
const GOAL = 5000;
const ADMIN = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function makeManifests(): Uint8Array[] {
  const claim = loadVectors<{ valid: Array<{ manifest: { claim: Record<string, unknown> } }> }>(
    'manifest-capture-photo.json',
  ).valid[0]?.manifest.claim as { title: string; asset: { sha256: string } };
  const key = generateKey('ed25519');
  const out: Uint8Array[] = [];
  for (let i = 0; i < N; i++) {
    const c = { ...structuredClone(claim), title: `Bench ${i}` };
    c.asset.sha256 = i.toString(16).padStart(64, '0');
    const { claimDigest } = parseManifest({ claim: c, signatures: [] });
    out.push(
      utf8(JSON.stringify({ claim: c, signatures: [signClaim(claimDigest, key, 'capture', 1_767_300_000_000)] })),
    );
  }
  return out;
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `provenant_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  try {
    return await fn(ADMIN.replace(/\/[^/]*$/, `/${name}`));
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const bodies = makeManifests();
  return withDatabase(async (url) => {
    const service = await startService(
      parseConfig({
        DATABASE_URL: url,
        SERVICE_KEY: bytesToBase64url(new Uint8Array(32).fill(9)),
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '100000000',
        RATE_LIMIT_PER_KEY_PER_MINUTE: '100000000',
      }),
      { integrate: false },
    );
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: service.app.fetch, port: 0 }, () => resolve(s));
    });
    const { port } = server.address() as { port: number };
    // The load generator runs in a worker thread: on one event loop it would take CPU from the server it measures.
    const client = new Worker(new URL('./ingest-client.mjs', import.meta.url), {
      workerData: { url: `http://127.0.0.1:${port}/v1/manifests`, bodies, concurrency: CONCURRENCY },
    });
    const { failed, latencies, seconds } = await new Promise<{
      failed: string | null;
      latencies: number[];
      seconds: number;
    }>((resolve, reject) => {
      client.once('message', resolve);
      client.once('error', reject);
    });
    await client.terminate();
    if (failed !== null) throw new Error(failed);
    const { batches, appends } = service.services.sequencer.stats;
    await new Promise<void>((done) => server.close(() => done()));

    // Baseline: the same manifest rows, inserted directly in batches (no parsing, verification or log).
    const rows = bodies.map((b, i) => {
      const p = parseManifest(b);
      return {
        id: `${p.id.slice(0, 60)}ffff`,
        kind: 'capture.photo',
        claimBytes: p.claimBytes,
        mediaSha256: null,
        receivedAt: i,
        logIndex: i,
      };
    });
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += 500)
      await service.services.db.insert(manifests).values(rows.slice(i, i + 500));
    const baselineSeconds = (performance.now() - t0) / 1000;
    await service.close();

    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    const rate = N / seconds;
    const baselineRate = N / baselineSeconds;
    return [
      figure(
        'api ingest over HTTP (PostgreSQL, c=64)',
        rate,
        'manifests/s',
        baselineRate,
        GOAL,
        `p99 ${p99.toFixed(1)} ms; mean batch ${(appends / batches).toFixed(1)}; baseline = batched direct inserts`,
      ),
      figure('api ingest p99 latency', p99, 'ms', 0, 0),
    ];
  });
}
