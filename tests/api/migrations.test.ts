import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/db/client.ts';
import { logState } from '../../api/db/schema/index.ts';
import { PG_ADMIN_URL, reachable } from './backends.ts';

describe('migrations', () => {
  it('apply to a fresh PGlite database', async () => {
    const d = await openDatabase(undefined, 'memory://');
    expect(await d.db.select().from(logState)).toEqual([]);
    await d.close();
  });

  it.skipIf(!reachable)(
    'three processes starting together on one fresh PostgreSQL database all migrate cleanly',
    async () => {
      const name = `provenant_t_${Math.random().toString(36).slice(2, 10)}`;
      const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      try {
        const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
        const dbs = await Promise.all([0, 1, 2].map(() => openDatabase(url, '')));
        for (const d of dbs) expect(await d.db.select().from(logState)).toEqual([]);
        await Promise.all(dbs.map((d) => d.close()));
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
