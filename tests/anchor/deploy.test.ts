/** Dev chain lifecycle and idempotent deployment: state survives an anvil restart, lost state is an error. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAnchor } from '../../anchor/client.ts';
import { ensureDeployed } from '../../anchor/deploy.ts';
import { anvilBinaryPath, startDevChain } from '../../anchor/devchain.ts';
import { bytesToHex, utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { leafHash, merkleRoot } from '../../core/merkle/index.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'provenant-anchor-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('dev chain and ensureDeployed', () => {
  it('resolves the anvil binary from the npm package', () => {
    expect(anvilBinaryPath()).toMatch(/@foundry-rs[/\\]anvil-[^/\\]+[/\\]bin[/\\]anvil(\.exe)?$/);
  });

  it('deploys once, keeps the contract and its checkpoints across an anvil restart, and refuses lost state', async () => {
    const data = tempDir();
    const chainDir = join(data, 'chain');
    const stateFile = join(chainDir, 'deployment.json');
    const root = bytesToHex(merkleRoot([leafHash(utf8('a')), leafHash(utf8('b'))]));

    let chain = await startDevChain({ stateDir: chainDir });
    try {
      expect(chain.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(chain.chainId).toBe(31337);
      const key = chain.testKeys[0] as string;
      const first = await ensureDeployed(stateFile, { rpcUrl: chain.rpcUrl, privateKey: key });
      const again = await ensureDeployed(stateFile, { rpcUrl: chain.rpcUrl, privateKey: key });
      expect(again).toEqual(first);
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual(first);
      const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: first.address, privateKey: key });
      await a.anchorCheckpoint({ treeSize: 2, root, prevRoot: null });
    } finally {
      await chain.stop();
    }

    chain = await startDevChain({ stateDir: chainDir });
    try {
      const key = chain.testKeys[0] as string;
      const reused = await ensureDeployed(stateFile, { rpcUrl: chain.rpcUrl, privateKey: key });
      const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: reused.address });
      expect(await a.latestCheckpoint()).toMatchObject({ seq: 0, treeSize: 2, root });
    } finally {
      await chain.stop();
    }

    // A fresh chain (state lost) must not silently get a new, empty contract.
    chain = await startDevChain();
    try {
      const e = await ensureDeployed(stateFile, {
        rpcUrl: chain.rpcUrl,
        privateKey: chain.testKeys[0] as string,
      }).catch((err: unknown) => err);
      expect(isProvenantError(e, 'chain.rejected')).toBe(true);
    } finally {
      await chain.stop();
    }
  }, 60_000);
});
