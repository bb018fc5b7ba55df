/**
 * Building a 1,000,000-leaf RFC 6962 tree from 1,000,000 distinct ~100-byte leaves (leaf hashing included).
 * Figures: the shipped fast configuration (node:crypto injected through sha256FromLatin1Digest), the pure-noble
 * default, and, as the baseline of both, a bare node:crypto loop doing the same 2n − 1 hashes over same-sized
 * inputs. Every configuration must produce the same root, checked here before any figure is reported.
 */
import { hash } from 'node:crypto';
import { bytesToHex } from '../core/bytes.ts';
import { MerkleTree, type Sha256, sha256FromLatin1Digest } from '../core/merkle/index.ts';
import { type BenchFigure, bestOf, figure } from './lib.ts';

const LEAVES = 1_000_000;
const LEAF_BYTES = 100;
const GOAL_SECONDS = 1.5;

/** Distinct leaves: a deterministic pseudo-random fill with the leaf index in the first 4 bytes. */
function makeLeaves(): Uint8Array[] {
  const block = new Uint8Array(LEAVES * LEAF_BYTES);
  let x = 0x9e3779b9;
  for (let i = 0; i < block.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block[i] = x & 0xff;
  }
  const view = new DataView(block.buffer);
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < LEAVES; i++) {
    view.setUint32(i * LEAF_BYTES, i);
    leaves.push(block.subarray(i * LEAF_BYTES, (i + 1) * LEAF_BYTES));
  }
  return leaves;
}

/** The same number of SHA-256 calls a tree build makes (n leaves of 101 bytes, n − 1 nodes of 65 bytes). */
function bareLoop(digest: (data: Uint8Array) => unknown): void {
  const leafInput = new Uint8Array(1 + LEAF_BYTES);
  const nodeInput = new Uint8Array(65);
  for (let i = 0; i < LEAVES; i++) {
    leafInput[1] = i & 0xff;
    digest(leafInput);
  }
  for (let i = 0; i < LEAVES - 1; i++) {
    nodeInput[1] = i & 0xff;
    digest(nodeInput);
  }
}

export async function run(): Promise<BenchFigure[]> {
  const leaves = makeLeaves();
  const nodeCrypto = sha256FromLatin1Digest((d) => hash('sha256', d, 'binary'));
  const nodeCryptoBuffer: Sha256 = (d) => hash('sha256', d, 'buffer');

  const roots = new Set<string>();
  const build = (h?: Sha256) => () => roots.add(bytesToHex(MerkleTree.fromLeafData(leaves, h).root()));

  const baselineMs = await bestOf(3, () => bareLoop((d) => hash('sha256', d, 'binary')));
  const bufferLoopMs = await bestOf(1, () => bareLoop((d) => hash('sha256', d, 'buffer')));
  const fastMs = await bestOf(3, build(nodeCrypto));
  const bufferMs = await bestOf(1, build(nodeCryptoBuffer));
  const nobleMs = await bestOf(1, build());
  if (roots.size !== 1) throw new Error(`hasher configurations disagree on the root: ${[...roots].join(', ')}`);

  const s = (ms: number) => ms / 1000;
  return [
    figure(
      'merkle.build.1M',
      s(fastMs),
      's',
      s(baselineMs),
      GOAL_SECONDS,
      `MerkleTree.fromLeafData, node:crypto hash(…,'binary') via sha256FromLatin1Digest; baseline = bare hash(…,'binary') loop of 2n−1 calls; with hash(…,'buffer') the build takes ${s(bufferMs).toFixed(2)} s and the bare loop ${s(bufferLoopMs).toFixed(2)} s`,
    ),
    figure(
      'merkle.build.1M.noble',
      s(nobleMs),
      's',
      s(baselineMs),
      GOAL_SECONDS,
      'same build with the default @noble/hashes SHA-256 (informational: what browsers and the extension get)',
    ),
  ];
}
