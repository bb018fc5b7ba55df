import { type Column, eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertRows, insertRowsQuery } from '../../api/db/insert-rows.ts';
import {
  fingerprints,
  logEntries,
  manifests,
  quoteFragments,
  receipts,
  signatures,
} from '../../api/db/schema/index.ts';
import type { Service } from '../../api/service.ts';
import { describeBackends } from './backends.ts';

/** A value of the column's type, distinct per row; nullable columns get null in odd rows. */
function sample(column: Column, row: number, key: string): unknown {
  if (!column.notNull && row % 2 === 1) return null;
  if (column.dataType === 'custom') return Uint8Array.from([row, 0, 255, key.length]);
  if (column.dataType === 'number') return 1_767_300_000_000 + row * 1000 + key.length;
  return `${key}-${row}-"quoted"`;
}

function rowsFor(table: PgTable, n: number, offset = 0): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(Object.entries(getTableColumns(table)).map(([k, c]) => [k, sample(c, offset + i, k)])),
  );
}

const TABLES = { manifests, fingerprints, quoteFragments, signatures, receipts, logEntries };

describeBackends('insertRows', (backend) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await backend.start();
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('sends exactly the statement and parameters of the query builder', () => {
    for (const [name, table] of Object.entries(TABLES)) {
      for (const n of [1, 2, 7]) {
        const rows = rowsFor(table, n) as never[];
        const ours = insertRowsQuery(table, rows);
        const theirs = svc.services.db.insert(table).values(rows).toSQL();
        expect(ours, `${name} × ${n}`).toEqual({ sql: theirs.sql, params: theirs.params });
      }
    }
    // A missing value is `default`, as the builder writes it.
    const partial = [{ ...rowsFor(manifests, 1)[0], mediaSha256: undefined }] as never[];
    expect(insertRowsQuery(manifests, partial)).toEqual(svc.services.db.insert(manifests).values(partial).toSQL());
  });

  it('stores rows that read back equal, bytes included', async () => {
    const db = svc.services.db;
    const rows = rowsFor(receipts, 3, 1_000_000) as Array<typeof receipts.$inferInsert>;
    await insertRows(db, receipts, rows);
    for (const r of rows) {
      const [back] = await db.select().from(receipts).where(eq(receipts.logIndex, r.logIndex));
      expect(back).toEqual(r);
    }
    const m = rowsFor(manifests, 2, 2_000_000) as Array<typeof manifests.$inferInsert>;
    await insertRows(db, manifests, m);
    for (const r of m) {
      const [back] = await db.select().from(manifests).where(eq(manifests.id, r.id));
      expect(back).toEqual(r);
    }
    expect(getTableName(manifests)).toBe('manifests');
  });

  it('fails like the builder on a constraint violation', async () => {
    const rows = rowsFor(receipts, 1, 3_000_000) as Array<typeof receipts.$inferInsert>;
    await insertRows(svc.services.db, receipts, rows);
    await expect(Promise.resolve(insertRows(svc.services.db, receipts, rows))).rejects.toThrow();
  });
});
