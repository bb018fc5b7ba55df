/**
 * Multi-row inserts without drizzle's query builder: the same statement text and parameters as
 * `db.insert(table).values(rows)` (tests/api/insert-rows.test.ts checks they are identical), built by a plain loop.
 * Walking the builder's SQL chunks cost about 7 µs per parameter, a tenth of the ingest path's CPU in big batches.
 * It relies on two drizzle internals (the session's prepareQuery, a column's shouldDisableInsert), which that test
 * exercises on both drivers. Anything the loop does not mirror (column defaults computed in JS, SQL values) goes through the builder.
 */
import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

interface Plan {
  head: string;
  columns: Array<[string, Column]>;
}

interface Session {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: undefined,
    arrayMode: boolean,
  ): { execute(): Promise<unknown> };
}

const plans = new WeakMap<PgTable, Plan>();

function planOf(table: PgTable): Plan {
  let plan = plans.get(table);
  if (!plan) {
    // shouldDisableInsert (generated columns) is internal to drizzle, as the builder uses it.
    const columns = Object.entries(getTableColumns(table)).filter(
      ([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
    );
    const names = columns.map(([, c]) => `"${c.name.replace(/"/g, '""')}"`).join(', ');
    plan = { head: `insert into "${getTableName(table).replace(/"/g, '""')}" (${names}) values `, columns };
    plans.set(table, plan);
  }
  return plan;
}

/** Plain values only: bytes, strings, numbers, booleans, null. */
function plain(v: unknown): boolean {
  return v === null || typeof v !== 'object' || v instanceof Uint8Array;
}

/** Inserts `rows` (at least one) in one statement; resolves when it has run. */
export function insertRows<T extends PgTable>(db: Db, table: T, rows: Array<T['$inferInsert']>): PromiseLike<unknown> {
  const { head, columns } = planOf(table);
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows as Array<Record<string, unknown>>) {
    const slots: string[] = [];
    for (const [key, column] of columns) {
      const v = row[key];
      if (v === undefined) {
        if (column.defaultFn !== undefined || column.onUpdateFn !== undefined) return db.insert(table).values(rows);
        slots.push('default');
        continue;
      }
      const mapped = v === null ? null : column.mapToDriverValue(v);
      if (!plain(v) || !plain(mapped)) return db.insert(table).values(rows);
      params.push(mapped);
      slots.push(`$${params.length}`);
    }
    tuples.push(`(${slots.join(', ')})`);
  }
  if (tuples.length === 0) throw new Error('insertRows needs at least one row');
  // The builder's own last step (drizzle-internal `session`): the driver gets the same text and parameters.
  return (db as unknown as { session: Session }).session
    .prepareQuery({ sql: head + tuples.join(', '), params }, undefined, undefined, true)
    .execute();
}

/** The statement insertRows would send (for tests). */
export function insertRowsQuery<T extends PgTable>(
  table: T,
  rows: Array<T['$inferInsert']>,
): { sql: string; params: unknown[] } {
  let captured: { sql: string; params: unknown[] } | undefined;
  const fake = {
    insert: () => ({ values: () => Promise.resolve() }),
    session: {
      prepareQuery: (q: { sql: string; params: unknown[] }) => {
        captured = q;
        return { execute: () => Promise.resolve() };
      },
    },
  } as unknown as Db;
  void insertRows(fake, table, rows);
  if (!captured) throw new Error('insertRows fell back to the query builder');
  return captured;
}
