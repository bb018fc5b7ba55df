/** Connects a worker to its chain: checks the contract is ours and the key may anchor, then starts ticking. */
import { getAddress } from 'ethers';
import { ProvenantError } from '../../core/errors.ts';
import { AnchorClient, walletFor } from '../client.ts';
import { isProvenantAnchorAt } from '../deploy.ts';
import { connectRpc } from '../provider.ts';
import { AnchorSender } from './sender.ts';
import type { AnchorStore } from './store.ts';
import { AnchorWorker, type AnchorWorkerOptions } from './worker.ts';

export interface RunningAnchorWorker {
  chainId: number;
  rpcUrl: string;
  contract: string;
  anchorer: string;
  worker: AnchorWorker;
  stop(): Promise<void>;
}

export async function startAnchorWorker(
  store: AnchorStore,
  chain: { rpcUrl: string; privateKey: string; contract: string },
  options: AnchorWorkerOptions & { autoStart?: boolean },
): Promise<RunningAnchorWorker> {
  const provider = await connectRpc(chain.rpcUrl);
  try {
    const contract = getAddress(chain.contract);
    if (!(await isProvenantAnchorAt(provider, contract))) {
      throw new ProvenantError('chain.rejected', `no ProvenantAnchor contract at ${contract}`, {
        details: ['noContract'],
      });
    }
    const wallet = walletFor(chain.privateKey, provider);
    const client = new AnchorClient(provider, contract);
    const anchorer = await client.anchorer();
    if (anchorer !== wallet.address) {
      throw new ProvenantError('auth.forbidden', `the key's address ${wallet.address} is not the contract's anchorer`);
    }
    const chainId = Number((await provider.getNetwork()).chainId);
    const worker = new AnchorWorker(
      store,
      client,
      new AnchorSender(provider, wallet, contract),
      { chainId, contract },
      options,
    );
    if (options.autoStart !== false) worker.start();
    return {
      chainId,
      rpcUrl: chain.rpcUrl,
      contract,
      anchorer,
      worker,
      async stop() {
        await worker.stop();
        provider.destroy();
      },
    };
  } catch (e) {
    provider.destroy();
    throw e;
  }
}
