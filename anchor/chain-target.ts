/**
 * Which chain to anchor to: the configured one, or (nothing configured) the embedded dev chain — anvil on
 * loopback with its state under DATA_DIR/chain and the contract deployed once (address kept in
 * DATA_DIR/chain/deployment.json).
 */
import { join } from 'node:path';
import type { AnchorConfig } from './config.ts';
import { ensureDeployed } from './deploy.ts';
import { startDevChain } from './devchain.ts';

export interface ChainTarget {
  rpcUrl: string;
  privateKey: string;
  contract: string;
  /** True for the embedded anvil. */
  embedded: boolean;
  /** Stops the embedded anvil (no-op for a configured chain). */
  stop(): Promise<void>;
}

/** Dev chain cadence: a block a second, `finalized` two blocks behind the head. */
const DEV_BLOCK_TIME_S = 1;
const DEV_SLOTS_IN_AN_EPOCH = 1;

export async function resolveChainTarget(config: AnchorConfig): Promise<ChainTarget> {
  if (config.ANCHOR_RPC_URL && config.ANCHOR_PRIVATE_KEY && config.ANCHOR_CONTRACT) {
    return {
      rpcUrl: config.ANCHOR_RPC_URL,
      privateKey: config.ANCHOR_PRIVATE_KEY,
      contract: config.ANCHOR_CONTRACT,
      embedded: false,
      stop: async () => {},
    };
  }
  const dir = join(config.DATA_DIR, 'chain');
  const chain = await startDevChain({
    stateDir: dir,
    blockTimeS: DEV_BLOCK_TIME_S,
    slotsInAnEpoch: DEV_SLOTS_IN_AN_EPOCH,
    stateIntervalS: 5,
  });
  try {
    // TEST-ONLY key of anvil's first account: fine for a loopback dev chain, never for a real one.
    const privateKey = chain.testKeys[0] as string;
    const deployment = await ensureDeployed(join(dir, 'deployment.json'), { rpcUrl: chain.rpcUrl, privateKey });
    return { rpcUrl: chain.rpcUrl, privateKey, contract: deployment.address, embedded: true, stop: () => chain.stop() };
  } catch (e) {
    await chain.stop();
    throw e;
  }
}
