/**
 * Runs a test file against both databases: embedded PGlite (in memory) and a fresh PostgreSQL database
 * (provenant_t_<random>, dropped afterwards) on PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * If PostgreSQL is unreachable the Postgres suite is skipped with a message, or fails when CI=true.
 */
import postgres from 'postgres';
import { afterAll, describe } from 'vitest';
import { type Config, parseConfig } from '../../api/config.ts';
import { type Service, startService } from '../../api/service.ts';
import { bytesToBase64url } from '../../core/bytes.ts';

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const sql = postgres(PG_ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export const reachable = await postgresReachable();
if (!reachable) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is unreachable at ${PG_ADMIN_URL} (CI=true: failing)`);
  console.warn(`tests/api: PostgreSQL unreachable at ${PG_ADMIN_URL}; skipping the PostgreSQL backend`);
}

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Starts a service on this backend's database (the same database on every call within one test file). */
  start(env?: Record<string, string>): Promise<Service>;
}

/** A fixed test-only service key, so tests do not write ./data. */
export const TEST_SERVICE_KEY = bytesToBase64url(new Uint8Array(32).fill(7));

export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig({
    SERVICE_KEY: TEST_SERVICE_KEY,
    LOG_LEVEL: 'silent',
    LOG_ORIGIN: 'test.provenant/log',
    DATA_DIR: '/nonexistent',
    ...env,
  });
}

/** Declares `body` once per backend; services started through the backend are closed by the caller. */
export function describeBackends(name: string, body: (backend: Backend) => void): void {
  describe(`${name} [pglite]`, () => {
    body({
      name: 'pglite',
      start: (env) => startService(testConfig(env), { pgliteDir: 'memory://', integrate: false }),
    });
  });
  describe.skipIf(!reachable)(`${name} [postgres]`, () => {
    const dbName = `provenant_t_${Math.random().toString(36).slice(2, 10)}`;
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
    let created: Promise<void> | null = null;
    const admin = () => postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    body({
      name: 'postgres',
      async start(env) {
        created ??= (async () => {
          const sql = admin();
          await sql.unsafe(`create database ${dbName}`);
          await sql.end();
        })();
        await created;
        return startService(testConfig({ DATABASE_URL: url, ...env }), { integrate: false });
      },
    });
    afterAll(async () => {
      if (!created) return;
      const sql = admin();
      await sql.unsafe(`drop database if exists ${dbName} with (force)`);
      await sql.end();
    });
  });
}
