/**
 * The anchor worker. Each tick first reconciles what the database recorded with what the chain says (so a crash
 * at any point, an RPC outage or a reorg is repaired by the next tick), then, when due, anchors the newest signed
 * checkpoint after re-deriving its root from the stored leaves.
 *
 * Safety comes from the contract, not from this process: every anchor names the previous root (compare-and-swap)
 * and must grow the tree, and a checkpoint's root is a function of the log, so retries and concurrent workers can
 * only ever land the same (size, root) once. Liveness comes from the tick: the transaction hash is recorded before
 * broadcasting, a lost transaction is re-broadcast byte for byte (same nonce) or re-signed at the account's
 * current nonce, and a reorged-out anchor is forgotten and sent again.
 */
import { bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import type { AnchorClient, Checkpoint } from '../client.ts';
import { RootVerifier } from './root-verifier.ts';
import type { AnchorSender, SignedAnchorTx } from './sender.ts';
import type { AnchorRecord, AnchorStore, AnchorTarget } from './store.ts';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface AnchorWorkerOptions {
  /** Anchor at least this often while the log grows (ANCHOR_INTERVAL_S × 1000). */
  intervalMs: number;
  /** Anchor as soon as this many entries are unanchored (ANCHOR_BATCH_MAX). */
  batchMax: number;
  /** 0: final at the `finalized` block tag; N > 0: final after N confirmations (ANCHOR_CONFIRMATIONS). */
  confirmations: number;
  /** How often the loop ticks (default min(1 s, intervalMs)). */
  pollMs?: number;
  /** Re-sign an anchor still pending after this long at the same nonce with higher fees (default 3 min). */
  resubmitAfterMs?: number;
  /** Longest pause after repeated failures (default 30 s). */
  maxBackoffMs?: number;
  now?: () => number;
  logger?: WorkerLogger;
}

/** What one tick did, for logs and tests. */
export interface TickResult {
  sent: { treeSize: number; txHash: string; nonce: number } | null;
  included: number[];
  finalized: number[];
  dropped: number[];
  adopted: number[];
  /** Re-signed at the same nonce with higher fees. */
  resubmitted: number[];
}

const silent: WorkerLogger = { info() {}, warn() {}, error() {} };

export class AnchorWorker {
  readonly #store: AnchorStore;
  readonly #client: AnchorClient;
  readonly #sender: AnchorSender;
  readonly #target: AnchorTarget;
  readonly #options: Required<Omit<AnchorWorkerOptions, 'logger'>> & { logger: WorkerLogger };
  readonly #verifier: RootVerifier;
  /** Signed transactions of this process by hash: re-broadcast exactly (same nonce, same bytes) if lost. */
  readonly #signed = new Map<string, SignedAnchorTx & { signedAt: number }>();
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #failures = 0;
  #stopped = true;

  constructor(
    store: AnchorStore,
    client: AnchorClient,
    sender: AnchorSender,
    target: AnchorTarget,
    options: AnchorWorkerOptions,
  ) {
    this.#store = store;
    this.#client = client;
    this.#sender = sender;
    this.#target = target;
    this.#verifier = new RootVerifier(store);
    this.#options = {
      pollMs: Math.min(1000, options.intervalMs),
      maxBackoffMs: 30_000,
      resubmitAfterMs: 180_000,
      now: Date.now,
      logger: silent,
      ...options,
    };
  }

  /** Ticks forever (until stop): errors are logged with their code and retried with exponential backoff. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.tick().then(
        () => {
          this.#failures = 0;
          this.#schedule(this.#options.pollMs);
        },
        (e: unknown) => {
          this.#failures++;
          const code = isProvenantError(e) ? e.code : 'internal';
          const backoff = Math.min(this.#options.maxBackoffMs, this.#options.pollMs * 2 ** this.#failures);
          this.#options.logger.warn(
            { code, details: isProvenantError(e) ? e.details : [], retryInMs: backoff },
            `anchor tick failed: ${e instanceof Error ? e.message : String(e)}`,
          );
          this.#schedule(backoff);
        },
      );
    }, delayMs);
    this.#timer.unref();
  }

  /** One reconcile-then-anchor step. Throws (coded) when the chain or the database is unreachable. */
  async tick(): Promise<TickResult> {
    const result: TickResult = { sent: null, included: [], finalized: [], dropped: [], adopted: [], resubmitted: [] };
    let pending = false;
    for (const record of await this.#store.openAnchors(this.#target)) {
      pending = (await this.#reconcile(record, result)) || pending;
    }
    const onChain = await this.#client.latestCheckpoint('latest');
    await this.#adopt(onChain, result);
    if (pending) return result;
    await this.#maybeSend(onChain, result);
    return result;
  }

  /** Brings one recorded anchor up to date with the chain. Returns true while it is still in flight. */
  async #reconcile(record: AnchorRecord, result: TickResult): Promise<boolean> {
    const mined = await this.#sender.mined(record.txHash);
    if (mined?.status === 'included' && mined.seq !== null) {
      if (record.block !== mined.block || record.seq !== mined.seq) {
        await this.#store.recordIncluded(record.treeSize, this.#target, {
          txHash: record.txHash,
          seq: mined.seq,
          block: mined.block,
          anchoredAt: mined.anchoredAt,
        });
        result.included.push(record.treeSize);
      }
      if (await this.#sender.isFinal(mined.block, this.#options.confirmations)) {
        await this.#store.recordFinalized(record.treeSize);
        result.finalized.push(record.treeSize);
        this.#signed.delete(record.txHash);
      }
      return false;
    }
    if (mined?.status === 'reverted') {
      // Lost a compare-and-swap (someone anchored first): adoption below picks up whatever won.
      this.#options.logger.warn({ treeSize: record.treeSize, txHash: record.txHash }, 'anchor transaction reverted');
      await this.#forget(record, result);
      return false;
    }
    if (record.block !== null) {
      // It was included and is no longer: a reorg dropped it.
      this.#options.logger.warn({ treeSize: record.treeSize, txHash: record.txHash }, 'anchor dropped by a reorg');
      await this.#forget(record, result);
      return false;
    }
    const mine = this.#signed.get(record.txHash);
    if (await this.#sender.known(record.txHash)) {
      if (mine && this.#options.now() - mine.signedAt >= this.#options.resubmitAfterMs) {
        await this.#resubmit(record, mine, result);
      }
      return true;
    }
    if (mine && (await this.#sender.nonceUsed(mine.nonce))) {
      // Its nonce went to another transaction (a concurrent worker with the same key): it can never be mined.
      this.#options.logger.warn({ treeSize: record.treeSize, txHash: record.txHash }, 'anchor nonce used elsewhere');
      await this.#forget(record, result);
      return false;
    }
    if (mine) {
      // Sent (or about to be) but the node lost it: the same bytes again, same nonce.
      await this.#sender.broadcast(mine.raw);
      return true;
    }
    // Recorded by an earlier process that died before (or while) broadcasting: it never reached the node.
    this.#options.logger.warn({ treeSize: record.treeSize, txHash: record.txHash }, 'recorded anchor never sent');
    await this.#forget(record, result);
    return false;
  }

  /** Stuck in the pool (fees too low): the same call at the same nonce, higher fees; whichever is mined wins. */
  async #resubmit(record: AnchorRecord, previous: SignedAnchorTx, result: TickResult): Promise<void> {
    const next = await this.#sender.resign(previous);
    await this.#store.recordSent(record.treeSize, this.#target, next.hash);
    this.#signed.delete(previous.hash);
    this.#signed.set(next.hash, { ...next, signedAt: this.#options.now() });
    await this.#sender.broadcast(next.raw);
    result.resubmitted.push(record.treeSize);
    this.#options.logger.warn(
      { treeSize: record.treeSize, txHash: next.hash, replaces: previous.hash, nonce: next.nonce },
      'anchor resubmitted with higher fees',
    );
  }

  async #forget(record: AnchorRecord, result: TickResult): Promise<void> {
    await this.#store.clearAnchor(record.treeSize);
    this.#signed.delete(record.txHash);
    result.dropped.push(record.treeSize);
  }

  /**
   * The chain's latest checkpoint must be one of ours (same root at that size). If its row has no anchor recorded
   * (another worker's, or one whose record was cleared before it was mined), record it from its event.
   */
  async #adopt(onChain: Checkpoint | null, result: TickResult): Promise<void> {
    if (!onChain) return;
    const mine = await this.#store.checkpointAt(onChain.treeSize);
    if (mine && bytesToHex(mine.rootHash) !== onChain.root) {
      throw new ProvenantError(
        'log.inconsistent',
        `the chain anchors root ${onChain.root} at size ${onChain.treeSize}; the log's checkpoint has ${bytesToHex(mine.rootHash)}`,
        { details: [`chain:${onChain.seq}`] },
      );
    }
    if (!mine || mine.anchorTxHash !== null) return;
    const event = await this.#sender.anchoredEvent(onChain.seq);
    if (!event) return;
    await this.#store.recordIncluded(onChain.treeSize, this.#target, { seq: onChain.seq, ...event });
    result.adopted.push(onChain.treeSize);
  }

  async #maybeSend(onChain: Checkpoint | null, result: TickResult): Promise<void> {
    const latest = await this.#store.latestCheckpoint();
    const anchoredSize = onChain?.treeSize ?? 0;
    if (!latest || latest.treeSize <= anchoredSize) return;
    const now = this.#options.now();
    const due =
      latest.treeSize - anchoredSize >= this.#options.batchMax || now - this.#lastSentAt >= this.#options.intervalMs;
    if (!due) return;
    const stops = onChain ? [{ treeSize: onChain.treeSize, root: hexToBytes(onChain.root), what: 'chain' }] : [];
    await this.#verifier.verify(latest.treeSize, latest.rootHash, stops);
    const prevRoot = onChain ? hexToBytes(onChain.root) : null;
    let signed: SignedAnchorTx;
    try {
      signed = await this.#sender.sign({ prevRoot, treeSize: latest.treeSize, root: latest.rootHash });
    } catch (e) {
      if (isProvenantError(e, 'chain.rejected') && e.details.includes('StalePrevRoot')) return; // next tick adopts
      throw e;
    }
    // Record first: if the process dies after broadcasting, the next one finds the hash and waits for it.
    await this.#store.recordSent(latest.treeSize, this.#target, signed.hash);
    this.#signed.set(signed.hash, { ...signed, signedAt: now });
    this.#lastSentAt = now;
    await this.#sender.broadcast(signed.raw);
    result.sent = { treeSize: latest.treeSize, txHash: signed.hash, nonce: signed.nonce };
    this.#options.logger.info({ treeSize: latest.treeSize, txHash: signed.hash, nonce: signed.nonce }, 'anchor sent');
  }
}
