/**
 * Chain side of the worker: signs anchor transactions locally (so the hash is known, and recorded, before the
 * transaction leaves the process), broadcasts them, and reads back receipts, events and finality.
 */
import { type JsonRpcProvider, Transaction, type Wallet } from 'ethers';
import { bytesToHex } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { anchorInterface } from '../client.ts';
import { toChainError } from '../errors.ts';

export interface AnchorCall {
  prevRoot: Uint8Array | null;
  treeSize: number;
  root: Uint8Array;
}

export interface SignedAnchorTx {
  hash: string;
  nonce: number;
  raw: string;
  call: AnchorCall;
  gasLimit: bigint;
  /** EIP-1559 fees, or gasPrice for a legacy chain. */
  fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint };
}

/** Replacement fee: at least +25% (nodes require +10% to replace a pending transaction of the same nonce). */
const bump = (fee: bigint): bigint => (fee * 125n) / 100n + 1n;

export interface MinedAnchor {
  status: 'included' | 'reverted';
  seq: number | null;
  block: number;
  blockHash: string;
  /** Block timestamp, ms. */
  anchoredAt: number;
}

const ZERO_ROOT = `0x${'00'.repeat(32)}`;

function encode(call: AnchorCall): string {
  return anchorInterface.encodeFunctionData('anchor', [
    call.prevRoot ? `0x${bytesToHex(call.prevRoot)}` : ZERO_ROOT,
    call.treeSize,
    `0x${bytesToHex(call.root)}`,
  ]);
}

export class AnchorSender {
  readonly provider: JsonRpcProvider;
  readonly #wallet: Wallet;
  readonly address: string;

  constructor(provider: JsonRpcProvider, wallet: Wallet, contract: string) {
    this.provider = provider;
    this.#wallet = wallet;
    this.address = contract;
  }

  get from(): string {
    return this.#wallet.address;
  }

  /**
   * Signs anchor(prevRoot, treeSize, root) with the given nonce (default: the account's pending nonce). Gas is
   * estimated, so a losing compare-and-swap is refused here (chain.rejected, details [StalePrevRoot]) rather than
   * mined as a revert.
   */
  async sign(request: AnchorCall & { nonce?: number }): Promise<SignedAnchorTx> {
    const call = { prevRoot: request.prevRoot, treeSize: request.treeSize, root: request.root };
    return this.#call('anchor', async () => {
      const nonce = request.nonce ?? (await this.provider.getTransactionCount(this.#wallet.address, 'pending'));
      return this.#signPopulated(
        call,
        await this.#wallet.populateTransaction({ to: this.address, data: encode(call), nonce }),
      );
    });
  }

  /** The same call at the same nonce with fees raised above both the previous ones and the network's current ones. */
  async resign(previous: SignedAnchorTx): Promise<SignedAnchorTx> {
    return this.#call('anchor', async () => {
      const now = await this.provider.getFeeData();
      const base = {
        to: this.address,
        data: encode(previous.call),
        nonce: previous.nonce,
        gasLimit: previous.gasLimit,
      };
      const max = (a: bigint, b: bigint | null) => (b !== null && b > a ? b : a);
      const fees =
        'gasPrice' in previous.fees
          ? { gasPrice: max(bump(previous.fees.gasPrice), now.gasPrice) }
          : {
              maxFeePerGas: max(bump(previous.fees.maxFeePerGas), now.maxFeePerGas),
              maxPriorityFeePerGas: max(bump(previous.fees.maxPriorityFeePerGas), now.maxPriorityFeePerGas),
            };
      return this.#signPopulated(previous.call, await this.#wallet.populateTransaction({ ...base, ...fees }));
    });
  }

  async #signPopulated(call: AnchorCall, populated: Awaited<ReturnType<Wallet['populateTransaction']>>) {
    const raw = await this.#wallet.signTransaction(populated);
    const tx = Transaction.from(raw);
    if (!tx.hash) throw new ProvenantError('internal', 'signed transaction without a hash');
    const fees =
      tx.maxFeePerGas !== null && tx.maxPriorityFeePerGas !== null
        ? { maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas }
        : { gasPrice: tx.gasPrice ?? 0n };
    return { hash: tx.hash, nonce: tx.nonce, raw, call, gasLimit: tx.gasLimit, fees } satisfies SignedAnchorTx;
  }

  /** Broadcasts a signed transaction; re-broadcasting the same bytes (same nonce, same hash) is harmless. */
  async broadcast(raw: string): Promise<void> {
    try {
      await this.provider.broadcastTransaction(raw);
    } catch (e) {
      const err = toChainError(e, 'anchor', anchorInterface);
      // "already known" / "nonce too low" after a re-broadcast: the node has (or mined) it; the receipt says which.
      if (err.code === 'chain.rejected') return;
      throw err;
    }
  }

  /** The mined outcome of `txHash`, or null while it is not in the canonical chain. */
  async mined(txHash: string): Promise<MinedAnchor | null> {
    return this.#call('read', async () => {
      const receipt = await this.provider.getTransactionReceipt(txHash);
      if (!receipt) return null;
      const block = await this.provider.getBlock(receipt.blockHash);
      if (!block) return null;
      let seq: number | null = null;
      for (const log of receipt.logs) {
        const parsed = anchorInterface.parseLog(log);
        if (parsed?.name === 'Anchored') seq = Number(parsed.args[0]);
      }
      return {
        status: receipt.status === 1 && seq !== null ? 'included' : 'reverted',
        seq,
        block: receipt.blockNumber,
        blockHash: receipt.blockHash,
        anchoredAt: block.timestamp * 1000,
      };
    });
  }

  /** True iff the node still knows the transaction (mined or waiting in its pool). */
  async known(txHash: string): Promise<boolean> {
    return this.#call('read', async () => (await this.provider.getTransaction(txHash)) !== null);
  }

  /** True once the account has mined a transaction with this nonce (so no other transaction can use it). */
  async nonceUsed(nonce: number): Promise<boolean> {
    return this.#call(
      'read',
      async () => (await this.provider.getTransactionCount(this.#wallet.address, 'latest')) > nonce,
    );
  }

  /** The Anchored event of checkpoint `seq` (where it was included), or null. */
  async anchoredEvent(seq: number): Promise<{ txHash: string; block: number; anchoredAt: number } | null> {
    return this.#call('read', async () => {
      const event = anchorInterface.getEvent('Anchored');
      if (!event) throw new ProvenantError('internal', 'ABI without Anchored');
      const logs = await this.provider.getLogs({
        address: this.address,
        topics: [event.topicHash, `0x${seq.toString(16).padStart(64, '0')}`],
        fromBlock: 0,
        toBlock: 'latest',
      });
      const log = logs.at(-1);
      if (!log) return null;
      const block = await this.provider.getBlock(log.blockHash);
      if (!block) return null;
      return { txHash: log.transactionHash, block: log.blockNumber, anchoredAt: block.timestamp * 1000 };
    });
  }

  /** Whether a block counts as final: at or below the `finalized` tag, or (confirmations > 0) that deep. */
  async isFinal(block: number, confirmations: number): Promise<boolean> {
    return this.#call('read', async () => {
      if (confirmations > 0) return (await this.provider.getBlockNumber()) - block + 1 >= confirmations;
      const finalized = await this.provider.getBlock('finalized');
      return finalized !== null && finalized.number >= block;
    });
  }

  async #call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toChainError(e, action, anchorInterface);
    }
  }
}
