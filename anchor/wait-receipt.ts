/**
 * Waits for a transaction's receipt by polling eth_getTransactionReceipt. Used instead of ethers' tx.wait(),
 * whose block subscription leaves a request in flight that rejects unhandled (and kills the process) when the
 * provider is destroyed right after.
 */
import type { JsonRpcProvider, TransactionReceipt } from 'ethers';
import { ProvenantError } from '../core/errors.ts';

export async function waitForReceipt(
  provider: JsonRpcProvider,
  txHash: string,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<TransactionReceipt> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const receipt = await provider.getTransactionReceipt(txHash);
    if (receipt) return receipt;
    if (Date.now() > deadline) {
      throw new ProvenantError('chain.unreachable', `transaction ${txHash} was not included in time`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}
