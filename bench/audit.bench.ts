/**
 * The auditor's full rebuild of a 1,000,000-entry log from the leaf bytes (what `provenant audit --full` does
 * with each page of GET /v1/log/entries, minus the HTTP): hash every leaf and fold it into a compact range,
 * recording the root at each of 1,000 anchored sizes. Baseline: a bare node:crypto SHA-256 loop over the same
 * count of leaves (the leaf hashes alone, no tree).
 */
import { hash, randomBytes } from 'node:crypto';
import { TreeRebuilder } from '../anchor/audit/rebuild.ts';
import { bytesToHex } from '../core/bytes.ts';
import { decodeLeaf, encodeLeaf, LEAF_LENGTH } from '../core/log/index.ts';
import { type BenchFigure, bestOf, figure } from './lib.ts';

const ENTRIES = 1_000_000;
const ANCHOR_EVERY = 1000;
const GOAL_S = 10;

export async function run(): Promise<BenchFigure[]> {
  // Distinct, well-formed leaves: a random pool of digests, varied per entry in the receivedAt field.
  const pool = Array.from({ length: 1024 }, () => bytesToHex(randomBytes(32)));
  const leaves: Uint8Array[] = new Array(ENTRIES);
  for (let i = 0; i < ENTRIES; i++) {
    leaves[i] = encodeLeaf({
      kind: 'manifest',
      receivedAt: 1_796_000_000_000 + i,
      manifestDigest: pool[i % 1024] as string,
      subjectDigest: pool[(i * 7) % 1024] as string,
      signer: pool[(i * 13) % 1024] as string,
    });
  }
  const sizes = Array.from({ length: ENTRIES / ANCHOR_EVERY }, (_, k) => (k + 1) * ANCHOR_EVERY);

  let root = '';
  const rebuildMs = await bestOf(2, () => {
    const r = new TreeRebuilder(sizes);
    for (const leaf of leaves) r.append(leaf);
    root = r.root();
  });
  const withDecodeMs = await bestOf(2, () => {
    const r = new TreeRebuilder(sizes);
    let last = 0;
    for (const leaf of leaves) {
      r.append(leaf);
      last = Math.max(last, decodeLeaf(leaf).receivedAt);
    }
    return last;
  });
  const prefixed = new Uint8Array(LEAF_LENGTH + 1);
  const baselineMs = await bestOf(2, () => {
    for (const leaf of leaves) {
      prefixed.set(leaf, 1);
      hash('sha256', prefixed, 'binary');
    }
  });
  const s = (ms: number) => ms / 1000;
  return [
    figure(
      'audit.fullRebuild.1M',
      s(rebuildMs),
      's',
      s(baselineMs),
      GOAL_S,
      `TreeRebuilder over ${ENTRIES} leaf byte strings with ${sizes.length} anchored roots recorded (root ${root.slice(0, 16)}…); baseline = bare node:crypto hash(…,'binary') of each 0x00‖leaf`,
    ),
    figure(
      'audit.fullRebuildAndDecode.1M',
      s(withDecodeMs),
      's',
      s(baselineMs),
      GOAL_S,
      'as above plus decoding every leaf (the per-entry checks of --full need the fields), no HTTP',
    ),
  ];
}
