/** One JSON-RPC provider configuration for every anchor module: no endless network-detection retries. */
import { FetchRequest, JsonRpcProvider, Network } from 'ethers';
import { ProvenantError } from '../core/errors.ts';

export interface RpcOptions {
  /** Per-request timeout in ms (default 10 s). */
  timeoutMs?: number;
  /** Known chain id: skips the eth_chainId round trip. */
  chainId?: number;
}

/**
 * A provider that fails fast: ethers' default retries network detection forever when the endpoint is down,
 * which would hang a CLI; here the chain id is fetched once (or given) and pinned.
 */
export async function connectRpc(rpcUrl: string, options: RpcOptions = {}): Promise<JsonRpcProvider> {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new ProvenantError('input.invalid', 'the RPC URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProvenantError('input.invalid', 'the RPC URL must be http(s)');
  }
  const request = new FetchRequest(rpcUrl);
  request.timeout = options.timeoutMs ?? 10_000;
  let chainId = options.chainId;
  if (chainId === undefined) {
    const probe = new JsonRpcProvider(request.clone(), undefined, {
      staticNetwork: Network.from(1),
      batchMaxCount: 1,
      cacheTimeout: -1,
    });
    try {
      chainId = Number(await probe.send('eth_chainId', []));
    } catch (cause) {
      throw new ProvenantError('chain.unreachable', `cannot reach the RPC endpoint at ${url.origin}`, { cause });
    } finally {
      probe.destroy();
    }
  }
  return new JsonRpcProvider(request, undefined, {
    staticNetwork: Network.from(chainId),
    batchMaxCount: 1,
    // ethers caches identical requests for 250 ms, which returns stale nonces and checkpoint counts.
    cacheTimeout: -1,
  });
}
