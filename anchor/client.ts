/** Typed wrapper around a deployed ProvenantAnchor contract (the only module that talks to it at run time). */
import { Contract, type ContractTransactionResponse, Interface, type JsonRpcProvider, Wallet } from 'ethers';
import { bytesToHex, hexToBytes } from '../core/bytes.ts';
import { ProvenantError } from '../core/errors.ts';
import { loadArtifact } from './artifact.ts';
import { toChainError } from './errors.ts';
import { connectRpc, type RpcOptions } from './provider.ts';
import { waitForReceipt } from './wait-receipt.ts';

/** One on-chain checkpoint. `root` is 64 lower-case hex characters (no 0x); anchoredAt is the block's Unix time (s). */
export interface Checkpoint {
  seq: number;
  treeSize: number;
  root: string;
  anchoredAt: number;
}

/** A checkpoint as read from its Anchored event, with where it was included. */
export interface AnchoredEvent extends Checkpoint {
  prevRoot: string | null;
  txHash: string;
  blockNumber: number;
  blockHash: string;
}

export interface AnchorReceipt {
  seq: number;
  txHash: string;
  blockNumber: number;
  blockHash: string;
  gasUsed: bigint;
}

export interface AnchorRequest {
  treeSize: number;
  root: string | Uint8Array;
  /** Root of the latest anchored checkpoint; null for the very first anchor. */
  prevRoot: string | Uint8Array | null;
}

export interface SendOptions {
  /** Reuse a nonce when resubmitting the same checkpoint (safe retries never change the root for a size). */
  nonce?: number;
  /** Skip gas estimation (which would reject a losing compare-and-swap before it reaches the chain). */
  gasLimit?: bigint;
}

export type BlockTag = 'latest' | 'safe' | 'finalized' | number;

const ZERO_ROOT = `0x${'00'.repeat(32)}`;
const MAX_TREE_SIZE = 2 ** 40 - 1;
export const anchorInterface = new Interface(loadArtifact('ProvenantAnchor').abi as never);

function rootHex(value: string | Uint8Array, name: string): string {
  const bytes = typeof value === 'string' ? hexToBytes(value.startsWith('0x') ? value.slice(2) : value) : value;
  if (bytes.length !== 32) throw new ProvenantError('input.invalid', `${name} must be 32 bytes`);
  if (bytes.every((b) => b === 0)) throw new ProvenantError('input.invalid', `${name} must not be all zero`);
  return `0x${bytesToHex(bytes)}`;
}

const strip = (hex: string): string => hex.slice(2).toLowerCase();

export class AnchorClient {
  readonly address: string;
  readonly provider: JsonRpcProvider;
  readonly #contract: Contract;
  readonly #signer: Wallet | undefined;

  constructor(provider: JsonRpcProvider, address: string, privateKey?: string) {
    this.provider = provider;
    this.address = address;
    this.#signer = privateKey === undefined ? undefined : walletFor(privateKey, provider);
    this.#contract = new Contract(address, anchorInterface, this.#signer ?? provider);
  }

  /** Address of the signing key, if any. */
  get signerAddress(): string | undefined {
    return this.#signer?.address;
  }

  async anchorCheckpoint(request: AnchorRequest, options: SendOptions = {}): Promise<AnchorReceipt> {
    if (!this.#signer) throw new ProvenantError('input.invalid', 'anchoring needs a private key');
    const { treeSize } = request;
    if (!Number.isSafeInteger(treeSize) || treeSize < 1 || treeSize > MAX_TREE_SIZE) {
      throw new ProvenantError('input.invalid', `treeSize must be an integer in [1, 2^40)`);
    }
    const root = rootHex(request.root, 'root');
    const prev = request.prevRoot === null ? ZERO_ROOT : rootHex(request.prevRoot, 'prevRoot');
    const overrides: Record<string, unknown> = {};
    if (options.nonce !== undefined) overrides.nonce = options.nonce;
    if (options.gasLimit !== undefined) overrides.gasLimit = options.gasLimit;
    const tx = (await this.#call('anchor', () =>
      this.#contract.getFunction('anchor')(prev, treeSize, root, overrides),
    )) as ContractTransactionResponse;
    return this.#settle(tx);
  }

  /** Sends an anchor with an on-chain RFC 9162 consistency proof from the latest checkpoint. */
  async anchorCheckpointWithProof(
    request: AnchorRequest & { proof: readonly (string | Uint8Array)[] },
    options: SendOptions = {},
  ): Promise<AnchorReceipt> {
    if (!this.#signer) throw new ProvenantError('input.invalid', 'anchoring needs a private key');
    const root = rootHex(request.root, 'root');
    const prev = request.prevRoot === null ? ZERO_ROOT : rootHex(request.prevRoot, 'prevRoot');
    const proof = request.proof.map((p, i) => rootHex(p, `proof[${i}]`));
    const overrides: Record<string, unknown> = {};
    if (options.nonce !== undefined) overrides.nonce = options.nonce;
    if (options.gasLimit !== undefined) overrides.gasLimit = options.gasLimit;
    const tx = (await this.#call('anchor', () =>
      this.#contract.getFunction('anchorWithProof')(prev, request.treeSize, root, proof, overrides),
    )) as ContractTransactionResponse;
    return this.#settle(tx);
  }

