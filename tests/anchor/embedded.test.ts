/**
 * The zero-configuration path of `provenant serve` / `anchor run`: anvil spawned with its state under
 * DATA_DIR/chain, the contract deployed once and reused after a restart, anchors finalized at the `finalized` tag.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAnchor } from '../../anchor/client.ts';
import { checkpoints } from '../../api/db/schema/index.ts';
import { type Service, startService } from '../../api/service.ts';
import { type Anchoring, startAnchoring } from '../../cli/anchoring.ts';
import { isProvenantError } from '../../core/errors.ts';
import { testConfig } from '../api/backends.ts';
import { newKey, photoClaim, signedManifest } from '../api/fixtures.ts';

const silent = { info() {}, warn() {}, error() {} };

async function until(what: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('embedded dev chain', () => {
  let dir: string;
  let service: Service;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'provenant-chain-'));
    service = await startService(testConfig(), { pgliteDir: 'memory://', integrate: false });
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function submitAndIntegrate(n: number): Promise<number> {
    const m = signedManifest(photoClaim(9000 + n), [newKey()]);
    const res = await service.app.request('/v1/manifests', { method: 'POST', body: JSON.stringify(m.manifest) });
    expect(res.status).toBe(201);
    await service.services.sequencer.idle();
    const cp = await service.services.integrator.integrate();
    return cp?.treeSize ?? 0;
  }

  async function finalized(size: number): Promise<boolean> {
    const [row] = await service.services.db.select().from(checkpoints).where(eq(checkpoints.treeSize, size));
    return row?.anchorFinalized === true;
  }

  it('deploys once, anchors, finalizes at the finalized tag, and reuses the contract after a restart', async () => {
    const env = { DATA_DIR: dir, ANCHOR_INTERVAL_S: '0.1' };
    let a: Anchoring = await startAnchoring(service.services.db, env, silent);
    const first = { contract: a.contract, rpcUrl: a.rpcUrl };
    expect(a.embedded).toBe(true);
    expect(a.chainId).toBe(31337);
    const deployment = JSON.parse(readFileSync(join(dir, 'chain', 'deployment.json'), 'utf8')) as { address: string };
    expect(deployment.address).toBe(a.contract);
    try {
      const size = await submitAndIntegrate(1);
      await until(() => finalized(size));
    } finally {
      await a.stop();
    }
    expect(existsSync(join(dir, 'chain', 'state.json'))).toBe(true);
    // anvil is gone once stop() resolves.
    const gone = await fetch(first.rpcUrl, { method: 'POST', body: '{}' }).then(
      () => false,
      () => true,
    );
    expect(gone).toBe(true);

    a = await startAnchoring(service.services.db, env, silent);
    try {
      expect(a.contract).toBe(first.contract);
      const client = await connectAnchor({ rpcUrl: a.rpcUrl, address: a.contract });
      expect(await client.checkpointCount()).toBe(1);
      client.provider.destroy();
      const size = await submitAndIntegrate(2);
      await until(() => finalized(size));
    } finally {
      await a.stop();
    }
  }, 60_000);

  it('refuses a partial chain configuration with input.invalid', async () => {
    const err = await startAnchoring(
      service.services.db,
      { DATA_DIR: dir, ANCHOR_RPC_URL: 'http://127.0.0.1:1' },
      silent,
    )
      .then(() => null)
      .catch((e: unknown) => e);
    expect(isProvenantError(err, 'input.invalid')).toBe(true);
  });
});
