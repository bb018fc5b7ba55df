/**
 * Composition root of anchoring: wires the API's database (DrizzleAnchorStore) to the anchor worker, on the
 * configured chain or the embedded dev chain. Used by `provenant serve` and `provenant anchor run`.
 */
import { resolveChainTarget } from '../anchor/chain-target.ts';
import { parseAnchorConfig } from '../anchor/config.ts';
import { startAnchorWorker } from '../anchor/worker/start.ts';
import type { WorkerLogger } from '../anchor/worker/worker.ts';
import type { Db } from '../api/db/client.ts';
import { DrizzleAnchorStore } from '../api/log/anchor-store.ts';
import { isProvenantError } from '../core/errors.ts';

export interface Anchoring {
  chainId: number;
  rpcUrl: string;
  contract: string;
  anchorer: string;
  /** True when anchoring to the embedded anvil. */
  embedded: boolean;
  /** Stops the worker, then the embedded anvil (which writes its state file). */
  stop(): Promise<void>;
}

export async function startAnchoring(
  db: Db,
  env: Record<string, string | undefined>,
  logger: WorkerLogger,
): Promise<Anchoring> {
  const config = parseAnchorConfig(env);
  const target = await resolveChainTarget(config);
  try {
    const running = await startAnchorWorker(new DrizzleAnchorStore(db), target, {
      intervalMs: config.ANCHOR_INTERVAL_S * 1000,
      batchMax: config.ANCHOR_BATCH_MAX,
      confirmations: config.ANCHOR_CONFIRMATIONS,
      logger,
    });
    return {
      chainId: running.chainId,
      rpcUrl: running.rpcUrl,
      contract: running.contract,
      anchorer: running.anchorer,
      embedded: target.embedded,
      async stop() {
        await running.stop();
        await target.stop();
      },
    };
  } catch (e) {
    await target.stop();
    throw e;
  }
}

/**
 * As startAnchoring, but an unreachable chain at start-up does not stop the caller: it retries in the background
 * (exponential backoff up to 60 s) and calls `onStarted` once connected. Other errors (bad configuration, wrong
 * contract or key) are thrown at once.
 */
export async function keepAnchoring(
  db: Db,
  env: Record<string, string | undefined>,
  logger: WorkerLogger,
  onStarted: (a: Anchoring) => void,
): Promise<{ stop(): Promise<void> }> {
  let running: Anchoring | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let attempt: Promise<void> = Promise.resolve();
  const tryStart = async (failures: number): Promise<void> => {
    try {
      running = await startAnchoring(db, env, logger);
      if (stopped) await running.stop();
      else onStarted(running);
    } catch (e) {
      if (!isProvenantError(e, 'chain.unreachable')) throw e;
      const delay = Math.min(60_000, 1000 * 2 ** failures);
      logger.warn({ code: e.code, retryInMs: delay }, 'anchoring: the chain is unreachable; retrying');
      if (!stopped) {
        timer = setTimeout(() => {
          attempt = tryStart(failures + 1).catch((err: unknown) => {
            logger.error({ code: isProvenantError(err) ? err.code : 'internal' }, 'anchoring failed to start');
          });
        }, delay);
      }
    }
  };
  await tryStart(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await attempt;
      await (running as Anchoring | null)?.stop();
    },
  };
}

export function anchoringSummary(a: Anchoring): string {
  return `anchoring to chain ${a.chainId} at ${a.rpcUrl}${a.embedded ? ' (embedded anvil)' : ''}, contract ${a.contract}`;
}

/** Public facts only (never the key). */
export function anchoringJson(a: Anchoring) {
  return { chainId: a.chainId, rpcUrl: a.rpcUrl, contract: a.contract, anchorer: a.anchorer, embedded: a.embedded };
}

/** Resolves on the first SIGINT or SIGTERM, after running `stop`; exits non-zero if stopping failed. */
export function stopOnSignal(stop: () => Promise<void>): Promise<never> {
  return new Promise<never>(() => {
    const onSignal = () => {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