  async #settle(tx: ContractTransactionResponse): Promise<AnchorReceipt> {
    const receipt = await this.#call('anchor', () => waitForReceipt(this.provider, tx.hash));
    if (receipt?.status !== 1) throw new ProvenantError('chain.rejected', 'anchor: the transaction reverted');
    const log = receipt.logs.map((l) => anchorInterface.parseLog(l)).find((parsed) => parsed?.name === 'Anchored');
    if (!log) throw new ProvenantError('chain.rejected', 'anchor: no Anchored event in the receipt');
    return {
      seq: Number(log.args[0]),
      txHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      blockHash: receipt.blockHash,
      gasUsed: receipt.gasUsed,
    };
  }

  /** The latest checkpoint at `blockTag` (use 'finalized' to read only what can no longer be reorged), or null. */
  async latestCheckpoint(blockTag: BlockTag = 'latest'): Promise<Checkpoint | null> {
    const count = await this.checkpointCount(blockTag);
    return count === 0 ? null : this.checkpoint(count - 1, blockTag);
  }

  async checkpointCount(blockTag: BlockTag = 'latest'): Promise<number> {
    const n = (await this.#call('read', () => this.#contract.getFunction('checkpointCount')({ blockTag }))) as bigint;
    return Number(n);
  }

  /** Checkpoint `seq`, or null when it does not exist (yet) at `blockTag`. */
  async checkpoint(seq: number, blockTag: BlockTag = 'latest'): Promise<Checkpoint | null> {
    if (!Number.isSafeInteger(seq) || seq < 0)
      throw new ProvenantError('input.invalid', 'seq must be a non-negative integer');
    try {
      const r = (await this.#contract.getFunction('checkpoint')(seq, { blockTag })) as [bigint, bigint, string, bigint];
      return { seq, treeSize: Number(r[1]), root: strip(r[2]), anchoredAt: Number(r[3]) };
    } catch (e) {
      const err = toChainError(e, 'read', anchorInterface);
      if (err.details.includes('NoCheckpoint')) return null;
      throw err;
    }
  }

  async anchorer(): Promise<string> {
    return (await this.#call('read', () => this.#contract.getFunction('anchorer')())) as string;
  }

  async owner(): Promise<string> {
    return (await this.#call('read', () => this.#contract.getFunction('owner')())) as string;
  }

  async rotateAnchorer(newAnchorer: string): Promise<void> {
    await this.#admin('rotateAnchorer', newAnchorer);
  }

  async transferOwnership(newOwner: string): Promise<void> {
    await this.#admin('transferOwnership', newOwner);
  }

  async #admin(method: 'rotateAnchorer' | 'transferOwnership', address: string): Promise<void> {
    if (!this.#signer) throw new ProvenantError('input.invalid', `${method} needs a private key`);
    const tx = (await this.#call(method, () =>
      this.#contract.getFunction(method)(address),
    )) as ContractTransactionResponse;
    const receipt = await this.#call(method, () => waitForReceipt(this.provider, tx.hash));
    if (receipt?.status !== 1) throw new ProvenantError('chain.rejected', `${method}: the transaction reverted`);
  }

  /**
   * Every checkpoint from the contract's Anchored events (what an auditor replays), in sequence order,
   * each with its inclusion block; anchoredAt is that block's timestamp (what the contract stores).
   */
  async readAllCheckpoints(options: { fromBlock?: number; toBlock?: BlockTag } = {}): Promise<AnchoredEvent[]> {
    const logs = await this.#call('read', () =>
      this.provider.getLogs({
        address: this.address,
        topics: [anchorInterface.getEvent('Anchored')?.topicHash ?? ''],
        fromBlock: options.fromBlock ?? 0,
        toBlock: options.toBlock ?? 'latest',
      }),
    );
    const times = new Map<string, number>();
    const out: AnchoredEvent[] = [];
    for (const log of logs) {
      const parsed = anchorInterface.parseLog(log);
      if (!parsed) continue;
      let t = times.get(log.blockHash);
      if (t === undefined) {
        const block = await this.#call('read', () => this.provider.getBlock(log.blockHash));
        if (!block)
          throw new ProvenantError('chain.unreachable', 'read: block of an Anchored event disappeared (reorg?)');
        t = block.timestamp;
        times.set(log.blockHash, t);
      }
      const prev = strip(parsed.args[3] as string);
      out.push({
        seq: Number(parsed.args[0]),
        treeSize: Number(parsed.args[1]),
        root: strip(parsed.args[2] as string),
        prevRoot: /^0+$/.test(prev) ? null : prev,
        anchoredAt: t,
        txHash: log.transactionHash,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
      });
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  async #call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toChainError(e, action, anchorInterface);
    }
  }
}

export function walletFor(privateKey: string, provider?: JsonRpcProvider): Wallet {
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(privateKey)) {
    // Never include the key (or any part of it) in the message.
    throw new ProvenantError('key.invalid', 'the anchor private key must be 32 bytes of hex');
  }
  return new Wallet(privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`, provider);
}

export async function connectAnchor(
  options: { rpcUrl: string; address: string; privateKey?: string } & RpcOptions,
): Promise<AnchorClient> {
  const provider = await connectRpc(options.rpcUrl, options);
  return new AnchorClient(provider, options.address, options.privateKey);
}
