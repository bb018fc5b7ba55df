/**
 * Reads anchored checkpoints from the reader's own RPC with eth_call (docs/PROTOCOL.md §10.3): the chain, not the
 * API, authenticates (treeSize, root). The RPC URL and contract come from the settings, never from a proof.
 */
import { bytesToHex } from '../../../core/bytes.ts';
import { decodeWords, selector, wordToSafeInteger } from './abi.ts';
import type { FetchLike } from './api-client.ts';

export type BlockTag = 'finalized' | 'latest';

export interface ChainCheckpoint {
  seq: number;
  treeSize: number;
  /** 64 lower-case hex digits. */
  root: string;
  /** Including block's timestamp, seconds. */
  anchoredAt: number;
}

export interface ChainReader {
  readonly contract: string;
  chainId(): Promise<number>;
  blockNumber(tag: BlockTag): Promise<number>;
  /** The latest checkpoint visible at `tag`, or null when the contract has none there. */
  latestCheckpoint(tag: BlockTag): Promise<ChainCheckpoint | null>;
}

/** The RPC answered with an error object or could not be reached. */
export class RpcError extends Error {
  readonly rpcCode: number | null;
  constructor(message: string, rpcCode: number | null) {
    super(message);
    this.name = 'RpcError';
    this.rpcCode = rpcCode;
  }
}

const LATEST_CHECKPOINT = selector('latestCheckpoint()');
const NO_CHECKPOINT = selector('NoCheckpoint(uint256)');

export function createChainReader(rpcUrl: string, contract: string, fetchFn: FetchLike): ChainReader {
  let nextId = 1;
  async function rpc(method: string, params: unknown[]): Promise<unknown> {
    const body = new TextEncoder().encode(JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }));
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await fetchFn(rpcUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    } catch (e) {
      throw new RpcError(`the chain RPC is unreachable (${e instanceof Error ? e.message : String(e)})`, null);
    }
    if (!res.ok) throw new RpcError(`the chain RPC answered HTTP ${res.status}`, null);
    const answer = (await res.json()) as {
      result?: unknown;
      error?: { code?: number; message?: string; data?: unknown };
    };
    if (answer.error) {
      const data = typeof answer.error.data === 'string' ? answer.error.data : '';
      // A revert with NoCheckpoint(…) is an answer ("none yet"), not a failure.
      if (data.startsWith(NO_CHECKPOINT)) return null;
      throw new RpcError(`RPC error: ${answer.error.message ?? 'unknown'}`, answer.error.code ?? null);
    }
    return answer.result;
  }
  const quantity = (value: unknown): number => {
    if (typeof value !== 'string' || !/^0x[0-9a-f]+$/i.test(value))
      throw new RpcError('RPC returned a non-quantity', null);
    return Number.parseInt(value, 16);
  };
  return {
    contract,
    chainId: async () => quantity(await rpc('eth_chainId', [])),
    async blockNumber(tag) {
      const block = (await rpc('eth_getBlockByNumber', [tag, false])) as { number?: unknown } | null;
      return block ? quantity(block.number) : 0;
    },
    async latestCheckpoint(tag) {
      const result = await rpc('eth_call', [{ to: contract, data: LATEST_CHECKPOINT }, tag]);
      if (result === null) return null;
      if (typeof result !== 'string') throw new RpcError('eth_call returned no data', null);
      // Empty data: no contract code at that block yet (e.g. deployed after the finalized head).
      if (result === '0x') return null;
      const [seq, size, root, at] = decodeWords(result, 4) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      return {
        seq: wordToSafeInteger(seq),
        treeSize: wordToSafeInteger(size),
        root: bytesToHex(root),
        anchoredAt: wordToSafeInteger(at),
      };
    },
  };
}
