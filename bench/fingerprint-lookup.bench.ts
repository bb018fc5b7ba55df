/**
 * Fingerprint lookup with 1,000,000 stored fingerprints (random pHash + PDQ pairs, batched straight into a scratch
 * PostgreSQL database migrated like the service's): p50/p99 of the API's multi-index query (nearestFingerprints) for
 * near copies of stored hashes at the default distances. Baseline: the same distance filter as a full scan, in the
 * same run. Goal p50 ≤ 20 ms. Needs PostgreSQL at PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import postgres from 'postgres';
import { openDatabase } from '../api/db/client.ts';
import { fingerprintRow, nearestFingerprints } from '../api/fingerprints/lookup.ts';
import { FINGERPRINT_KINDS, type FingerprintKind } from '../api/fingerprints/multi-index.ts';
import { type BenchFigure, figure, percentile } from './lib.ts';

const N = Number(process.env.BENCH_FINGERPRINTS ?? 1_000_000);
const QUERIES = 200;
const SCANS = 3;
const BATCH = 20_000;
const GOAL_MS = 20;
const ADMIN = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** xorshift32: the same fingerprints every run. */
function rng(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function randomHex(next: () => number, hexChars: number): string {
  let s = '';
  while (s.length < hexChars) s += next().toString(16).padStart(8, '0');
  return s.slice(0, hexChars);
}

/** `hex` with `bits` distinct random bits flipped. */
function perturb(hex: string, bits: number, next: () => number): string {
  const b = Buffer.from(hex, 'hex');
  const seen = new Set<number>();
  while (seen.size < bits) seen.add(next() % (b.length * 8));
  for (const bit of seen) b[bit >> 3] = (b[bit >> 3] as number) ^ (1 << (bit & 7));
  return b.toString('hex');
}

const COLUMNS = [
  'manifest_id',
  'phash',
  'pdq',
  ...FINGERPRINT_KINDS.phash.chunkBits.map((_, i) => `ph${i}`),
  ...FINGERPRINT_KINDS.pdq.chunkBits.map((_, i) => `pdq${i}`),
];

async function load(sql: postgres.Sql, next: () => number): Promise<Array<{ phash: string; pdq: string }>> {
  const samples: Array<{ phash: string; pdq: string }> = [];
  for (let start = 0; start < N; start += BATCH) {
    const ids: string[] = [];
    const cols: unknown[][] = COLUMNS.map(() => []);
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const phash = randomHex(next, 16);
      const pdq = randomHex(next, 64);
      if (i % Math.floor(N / QUERIES) === 0) samples.push({ phash, pdq });
      const id = i.toString(16).padStart(64, '0');
      ids.push(id);
      const row = fingerprintRow(id, phash, pdq) as Record<string, unknown>;
      const keys = ['manifestId', 'phash', 'pdq', ...COLUMNS.slice(3)];
      keys.forEach((k, c) => {
        (cols[c] as unknown[]).push(row[k]);
      });
    }
    await sql`insert into manifests (id, kind, claim_bytes, received_at, log_index)
      select id, 'capture.photo', '\\x7b7d'::bytea, 0, n from unnest(${ids}::text[]) with ordinality as u(id, n)`;
    const types = COLUMNS.map((_, i) => (i < 3 ? `$${i + 1}::text[]` : `$${i + 1}::integer[]`)).join(', ');
    await sql.unsafe(
      `insert into fingerprints (${COLUMNS.join(', ')}) select * from unnest(${types})`,
      cols as postgres.ParameterOrJSON<never>[],
    );
  }
  await sql`analyze manifests`;
  await sql`analyze fingerprints`;
  return samples;
}

export async function run(): Promise<BenchFigure[]> {
  const name = `provenant_bench_fp_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase(url, '');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const next = rng(0x9e3779b9);
    const t0 = performance.now();
    const samples = await load(sql, next);
    const loadSeconds = (performance.now() - t0) / 1000;
    const figures: BenchFigure[] = [];
    for (const kind of ['phash', 'pdq'] as FingerprintKind[]) {
      const maxDistance = FINGERPRINT_KINDS[kind].defaultDistance;
      // Near copies: a third to all of the allowed distance away, so every query has at least its source as a match.
      const queries = samples.map((s) =>
        perturb(s[kind], Math.ceil(maxDistance / 3) + (next() % (maxDistance - Math.ceil(maxDistance / 3) + 1)), next),
      );
      const times: number[] = [];
      let found = 0;
      for (const q of queries) {
        const t = performance.now();
        const matches = await nearestFingerprints(database.db, kind, q, maxDistance, 101);
        times.push(performance.now() - t);
        if (matches.length > 0) found++;
      }
      if (found !== queries.length) throw new Error(`${kind}: ${queries.length - found} queries missed their source`);
      const bits = FINGERPRINT_KINDS[kind].hexChars * 4;
      const scans: number[] = [];
      for (const q of queries.slice(0, SCANS)) {
        const t = performance.now();
        await sql.unsafe(
          `select manifest_id, bit_count(('x' || ${kind})::bit(${bits}) # $1::bit(${bits})) as d from fingerprints
           where bit_count(('x' || ${kind})::bit(${bits}) # $1::bit(${bits})) <= $2 order by d limit 101`,
          [`x${q}`, maxDistance],
        );
        scans.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      scans.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const scan50 = percentile(scans, 50);
      figures.push(
        figure(
          `fingerprint lookup p50 (${kind}, ${N} stored, maxDistance ${maxDistance})`,
          p50,
          'ms',
          scan50,
          GOAL_MS,
          `multi-index hashing; baseline = full-scan query; load ${loadSeconds.toFixed(0)} s`,
        ),
        figure(`fingerprint lookup p99 (${kind}, ${N} stored)`, percentile(times, 99), 'ms', scan50, GOAL_MS),
      );
    }
    return figures;
  } finally {
    await sql.end({ timeout: 1 });
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
