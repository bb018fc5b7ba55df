/**
 * The integrator: turns the sequenced tree into signed checkpoints (C2SP signed notes by the service key, whose
 * key name is the log origin). Runs on a timer and on demand; a checkpoint is written only when the tree grew.
 */
import { desc, eq } from 'drizzle-orm';
import { formatCheckpoint, signNote } from '../../core/log/index.ts';
import { CompactRange, emptyRoot } from '../../core/merkle/index.ts';
import type { Db } from '../db/client.ts';
import { checkpoints, logState } from '../db/schema/index.ts';

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Uint8Array;
  note: string;
  createdAt: number;
}

export class Integrator {
  readonly #db: Db;
  readonly #origin: string;
  readonly #secretKey: Uint8Array;
  #timer: NodeJS.Timeout | null = null;
  #busy: Promise<StoredCheckpoint | null> | null = null;

  constructor(db: Db, origin: string, secretKey: Uint8Array) {
    this.#db = db;
    this.#origin = origin;
    this.#secretKey = secretKey;
  }

  start(intervalMs: number): void {
    this.#timer ??= setInterval(() => {
      this.integrate().catch(() => {});
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Signs a checkpoint for the current tree if it is larger than the latest one; returns the latest. */
  integrate(): Promise<StoredCheckpoint | null> {
    this.#busy ??= this.#integrate().finally(() => {
      this.#busy = null;
    });
    return this.#busy;
  }

  async #integrate(): Promise<StoredCheckpoint | null> {
    const [state] = await this.#db.select().from(logState).where(eq(logState.id, 1));
    const latest = await latestCheckpoint(this.#db);
    const size = state?.size ?? 0;
    if (latest && latest.treeSize >= size) return latest;
    const rootHash = state ? CompactRange.fromBytes(state.compactRange).root() : emptyRoot();
    const note = signNote(formatCheckpoint({ origin: this.#origin, treeSize: size, rootHash }), {
      name: this.#origin,
      secretKey: this.#secretKey,
    });
    const row = { treeSize: size, rootHash, note, createdAt: Date.now() };
    // Another instance may have signed the same size first; either note is valid for that tree.
    await this.#db.insert(checkpoints).values(row).onConflictDoNothing();
    return latestCheckpoint(this.#db);
  }
}

export async function latestCheckpoint(db: Db): Promise<StoredCheckpoint | null> {
  const [row] = await db.select().from(checkpoints).orderBy(desc(checkpoints.treeSize)).limit(1);
  return row ? { treeSize: row.treeSize, rootHash: row.rootHash, note: row.note, createdAt: row.createdAt } : null;
}
