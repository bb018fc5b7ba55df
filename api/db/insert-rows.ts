/**
 * Multi-row inserts without drizzle's query builder, as one fixed statement per table:
 *   insert into "t" ("a", "b", …) select * from unnest($1::text[], $2::bytea[], …)
 * with one array parameter per column (each value mapped by its column, as the builder maps it). Two costs go:
 *   - walking the builder's SQL chunks (about 7 µs per parameter, a tenth of the ingest path's CPU in big batches);
 *   - postgres.js sends an unprepared parameterised statement only after a describe round trip of its own, holding
 *     back the statements queued behind it; the text being fixed, it is prepared once per connection and pipelined.
 * It relies on two drizzle internals (the session's prepareQuery, a column's shouldDisableInsert), which
 * tests/api/insert-rows.test.ts exercises on both drivers. Rows the statement cannot carry (a missing value, which
 * the builder writes as the column default; SQL values) go through the builder.
 */
import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

interface Plan {
  text: string;
  columns: Array<[string, Column]>;
  /** Per column: travels as hex text. */
  hex: boolean[];
}

interface Session {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string,
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
    const types = columns.map(([, c]) => (c as unknown as { getSQLType(): string }).getSQLType());
    // Drivers type an array of byte strings as one bytea, so bytea columns travel as hex text ('\\x…', exact).
    const arrays = types.map((t, i) => (t === 'bytea' ? `$${i + 1}::text[]::bytea[]` : `$${i + 1}::${t}[]`));
    plan = {
      text: `insert into "${getTableName(table).replace(/"/g, '""')}" (${names}) select * from unnest(${arrays.join(', ')})`,
      columns,
      hex: types.map((t) => t === 'bytea'),
    };
    plans.set(table, plan);
  }
  return plan;
}

function bytesHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Plain values only: bytes, strings, numbers, booleans, null. */
function plain(v: unknown): boolean {
  return v === null || typeof v !== 'object' || v instanceof Uint8Array;
}

/** Inserts `rows` (at least one) in one statement; resolves when it has run. */
export function insertRows<T extends PgTable>(db: Db, table: T, rows: Array<T['$inferInsert']>): PromiseLike<unknown> {
  if (rows.length === 0) throw new Error('insertRows needs at least one row');
  const { text, columns, hex } = planOf(table);
  const params: unknown[][] = columns.map(() => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) {
      const v = row[(columns[i] as [string, Column])[0]];
      if (v === undefined) return db.insert(table).values(rows);
      const mapped = v === null ? null : (columns[i] as [string, Column])[1].mapToDriverValue(v);
      if (!plain(v) || !plain(mapped)) return db.insert(table).values(rows);
      if (hex[i] && mapped !== null && !(mapped instanceof Uint8Array)) return db.insert(table).values(rows);
      (params[i] as unknown[])[r] = hex[i] && mapped !== null ? `\\x${bytesHex(mapped as Uint8Array)}` : mapped;
    }
  }
  // The builder's own last step (drizzle-internal `session`); a name makes postgres.js prepare the statement.
  return (db as unknown as { session: Session }).session
    .prepareQuery({ sql: text, params }, undefined, 'insert_rows', true)
    .execute();
}

/** The statement insertRows sends, or null where it uses the builder (for tests). */
export function insertRowsQuery<T extends PgTable>(
  table: T,
  rows: Array<T['$inferInsert']>,
): { sql: string; params: unknown[] } | null {
  let captured: { sql: string; params: unknown[] } | null = null;
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
  return captured;
}
