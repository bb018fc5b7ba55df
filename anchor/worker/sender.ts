/**
 * Chain side of the worker: signs anchor transactions locally (so the hash is known, and recorded, before the
 * transaction leaves the process), broadcasts them, and reads back receipts, events and finality.
 */
import { type JsonRpcProvider, Transaction, type Wallet } from 'ethers';
import { bytesToHex } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { anchorInterface } from '../client.ts';
import { toChainError } from '../errors.ts';

export interface SignedAnchorTx {
  hash: string;
  nonce: number;
  raw: string;
}

export interface MinedAnchor {
  status: 'included' | 'reverted';
  seq: number | null;
  block: number;
  blockHash: string;
  /** Block timestamp, ms. */
  anchoredAt: number;
}

const ZERO_ROOT = `0x${'00'.repeat(32)}`;

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
  async sign(request: { prevRoot: Uint8Array | null; treeSize: number; root: Uint8Array; nonce?: number }) {
    const data = anchorInterface.encodeFunctionData('anchor', [
      request.prevRoot ? `0x${bytesToHex(request.prevRoot)}` : ZERO_ROOT,
      request.treeSize,
      `0x${bytesToHex(request.root)}`,
    ]);
    return this.#call('anchor', async () => {
      const nonce = request.nonce ?? (await this.provider.getTransactionCount(this.#wallet.address, 'pending'));
      const populated = await this.#wallet.populateTransaction({ to: this.address, data, nonce });
      const raw = await this.#wallet.signTransaction(populated);
      const hash = Transaction.from(raw).hash;
      if (!hash) throw new ProvenantError('internal', 'signed transaction without a hash');
      return { hash, nonce, raw } satisfies SignedAnchorTx;
    });
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
