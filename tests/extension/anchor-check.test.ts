/**
 * Anchors authenticated from a real local chain (anvil from @foundry-rs/anvil, the ProvenantAnchor contract): the
 * extension's bare eth_call reader and the inclusion/consistency checks, pending → finalized, and a checkpoint on
 * chain that disagrees with the log's.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnchorClient } from '../../anchor/client.ts';
import { deployAnchor } from '../../anchor/deploy.ts';
import { type DevChain, startDevChain } from '../../anchor/devchain.ts';
import { connectRpc } from '../../anchor/provider.ts';
import { issueRevocation } from '../../core/crypto/revocation.ts';
import { createKeyFile } from '../../signer/index.ts';
import { DEFAULT_SETTINGS } from '../../verifier-extension/src/settings.ts';
import { checkAnchor } from '../../verifier-extension/src/verify/anchor-check.ts';
import { createApiClient, type FetchLike } from '../../verifier-extension/src/verify/api-client.ts';
import { createChainReader } from '../../verifier-extension/src/verify/chain-reader.ts';
import { shownMedia } from '../../verifier-extension/src/verify/shown-media.ts';
import { verifyMedia } from '../../verifier-extension/src/verify/verify-media.ts';
import { registerKey, type Seeded, signAndSubmit, startSeededApi, T0, writePhoto } from './fixtures.ts';

const nodeFetch: FetchLike = (url, init) =>
  fetch(url, {
    method: init?.method ?? 'GET',
    ...(init?.headers ? { headers: init.headers } : {}),
    ...(init?.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
  });

let s: Seeded;
let chain: DevChain;
let manifestId: string;

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(chain.rpcUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

async function anchorOnNewContract(treeSize: number, root: string): Promise<string> {
  const key = chain.testKeys[0] as string;
  const { address } = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: key });
  const provider = await connectRpc(chain.rpcUrl);
  try {
    await new AnchorClient(provider, address, key).anchorCheckpoint({ treeSize, root: `0x${root}`, prevRoot: null });
  } finally {
    provider.destroy();
  }
  return address;
}

beforeAll(async () => {
  s = await startSeededApi();
  manifestId = await signAndSubmit(s, await writePhoto(s.dir, 'anchored.jpg', 320, 240, 3));
  chain = await startDevChain();
});
afterAll(async () => {
  await chain?.stop();
  await s?.close();
});

const codesOf = (r: { entries: { code: string }[] }) => r.entries.map((e) => e.code);

describe('checkAnchor against a chain', () => {
  it('is pending while only the latest block has the checkpoint, finalized once the block is final', async () => {
    const api = createApiClient('http://api.test', s.fetch);
    const proof = await api.proof(manifestId);
    expect(proof).not.toBeNull();
    const address = await anchorOnNewContract(proof!.treeSize, proof!.rootHash);
    const reader = createChainReader(chain.rpcUrl, address, nodeFetch);
    const before = await checkAnchor(manifestId, api, reader);
    expect(codesOf(before)).toEqual(['anchor.pending']);
    expect(before.authenticatedLeaf).toBeNull();
    await rpc('anvil_mine', ['0x80']); // anvil's finalized tag trails the head by a fixed number of blocks
    const after = await checkAnchor(manifestId, api, reader);
    expect(codesOf(after)).toEqual(['anchor.included', 'anchor.finalized']);
    expect(after.view.finalized).toBe(true);
    expect(after.authenticatedLeaf?.manifestDigest).toBe(manifestId);
  });

  it('authenticates a smaller log checkpoint through a consistency proof to the anchored one', async () => {
    const api = createApiClient('http://api.test', s.fetch);
    const first = await api.proof(manifestId);
    await signAndSubmit(s, await writePhoto(s.dir, 'later.jpg', 320, 240, 4));
    const later = await s.service.services.integrator.integrate();
    expect(later!.treeSize).toBeGreaterThan(first!.treeSize);
    const address = await anchorOnNewContract(later!.treeSize, Buffer.from(later!.rootHash).toString('hex'));
    await rpc('anvil_mine', ['0x80']);
    // The API still serves the proof for the checkpoint it has; the chain's is larger.
    const result = await checkAnchor(manifestId, api, createChainReader(chain.rpcUrl, address, nodeFetch));
    expect(codesOf(result)).toEqual(['anchor.included', 'anchor.finalized']);
  });

  it('a chain checkpoint that disagrees with the log gives anchor.checkpoint.unauthenticated', async () => {
    const api = createApiClient('http://api.test', s.fetch);
    const proof = await api.proof(manifestId);
    const address = await anchorOnNewContract(proof!.treeSize, 'ab'.repeat(32));
    await rpc('anvil_mine', ['0x80']);
    const result = await checkAnchor(manifestId, api, createChainReader(chain.rpcUrl, address, nodeFetch));
    expect(codesOf(result)).toEqual(['anchor.checkpoint.unauthenticated']);
  });

  it('an empty contract means not anchored yet', async () => {
    const key = chain.testKeys[0] as string;
    const { address } = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: key });
    await rpc('anvil_mine', ['0x80']);
    const api = createApiClient('http://api.test', s.fetch);
    const result = await checkAnchor(manifestId, api, createChainReader(chain.rpcUrl, address, nodeFetch));
    expect(codesOf(result)).toEqual(['anchor.pending']);
  });
});

describe('revocations decided by the chain-authenticated log time', () => {
  async function setup(name: string) {
    const camera = await createKeyFile({
      alg: 'ed25519',
      subject: { name, kind: 'device' },
      issuedAt: T0 + 3,
      endorser: s.org,
    });
    await registerKey(s, camera, false);
    const photo = await writePhoto(s.dir, `${name}.jpg`, 320, 240, name.length + 40);
    await signAndSubmit(s, photo, camera);
    const cp = await s.service.services.integrator.integrate();
    const address = await anchorOnNewContract(cp!.treeSize, Buffer.from(cp!.rootHash).toString('hex'));
    await rpc('anvil_mine', ['0x80']);
    return { camera, photo, reader: createChainReader(chain.rpcUrl, address, nodeFetch) };
  }

  async function revoke(camera: Awaited<ReturnType<typeof setup>>['camera'], effectiveAt: number) {
    const envelope = issueRevocation(
      { keyId: camera.key.keyId, effectiveAt, reason: 'compromised', issuedAt: Date.now() },
      camera.key,
    );
    const res = await s.service.app.request(`http://api.test/v1/keys/${camera.key.keyId}/revocations`, {
      method: 'POST',
      body: JSON.stringify(envelope),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.ok).toBe(true);
  }

  async function verifyWith(photo: string, reader: ReturnType<typeof createChainReader> | null) {
    const bytes = new Uint8Array(await readFile(photo));
    const shown = shownMedia(createHash('sha256').update(bytes).digest('hex'), bytes.length, async () => null);
    const trust = { ...DEFAULT_SETTINGS.trust, roots: [s.org.key.keyId] };
    return verifyMedia(shown, { api: createApiClient('http://api.test', s.fetch), trust, chain: reader });
  }

  it('a revocation effective after the anchored log time leaves the signature standing', async () => {
    const { camera, photo, reader } = await setup('Camera After');
    await revoke(camera, Date.now() + 1000);
    const anchored = await verifyWith(photo, reader);
    expect(codesOf(anchored)).toContain('identity.revokedAfterLogging');
    expect(anchored.state).toBe('valid');
    // Without the chain there is no trustworthy log time: every revocation applies.
    const unanchored = await verifyWith(photo, null);
    expect(codesOf(unanchored)).toContain('identity.revoked');
    expect(unanchored.state).toBe('invalid');
  });

  it('a revocation effective before the log time revokes the signature', async () => {
    const { camera, photo, reader } = await setup('Camera Before');
    await revoke(camera, T0 + 10);
    const v = await verifyWith(photo, reader);
    expect(codesOf(v)).toContain('identity.revoked');
    expect(v.state).toBe('invalid');
  });
});
