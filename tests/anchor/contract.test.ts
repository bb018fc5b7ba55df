/** ProvenantAnchor against a real anvil: compare-and-swap, growth, roles, races, history, on-chain consistency. */
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnchorClient, connectAnchor } from '../../anchor/client.ts';
import { deployAnchor } from '../../anchor/deploy.ts';
import { type DevChain, startDevChain } from '../../anchor/devchain.ts';
import { bytesToHex, u64be } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { consistencyProof, leafHash, merkleRoot, verifyConsistency } from '../../core/merkle/index.ts';

let chain: DevChain;
const leaves = Array.from({ length: 64 }, (_, i) => leafHash(u64be(i)));
const rootAt = (size: number): string => bytesToHex(merkleRoot(leaves.slice(0, size)));

async function freshContract(): Promise<{ owner: AnchorClient; anchorerKey: string }> {
  const [ownerKey, anchorerKey] = chain.testKeys as [string, string];
  const anchorer = new Wallet(anchorerKey).address;
  const d = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: ownerKey, anchorer });
  return {
    owner: await connectAnchor({ rpcUrl: chain.rpcUrl, address: d.address, privateKey: ownerKey }),
    anchorerKey,
  };
}

async function expectCode(p: Promise<unknown>, code: 'chain.rejected' | 'chain.unreachable', detail?: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isProvenantError(e, code)).toBe(true);
  if (detail) expect((e as { details: string[] }).details).toContain(detail);
}

/** core's verdict, with a malformed (wrong-length) proof counting as "not consistent". */
function coreVerify(m: number, n: number, a: Uint8Array, b: Uint8Array, proof: Uint8Array[]): boolean {
  try {
    return verifyConsistency(m, n, a, b, proof);
  } catch (e) {
    if (isProvenantError(e, 'proof.malformed')) return false;
    throw e;
  }
}

beforeAll(async () => {
  chain = await startDevChain();
}, 30_000);
afterAll(async () => {
  await chain?.stop();
});

