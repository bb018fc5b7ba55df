import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
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
  if (column.columnType === 'PgInteger') return row * 100 + key.length - 2_000_000_000;
  if (column.dataType === 'number') return 1_767_300_000_000 + row * 1000 + key.length;
  return `${key}-${row}-"quoted"`;
}

function rowsFor(table: PgTable, n: number, offset = 0): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(Object.entries(getTableColumns(table)).map(([k, c]) => [k, sample(c, offset + i, k)])),
  );
}

function equal(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  return a === b;
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

  it('stores the rows of every table as the query builder does: same values read back, nulls and bytes included', async () => {
    const db = svc.services.db;
    let offset = 0;
    for (const [name, table] of Object.entries(TABLES)) {
      for (const n of [1, 2, 7]) {
        offset += 10;
        const ours = rowsFor(table, n, offset) as never[];
        // The same rows with other keys (offset + 1000), through the builder, must read back alike.
        const theirs = rowsFor(table, n, offset + 1000) as never[];
        expect(insertRowsQuery(table, ours)?.sql, name).toMatch(/ select \* from unnest\(/);
        await insertRows(db, table, ours);
        await db.insert(table).values(theirs);
        const all = (await db.select().from(table as PgTable)) as Array<Record<string, unknown>>;
        for (const [i, row] of (ours as Array<Record<string, unknown>>).entries()) {
          const back = all.filter((r) => Object.entries(row).every(([k, v]) => equal(r[k], v)));
          expect(back, `${name} × ${n} row ${i}`).toHaveLength(1);
          const twin = (theirs as Array<Record<string, unknown>>)[i] as Record<string, unknown>;
          const twinBack = all.filter((r) => Object.entries(twin).every(([k, v]) => equal(r[k], v)));
          expect(twinBack).toHaveLength(1);
          expect(Object.keys(back[0] ?? {}).sort()).toEqual(Object.keys(twinBack[0] ?? {}).sort());
        }
      }
    }
  });

  it('leaves rows with a missing value (the column default) to the builder', () => {
    const partial = [{ ...rowsFor(manifests, 1)[0], mediaSha256: undefined }] as never[];
    expect(insertRowsQuery(manifests, partial)).toBeNull();
    expect(getTableName(manifests)).toBe('manifests');
  });

  it('fails like the builder on a constraint violation', async () => {
    const rows = rowsFor(receipts, 1, 3_000_000) as Array<typeof receipts.$inferInsert>;
    await insertRows(svc.services.db, receipts, rows);
    await expect(Promise.resolve(insertRows(svc.services.db, receipts, rows))).rejects.toThrow();
  });
});
