/**
 * Gas per anchor (both contract variants, measured on anvil) and gas per manifest at batch sizes 1, 1,000 and
 * 100,000, against the baseline of registering each asset in its own transaction (PerAssetRegistryBaseline,
 * measured in the same run).
 */
import { randomBytes } from 'node:crypto';
import { type Contract, ContractFactory, Interface } from 'ethers';
import { loadArtifact } from '../anchor/artifact.ts';
import { connectAnchor } from '../anchor/client.ts';
import { deployAnchor } from '../anchor/deploy.ts';
import { startDevChain } from '../anchor/devchain.ts';
import { connectRpc } from '../anchor/provider.ts';
import { bytesToHex } from '../core/bytes.ts';
import { consistencyProof, leafHash, merkleRoot } from '../core/merkle/index.ts';
import { type BenchFigure, figure } from './lib.ts';

const GOAL = 60_000;
/** Anchors per variant: a multiple of 3 so every position in the packed history slots is sampled equally. */
const ANCHORS = 30;
const BATCH = 1000;

const mean = (xs: readonly bigint[]): number => xs.reduce((a, b) => a + Number(b), 0) / xs.length;

export async function run(): Promise<BenchFigure[]> {
  const chain = await startDevChain();
  try {
    const key = chain.testKeys[0] as string;
    // Leaves for ANCHORS batches of BATCH entries each (the proof variant needs real trees).
    const leaves = Array.from({ length: ANCHORS * BATCH }, () => leafHash(randomBytes(64)));
    const roots = Array.from({ length: ANCHORS + 1 }, (_, i) =>
      i === 0 ? null : bytesToHex(merkleRoot(leaves.slice(0, i * BATCH))),
    );

    const plain = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: key });
    const a = await connectAnchor({ rpcUrl: chain.rpcUrl, address: plain.address, privateKey: key });
    const plainGas: bigint[] = [];
    for (let i = 1; i <= ANCHORS; i++) {
      const r = await a.anchorCheckpoint({
        treeSize: i * BATCH,
        root: roots[i] as string,
        prevRoot: roots[i - 1] ?? null,
      });
      plainGas.push(r.gasUsed);
    }

    const withProof = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: key });
    const b = await connectAnchor({ rpcUrl: chain.rpcUrl, address: withProof.address, privateKey: key });
    await b.anchorCheckpointWithProof({ treeSize: BATCH, root: roots[1] as string, prevRoot: null, proof: [] });
    const proofGas: bigint[] = [];
    for (let i = 2; i <= ANCHORS; i++) {
      const proof = consistencyProof(leaves, (i - 1) * BATCH, i * BATCH);
      const r = await b.anchorCheckpointWithProof({
        treeSize: i * BATCH,
        root: roots[i] as string,
        prevRoot: roots[i - 1] ?? null,
        proof,
      });
      proofGas.push(r.gasUsed);
    }

    const provider = await connectRpc(chain.rpcUrl);
    const baseline = loadArtifact('PerAssetRegistryBaseline');
    const { Wallet } = await import('ethers');
    const wallet = new Wallet(key, provider);
    const registry = (await new ContractFactory(
      new Interface(baseline.abi as never),
      baseline.bytecode,
      wallet,
    ).deploy()) as Contract;
    await registry.waitForDeployment();
    const registerGas: bigint[] = [];
    for (let i = 0; i < ANCHORS; i++) {
      const tx = await registry.getFunction('register')(`0x${randomBytes(32).toString('hex')}`);
      registerGas.push((await tx.wait()).gasUsed);
    }
    provider.destroy();

    const perAnchor = mean(plainGas);
    const perAnchorProof = mean(proofGas);
    const perAsset = mean(registerGas);
    const figures = [
      figure(
        'anchor.gasPerAnchor.cas+history',
        perAnchor,
        'gas',
        perAsset,
        GOAL,
        `mean of ${ANCHORS} anchors (min ${Math.min(...plainGas.map(Number))}, max ${Math.max(...plainGas.map(Number))}); baseline = one per-asset registration`,
      ),
      figure(
        'anchor.gasPerAnchor.withConsistencyProof',
        perAnchorProof,
        'gas',
        perAsset,
        GOAL,
        `mean of ${proofGas.length} anchors, each proving consistency over +${BATCH} entries (${consistencyProof(leaves, BATCH, 2 * BATCH).length}-hash proofs)`,
      ),
      figure(
        'anchor.perAssetRegistry.gasPerAsset',
        perAsset,
        'gas',
        perAsset,
        GOAL,
        'BASELINE contract: one transaction per asset',
      ),
    ];
    for (const size of [1, 1_000, 100_000]) {
      figures.push(
        figure(
          `anchor.gasPerManifest.batch${size}`,
          perAnchor / size,
          'gas',
          perAsset,
          GOAL / size,
          'one plain anchor amortised over the batch; ratio = vs registering each asset in its own transaction',
        ),
      );
    }
    return figures;
  } finally {
    await chain.stop();
  }
}
