/**
 * The signer's per-photo pixel work on a synthetic 12-megapixel (4000×3000) RGBA capture: raster digest, reference
 * raster (area downscale to 1024×768), PDQ + pHash of that reference (claimFingerprints), and the salted tile tree
 * (192 tiles). Baseline: one
 * plain core SHA-256 (@noble/hashes) over the same RGBA bytes. Goal 600 ms (informational; the signer's real goal is
 * at most 2× sharp's decode time of a 12-MP JPEG). A second figure injects node:crypto's SHA-256 into the raster
 * digest and the tile tree, as the Node signer can; a third compares that with sharp decoding the same picture as
 * a q90 JPEG.
 */
import { createHash, hash } from 'node:crypto';
import sharp from 'sharp';
import { sha256 } from '../core/hash.ts';
import { buildTileTree, claimFingerprints, rasterDigest, referenceRaster } from '../core/image/index.ts';
import type { StreamingSha256 } from '../core/image/raster-digest.ts';
import type { RgbaImage } from '../core/image/rgba.ts';
import { type Sha256, sha256FromLatin1Digest } from '../core/merkle/index.ts';
import { type BenchFigure, bestOf, figure } from './lib.ts';

const WIDTH = 4000;
const HEIGHT = 3000;
const GOAL_MS = 600;
const RUNS = 3;

/** Opaque pixels with smooth structure plus noise (the content does not change the cost). */
function syntheticCapture(): RgbaImage {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  let x = 0x2545f491;
  for (let y = 0, p = 0; y < HEIGHT; y++) {
    for (let i = 0; i < WIDTH; i++, p += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      data[p] = ((i >> 3) + (x & 15)) & 255;
      data[p + 1] = ((y >> 3) + ((x >>> 8) & 15)) & 255;
      data[p + 2] = ((i + y) >> 4) & 255;
      data[p + 3] = 255;
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

const seed = new Uint8Array(32).fill(7);
const nodeSha256 = (): StreamingSha256 => {
  const h = createHash('sha256');
  return { update: (d) => h.update(d), digest: () => new Uint8Array(h.digest()) };
};

const nodeOneShot: Sha256 = sha256FromLatin1Digest((d) => hash('sha256', d, 'binary'));

function pipeline(img: RgbaImage, node = false) {
  const digest = rasterDigest(img, node ? nodeSha256 : undefined);
  const ref = referenceRaster(img);
  const fingerprints = claimFingerprints(img, ref);
  const tiles = buildTileTree(ref, seed, node ? nodeOneShot : undefined);
  return { digest, fingerprints, root: tiles.root };
}

export async function run(): Promise<BenchFigure[]> {
  const img = syntheticCapture();
  // Both configurations must agree before anything is timed.
  const a = pipeline(img);
  const b = pipeline(img, true);
  if (Buffer.compare(a.digest, b.digest) !== 0 || Buffer.compare(a.root, b.root) !== 0) {
    throw new Error('noble and node:crypto raster digests or tile roots disagree');
  }
  const baseline = await bestOf(RUNS, () => sha256(img.data));
  const reference = referenceRaster(img);
  const parts = {
    digest: await bestOf(RUNS, () => rasterDigest(img)),
    digestNode: await bestOf(RUNS, () => rasterDigest(img, nodeSha256)),
    reference: await bestOf(RUNS, () => referenceRaster(img)),
    fingerprints: await bestOf(RUNS, () => claimFingerprints(img, reference)),
    tiles: await bestOf(RUNS, () => buildTileTree(reference, seed)),
    tilesNode: await bestOf(RUNS, () => buildTileTree(reference, seed, nodeOneShot)),
  };
  const core = await bestOf(RUNS, () => pipeline(img));
  const withNode = await bestOf(RUNS, () => pipeline(img, true));
  const jpeg = await sharp(img.data, { raw: { width: WIDTH, height: HEIGHT, channels: 4 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const decode = await bestOf(RUNS, () => sharp(jpeg).ensureAlpha().raw().toBuffer());
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    figure(
      'fingerprint.12mp.core',
      core,
      'ms',
      baseline,
      GOAL_MS,
      `raster digest ${ms(parts.digest)}, reference ${ms(parts.reference)}, PDQ+pHash ${ms(parts.fingerprints)}, tile tree ${ms(parts.tiles)}`,
    ),
    figure(
      'fingerprint.12mp.nodeSha256',
      withNode,
      'ms',
      baseline,
      GOAL_MS,
      `node:crypto SHA-256 injected: raster digest ${ms(parts.digestNode)}, tile tree ${ms(parts.tilesNode)}`,
    ),
    figure(
      'fingerprint.12mp.vsJpegDecode',
      withNode,
      'ms',
      decode,
      Math.round(2 * decode),
      `baseline: sharp decoding the picture as a ${(jpeg.length / 1e6).toFixed(1)} MB q90 JPEG; goal: 2× that`,
    ),
  ];
}
