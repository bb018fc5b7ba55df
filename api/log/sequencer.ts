/**
 * The sequencer: the log's single writer. Appends queue in memory and are committed in batches (group commit):
 * one transaction takes a transaction-scoped advisory lock, reads the tree size and compact range, lets each
 * pending append write its rows and (if it is new) a leaf, assigns dense indices, and saves the new state.
 * The lock serialises sequencers across processes, so two instances on one database never assign one index twice.
 * Integrating (signing checkpoints) is separate: see integrator.ts.
 */
import { sql } from 'drizzle-orm';
import { encodeLeaf, type LogLeafFields } from '../../core/log/index.ts';
import { CompactRange, leafHash } from '../../core/merkle/index.ts';
import type { Db } from '../db/client.ts';
import { insertRows } from '../db/insert-rows.ts';
import { logEntries, logState } from '../db/schema/index.ts';

/**
 * Awaits independent statements of one transaction together (postgres.js pipelines them on its connection, saving
 * round trips), and only after every one has settled rethrows the first failure, so none is still running when
 * the transaction rolls back.
 */
export async function settleAll<T extends readonly unknown[]>(
  statements: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/** Arbitrary constant naming the sequencer's advisory lock. */
export const SEQUENCER_LOCK_ID = 0x70726f76;

export type LeafInput = Omit<LogLeafFields, 'receivedAt'>;

/**
 * What an append writes inside the batch transaction: its own rows (given the indices its leaves will get), then
 * the leaves to log, in order (none when everything was logged before: idempotent resubmission).
 */
export interface AppendWork<T> {
  run(tx: Db, ctx: { receivedAt: number; nextIndex: number }): Promise<{ leaves: LeafInput[]; result: T }>;
}

/**
 * Work that is cheaper done for many appends at once (bulk inserts: one round trip per table per batch rather
 * than per append). Consecutive queued appends with the same runner are given to it together; it returns one
 * outcome per input, in order, and item j's leaves get the indices after those of items 0..j-1 (from nextIndex).
 */
export interface BatchRunner<I, T> {
  runAll(tx: Db, inputs: I[], ctx: BatchContext): Promise<Array<BatchOutcome<T>>>;
}

export interface BatchContext {
  receivedAt: number;
  nextIndex: number;
  /**
   * Hands over statements whose results the runner does not need (its inserts): the sequencer sends them together
   * with the log's own writes (one round trip), or before any later work of the batch runs, and fails the batch
   * if any of them fails. Nothing is acknowledged before they have all completed and the transaction committed.
   */
  defer(statement: PromiseLike<unknown>): void;
}

/** An input the runner refuses (e.g. a key revoked by now) fails alone, with no leaves; the batch goes on. */
export type BatchOutcome<T> = { leaves: LeafInput[]; result: T } | { refused: unknown };

class Refused {
  constructor(readonly reason: unknown) {}
}

type Work = { single: AppendWork<unknown> } | { runner: BatchRunner<unknown, unknown>; input: unknown };

interface Pending {
  work: Work;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

export interface SequencerOptions {
  maxBatch?: number;
  now?: () => number;
  /** Called with the number of appends of every batch taken from the queue (metrics). */
  onBatch?: (size: number) => void;
}

export class Sequencer {
  readonly #db: Db;
  readonly #maxBatch: number;
  readonly #now: () => number;
  readonly #onBatch: (size: number) => void;
  #queue: Pending[] = [];
  #running: Promise<void> | null = null;
  /** Counters for metrics and benchmarks: committed batches and the appends they carried. */
  readonly stats = { batches: 0, appends: 0 };

  constructor(db: Db, options: SequencerOptions = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 256;
    this.#now = options.now ?? Date.now;
    this.#onBatch = options.onBatch ?? (() => {});
  }

  /** Appends waiting for the next batch. */
  get queued(): number {
    return this.#queue.length;
  }

  append<T>(work: AppendWork<T>): Promise<T> {
    return this.#enqueue<T>({ single: work as AppendWork<unknown> });
  }

  appendBatched<I, T>(runner: BatchRunner<I, T>, input: I): Promise<T> {
    return this.#enqueue<T>({ runner: runner as BatchRunner<unknown, unknown>, input });
  }

  #enqueue<T>(work: Work): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) this.#running = this.#drain();
    });
  }

  /** Resolves when everything queued so far has been committed or failed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      // Let appends made in the same tick join the first batch.
      await Promise.resolve();
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        await this.#commit(batch);
        this.stats.batches++;
        this.stats.appends += batch.length;
        this.#onBatch(batch.length);
      }
    } finally {
      this.#running = null;
    }
  }

  /**
   * One transaction for the whole batch. If it fails (one bad item poisons a PostgreSQL transaction), each item is
   * retried alone, so a failing append fails only itself and the rest still commit.
   */
  async #commit(batch: Pending[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.#transaction(batch);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const item of batch) await this.#commit([item]);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i];
      if (r instanceof Refused) item.reject(r.reason);
      else item.resolve(r);
    });
  }

  async #transaction(batch: Pending[]): Promise<unknown[]> {
    return this.#db.transaction(async (tx) => {
      // Pipelined in one round trip: the server runs them in order, so the state is read only once the lock is held.
      // No bind parameters (the values are constants): postgres.js sends a parameterised unprepared statement only
      // after a describe round trip of its own, and holds back everything queued behind it meanwhile.
      const [, state] = await settleAll([
        tx.execute(sql.raw(`select pg_advisory_xact_lock(${SEQUENCER_LOCK_ID})`)),
        tx.select().from(logState).where(sql`${logState.id} = 1`),
      ] as const);
      const range = state[0] ? CompactRange.fromBytes(state[0].compactRange) : new CompactRange();
      const receivedAt = this.#now();
      const rows: Array<typeof logEntries.$inferInsert> = [];
      const results: unknown[] = [];
      const appendLeaves = (done: { leaves: LeafInput[]; result: unknown }) => {
        for (const fields of done.leaves) {
          const leaf = encodeLeaf({ ...fields, receivedAt });
          const hash = leafHash(leaf);
          rows.push({
            idx: range.size,
            leaf,
            leafHash: hash,
            kind: fields.kind,
            manifestDigest: fields.manifestDigest,
            subjectDigest: fields.subjectDigest,
            receivedAt,
          });
          range.append(hash);
        }
        results.push(done.result);
      };
      let deferred: PromiseLike<unknown>[] = [];
      const defer = (statement: PromiseLike<unknown>) => {
        const started = Promise.resolve(statement);
        // Awaited (and its failure rethrown) by flush or the final settleAll; never an unhandled rejection meanwhile.
        started.catch(() => {});
        deferred.push(started);
      };
      // Later work may read what earlier work wrote, so deferred statements complete before it runs.
      const flush = async () => {
        if (deferred.length === 0) return;
        const pending = deferred;
        deferred = [];
        await settleAll(pending);
      };
      for (let i = 0; i < batch.length; ) {
        await flush();
        const work = (batch[i] as Pending).work;
        let outcomes: Array<BatchOutcome<unknown>>;
        if ('single' in work) {
          outcomes = [await work.single.run(tx as unknown as Db, { receivedAt, nextIndex: range.size })];
          i++;
        } else {
          let j = i;
          while (j < batch.length) {
            const w = (batch[j] as Pending).work;
            if (!('runner' in w) || w.runner !== work.runner) break;
            j++;
          }
          const inputs = batch.slice(i, j).map((p) => (p.work as { input: unknown }).input);
          outcomes = await work.runner.runAll(tx as unknown as Db, inputs, {
            receivedAt,
            nextIndex: range.size,
            defer,
          });
          if (outcomes.length !== inputs.length) throw new Error('batch runner returned the wrong number of outcomes');
          i = j;
        }
        for (const done of outcomes) {
          if ('refused' in done) results.push(new Refused(done.refused));
          else appendLeaves(done);
        }
      }
      if (rows.length === 0) {
        await flush();
        return results;
      }
      const next = { id: 1, size: range.size, compactRange: range.toBytes() };
      await settleAll([
        ...deferred,
        insertRows(tx, logEntries, rows),
        tx
          .insert(logState)
          .values(next)
          .onConflictDoUpdate({ target: logState.id, set: { size: next.size, compactRange: next.compactRange } })
          // Fixed text: prepared once per connection, so no describe round trip (see insert-rows.ts).
          .prepare('log_state')
          .execute(),
      ]);
      return results;
    });
  }
}
