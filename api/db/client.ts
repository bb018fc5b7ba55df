/** Opens the database (embedded PGlite or PostgreSQL through postgres.js) and applies the committed migrations. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Arbitrary constant naming the migration lock (distinct from the sequencer's). */
const MIGRATION_LOCK_ID = 0x70726f6d;

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/** `url` undefined → PGlite in `pgliteDir` (or in memory when that is 'memory://'). */
export async function openDatabase(url: string | undefined, pgliteDir: string): Promise<Database> {
  if (url === undefined) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    if (!pgliteDir.includes('://')) mkdirSync(pgliteDir, { recursive: true });
    const client = await PGlite.create(pgliteDir);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzle(client, { schema });
  try {
    // Serialise migrations across processes starting together: a session advisory lock held by a one-connection
    // client, which the migrator then uses.
    const migrator = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
      await migrate(drizzle(migrator, { schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await migrator.end({ timeout: 1 });
    }
  } catch (e) {
    await client.end({ timeout: 1 });
    throw e;
  }
  return { db: db as unknown as Db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}