describe('ProvenantAnchor', () => {
  it('anchors a growing sequence of core-merkle checkpoints and keeps the history in state and events', async () => {
    const { owner, anchorerKey } = await freshContract();
    const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: anchorerKey });
    expect(await a.latestCheckpoint()).toBeNull();
    const sizes = [1, 3, 4, 7, 8, 13, 16, 33, 64];
    let prev: string | null = null;
    for (const [i, size] of sizes.entries()) {
      const r = await a.anchorCheckpoint({ treeSize: size, root: rootAt(size), prevRoot: prev });
      expect(r.seq).toBe(i);
      prev = rootAt(size);
    }
    const latest = await a.latestCheckpoint();
    expect(latest).toMatchObject({ seq: sizes.length - 1, treeSize: 64, root: rootAt(64) });
    for (const [i, size] of sizes.entries()) {
      expect(await a.checkpoint(i)).toMatchObject({ seq: i, treeSize: size, root: rootAt(size) });
    }
    expect(await a.checkpoint(sizes.length)).toBeNull();
    const events = await a.readAllCheckpoints();
    expect(events.map((e) => e.treeSize)).toEqual(sizes);
    expect(events[0]?.prevRoot).toBeNull();
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevRoot).toBe(events[i - 1]?.root);
    for (const e of events) expect((await a.checkpoint(e.seq))?.anchoredAt).toBe(e.anchoredAt);
    // Reading at an explicit block shows the history as it was then.
    const third = events[2] as (typeof events)[number];
    expect(await a.latestCheckpoint(third.blockNumber)).toMatchObject({ seq: 2, treeSize: sizes[2], root: third.root });
    expect(await a.latestCheckpoint((events[0]?.blockNumber as number) - 1)).toBeNull();
    // At the `finalized` tag: whatever anvil has finalized, never more than what was anchored, and a block before
    // the deployment reads as "no contract", not as an empty history.
    const finalized = (await a.provider.getBlock('finalized'))?.number ?? -1;
    const deployBlock = (events[0]?.blockNumber as number) - 1;
    if (finalized >= deployBlock) {
      const f = await a.latestCheckpoint('finalized');
      expect(f === null ? -1 : f.seq).toBe(events.filter((e) => e.blockNumber <= finalized).length - 1);
    } else {
      await expectCode(a.latestCheckpoint('finalized'), 'chain.rejected', 'noContract');
    }
  });

  it('rejects a wrong previous root, a non-growing size, a zero root and a non-anchorer', async () => {
    const { owner, anchorerKey } = await freshContract();
    const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: anchorerKey });
    await a.anchorCheckpoint({ treeSize: 4, root: rootAt(4), prevRoot: null });
    await expectCode(
      a.anchorCheckpoint({ treeSize: 8, root: rootAt(8), prevRoot: null }),
      'chain.rejected',
      'StalePrevRoot',
    );
    await expectCode(
      a.anchorCheckpoint({ treeSize: 8, root: rootAt(8), prevRoot: rootAt(3) }),
      'chain.rejected',
      'StalePrevRoot',
    );
    await expectCode(
      a.anchorCheckpoint({ treeSize: 4, root: rootAt(5), prevRoot: rootAt(4) }),
      'chain.rejected',
      'TreeNotGrowing',
    );
    await expectCode(
      a.anchorCheckpoint({ treeSize: 3, root: rootAt(3), prevRoot: rootAt(4) }),
      'chain.rejected',
      'TreeNotGrowing',
    );
    // The owner is not the anchorer.
    await expectCode(
      owner.anchorCheckpoint({ treeSize: 8, root: rootAt(8), prevRoot: rootAt(4) }),
      'chain.rejected',
      'NotAnchorer',
    );
    expect(await a.checkpointCount()).toBe(1);
  });

  it('lets only the owner rotate the anchorer and transfer ownership', async () => {
    const { owner, anchorerKey } = await freshContract();
    const newKey = chain.testKeys[2] as string;
    const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: anchorerKey });
    const b = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: newKey });
    await expectCode(a.rotateAnchorer(b.signerAddress as string), 'chain.rejected', 'NotOwner');
    await a.anchorCheckpoint({ treeSize: 2, root: rootAt(2), prevRoot: null });
    await owner.rotateAnchorer(b.signerAddress as string);
    expect(await owner.anchorer()).toBe(b.signerAddress);
    await expectCode(
      a.anchorCheckpoint({ treeSize: 5, root: rootAt(5), prevRoot: rootAt(2) }),
      'chain.rejected',
      'NotAnchorer',
    );
    expect((await b.anchorCheckpoint({ treeSize: 5, root: rootAt(5), prevRoot: rootAt(2) })).seq).toBe(1);
    await expectCode(b.transferOwnership(b.signerAddress as string), 'chain.rejected', 'NotOwner');
    await owner.transferOwnership(b.signerAddress as string);
    expect(await owner.owner()).toBe(b.signerAddress);
    await expectCode(owner.rotateAnchorer(owner.signerAddress as string), 'chain.rejected', 'NotOwner');
  });

  it('lets exactly one of two workers racing for the same sequence number win', async () => {
    const { owner, anchorerKey } = await freshContract();
    const w1 = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: anchorerKey });
    const w2 = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: anchorerKey });
    await w1.anchorCheckpoint({ treeSize: 2, root: rootAt(2), prevRoot: null });
    const nonce = await w1.provider.getTransactionCount(w1.signerAddress as string);
    // Both transactions land in the same block: neither could see the other before sending.
    await w1.provider.send('evm_setAutomine', [false]);
    try {
      const gasLimit = 200_000n;
      const p1 = w1.anchorCheckpoint({ treeSize: 6, root: rootAt(6), prevRoot: rootAt(2) }, { nonce, gasLimit });
      const p2 = w2.anchorCheckpoint(
        { treeSize: 9, root: rootAt(9), prevRoot: rootAt(2) },
        { nonce: nonce + 1, gasLimit },
      );
      const outcomes = Promise.allSettled([p1, p2]);
      await new Promise((r) => setTimeout(r, 300));
      await w1.provider.send('evm_mine', []);
      const [r1, r2] = await outcomes;
      expect(r1.status).toBe('fulfilled');
      expect(r2.status).toBe('rejected');
      expect(isProvenantError((r2 as PromiseRejectedResult).reason, 'chain.rejected')).toBe(true);
    } finally {
      await w1.provider.send('evm_setAutomine', [true]);
    }
    expect(await w1.latestCheckpoint()).toMatchObject({ seq: 1, treeSize: 6, root: rootAt(6) });
    expect((await w1.readAllCheckpoints()).map((e) => e.treeSize)).toEqual([2, 6]);
  });

  it('verifies RFC 9162 consistency proofs on-chain in anchorWithProof', async () => {
    const { owner, anchorerKey } = await freshContract();
    const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: owner.address, privateKey: anchorerKey });
    const hex = (ps: Uint8Array[]) => ps.map((p) => bytesToHex(p));
    await a.anchorCheckpointWithProof({ treeSize: 3, root: rootAt(3), prevRoot: null, proof: [] });
    const steps: [number, number][] = [
      [3, 4],
      [4, 7],
      [7, 8],
      [8, 13],
      [13, 64],
    ];
    for (const [m, n] of steps) {
      const proof = hex(consistencyProof(leaves, m, n));
      const tampered = [...proof];
      tampered[0] = rootAt(1);
      if (proof.length > 0) {
        await expectCode(
          a.anchorCheckpointWithProof({ treeSize: n, root: rootAt(n), prevRoot: rootAt(m), proof: tampered }),
          'chain.rejected',
          'InconsistentProof',
        );
      }
      // A root that is not an extension of the anchored tree is refused even with an honest-looking proof.
      await expectCode(
        a.anchorCheckpointWithProof({ treeSize: n, root: rootAt(n - 1), prevRoot: rootAt(m), proof }),
        'chain.rejected',
        'InconsistentProof',
      );
      await a.anchorCheckpointWithProof({ treeSize: n, root: rootAt(n), prevRoot: rootAt(m), proof });
    }
    expect((await a.latestCheckpoint())?.treeSize).toBe(64);
  });

  it('agrees with core verifyConsistency on every (m, n) up to 24, including wrong proofs', async () => {
    const { owner } = await freshContract();
    const { Contract } = await import('ethers');
    const { anchorInterface } = await import('../../anchor/client.ts');
    const c = new Contract(owner.address, anchorInterface, owner.provider);
    const verify = c.getFunction('verifyConsistency');
    for (let n = 2; n <= 24; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(leaves, m, n).map((p) => `0x${bytesToHex(p)}`);
        expect(await verify(m, n, `0x${rootAt(m)}`, `0x${rootAt(n)}`, proof)).toBe(true);
        expect(await verify(m, n, `0x${rootAt(m)}`, `0x${rootAt(n)}`, proof.slice(0, -1))).toBe(false);
        expect(await verify(m, n, `0x${rootAt(m)}`, `0x${rootAt(n)}`, [...proof, `0x${rootAt(1)}`])).toBe(false);
        // Wrong sizes: the on-chain verifier must agree with core's, whatever that says.
        const wrongSize = coreVerify(
          m,
          n + 1,
          merkleRoot(leaves.slice(0, m)),
          merkleRoot(leaves.slice(0, n)),
          consistencyProof(leaves, m, n),
        );
        expect(await verify(m, n + 1, `0x${rootAt(m)}`, `0x${rootAt(n)}`, proof)).toBe(wrongSize);
        expect(await verify(m, n, `0x${rootAt(n)}`, `0x${rootAt(m)}`, proof)).toBe(false);
      }
    }
  }, 120_000);

  it('maps a dead RPC endpoint to chain.unreachable', async () => {
    const { createServer } = await import('node:net');
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const rpcUrl = `http://127.0.0.1:${port}`;
    await expectCode(connectAnchor({ rpcUrl, address: `0x${'11'.repeat(20)}` }), 'chain.unreachable');
    await expectCode(deployAnchor({ rpcUrl, privateKey: chain.testKeys[0] as string }), 'chain.unreachable');
    // Connected while up, then the node goes away.
    const a = await connectAnchor({ rpcUrl, address: `0x${'11'.repeat(20)}`, chainId: 31337, timeoutMs: 2000 });
    await expectCode(a.latestCheckpoint(), 'chain.unreachable');
  });
});
