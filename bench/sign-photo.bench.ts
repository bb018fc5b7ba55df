/**
 * Signing a 12-megapixel JPEG end to end (file SHA-256, decode, raster digest, reference raster, PDQ + pHash, salted
 * tile tree, claim validation and an Ed25519 signature; no file writes), against sharp just decoding the same JPEG
 * to raw RGBA with the same pipeline (orient, sRGB, alpha). Goal: ≤ 2× the decode time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { generateKey } from '../core/crypto/keys.ts';
import { signClaim } from '../core/crypto/signature-entry.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { policyPreset } from '../core/policy/presets.ts';
import { analysePhoto } from '../signer/media/photo.ts';
import { photoClaim } from '../signer/sign.ts';
import { type BenchFigure, bestOf, figure, round } from './lib.ts';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = 3;

function photoLike(): Buffer {
  const px = Buffer.alloc(WIDTH * HEIGHT * 3);
  let x = 0x2545f491;
  for (let y = 0, p = 0; y < HEIGHT; y++) {
    for (let i = 0; i < WIDTH; i++, p += 3) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const blob = Math.sin(i / 300) * Math.cos(y / 250);
      px[p] = (120 + 90 * blob + (x & 15)) & 255;
      px[p + 1] = ((y >> 4) + 60 * blob + ((x >>> 8) & 15)) & 255;
      px[p + 2] = ((i + y) >> 5) & 255;
    }
  }
  return px;
}

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'provenant-bench-'));
  try {
    const file = join(dir, 'capture.jpg');
    await sharp(photoLike(), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(file);
    const key = generateKey('ed25519');
    const decode = await bestOf(RUNS, () =>
      sharp(file, { limitInputPixels: 100_000_000, failOn: 'truncated', sequentialRead: true })
        .rotate()
        .toColourspace('srgb')
        .ensureAlpha()
        .raw({ depth: 'uchar' })
        .toBuffer(),
    );
    const sign = await bestOf(RUNS, async () => {
      const analysis = await analysePhoto(file, { format: 'jpeg', mediaType: 'image/jpeg' }, randomBytes(32));
      const parsed = parseManifest({
        claim: photoClaim(analysis, policyPreset('news-strict'), { v: 1, createdAt: Date.now() }),
        signatures: [],
      });
      signClaim(parsed.claimDigest, key, 'capture', Date.now());
    });
    return [
      figure(
        'sign-photo-12mp',
        sign,
        'ms',
        decode,
        round(2 * decode),
        `${WIDTH}×${HEIGHT} q90 JPEG; baseline = sharp decode to RGBA; goal ≤ 2× decode`,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
