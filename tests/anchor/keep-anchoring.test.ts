/** `provenant serve` with a configured chain that is down at start-up: the API stays up, anchoring starts later. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployAnchor } from '../../anchor/deploy.ts';
import { type DevChain, startDevChain } from '../../anchor/devchain.ts';
import { type Service, startService } from '../../api/service.ts';
import { type Anchoring, keepAnchoring } from '../../cli/anchoring.ts';
import { isProvenantError } from '../../core/errors.ts';
import { testConfig } from '../api/backends.ts';
import { startRpcProxy } from './rpc-proxy.ts';

describe('keepAnchoring', () => {
  let chain: DevChain;
  let service: Service;
  beforeAll(async () => {
    chain = await startDevChain();
    service = await startService(testConfig(), { pgliteDir: 'memory://', integrate: false });
  }, 30_000);
  afterAll(async () => {
    await service?.close();
    await chain?.stop();
  });

  it('retries an unreachable chain in the background and starts once it answers', async () => {
    const key = chain.testKeys[0] as string;
    const { address } = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: key });
    const proxy = await startRpcProxy(chain.rpcUrl);
    proxy.down();
    const codes: string[] = [];
    const logger = {
      info() {},
      error() {},
      warn(obj: object) {
        codes.push(String((obj as { code?: string }).code));
      },
    };
    let started: Anchoring | null = null;
    const env = { ANCHOR_RPC_URL: proxy.url, ANCHOR_PRIVATE_KEY: key, ANCHOR_CONTRACT: address };
    const handle = await keepAnchoring(service.services.db, env, logger, (a) => {
      started = a;
    });
    try {
      expect(started).toBeNull();
      expect(codes).toEqual(['chain.unreachable']);
      proxy.up();
      for (let i = 0; i < 60 && started === null; i++) await new Promise((r) => setTimeout(r, 100));
      expect((started as Anchoring | null)?.contract).toBe(address);
      expect((started as Anchoring | null)?.embedded).toBe(false);
    } finally {
      await handle.stop();
      await proxy.close();
    }
  }, 30_000);

  it('throws at once for a configuration error (wrong contract)', async () => {
    const key = chain.testKeys[0] as string;
    const env = { ANCHOR_RPC_URL: chain.rpcUrl, ANCHOR_PRIVATE_KEY: key, ANCHOR_CONTRACT: `0x${'11'.repeat(20)}` };
    const silent = { info() {}, warn() {}, error() {} };
    const err = await keepAnchoring(service.services.db, env, silent, () => {}).catch((e: unknown) => e);
    expect(isProvenantError(err, 'chain.rejected')).toBe(true);
  });
});
