/**
 * `provenant derive` and `verify` of derivatives through the CLI, on generated photos: honest edits (also
 * re-encoded at quality 60 and edited again), refusals by the parent's policy, and each tampering class with its
 * own code.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { sha256Hex } from '../../signer/derive/hash.ts';
import { loadKeyFile } from '../../signer/keyfile.ts';
import { decodePhoto, photoHashes } from '../../signer/media/photo.ts';
import { codesOf, runCli } from './cli.ts';
import { tempDir, writePicture } from './fixtures.ts';

const { dir, cleanup } = tempDir('provenant-derive-');
afterAll(cleanup);

const camera = join(dir, 'camera.json');
const editor = join(dir, 'editor.json');
const photo = join(dir, 'photo.jpg');
const manifest = `${photo}.provenant.json`;

async function verify(...args: string[]) {
  const r = await runCli(['verify', ...args, '--json']);
  expect(r.code === 2 ? r.stderr : '').toBe('');
  return { code: r.code, codes: codesOf(r.stdout) };
}

async function derive(out: string, ...args: string[]) {
  return runCli(['derive', photo, '--manifest', manifest, '--key', editor, '--out', join(dir, out), '--json', ...args]);
}

/** A lying editor: keeps a derivative's claim (its recipe) but signs the hashes of another picture. */
async function forge(manifestPath: string, shownPath: string, out: string): Promise<string> {
  const parsed = parseManifest(readFileSync(manifestPath));
  const bytes = new Uint8Array(readFileSync(shownPath));
  const hashes = photoHashes((await decodePhoto(bytes)).image);
  const claim = {
    ...parsed.manifest.claim,
    asset: {
      ...(parsed.manifest.claim as { asset: object }).asset,
      byteLength: bytes.length,
      sha256: sha256Hex(bytes),
      raster: hashes.raster,
      fingerprints: hashes.fingerprints,
    },
  };
  const forged = parseManifest({ claim, signatures: [] });
  const key = await loadKeyFile(editor);
  const entry = signClaim(forged.claimDigest, key.key, 'editor', Date.now());
  const outPath = join(dir, out);
  copyFileSync(shownPath, outPath);
  writeFileSync(`${outPath}.provenant.json`, JSON.stringify({ claim: forged.manifest.claim, signatures: [entry] }));
  copyFileSync(`${manifestPath}.parents.json`, `${outPath}.provenant.json.parents.json`);
  return outPath;
}

async function editPixels(from: string, to: string, edit: (d: Uint8Array, w: number, h: number) => void) {
  const { data, info } = await sharp(from).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(data);
  edit(px, info.width, info.height);
  await sharp(px, { raw: { width: info.width, height: info.height, channels: 4 } })
    .jpeg({ quality: 90 })
    .toFile(join(dir, to));
  return join(dir, to);
}

beforeAll(async () => {
  for (const [path, name] of [
    [camera, 'camera'],
    [editor, 'photo desk'],
  ] as const) {
    expect((await runCli(['keygen', '--name', name, '--kind', 'person', '--out', path])).code).toBe(0);
  }
  await writePicture(photo, 'gradient', 'jpeg', { width: 640, height: 480, seed: 7 });
  expect((await runCli(['sign', photo, '--key', camera, '--policy', 'news-standard'])).code).toBe(0);
});

describe('derive an honest edit', () => {
  it('crop + colour + redact re-encoded: verifies with chain, policy and replay', async () => {
    const r = await derive(
      'crop.jpg',
      ...['--crop', '60,40,520,400', '--brightness', '1.1', '--saturation', '1.15', '--redact', '20,20,40,30'],
      ...['--quality', '85'],
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.recipe.map((o: { op: string }) => o.op)).toEqual(['crop', 'adjust', 'redact', 'encode']);
    expect(out.revealedTiles).toBeGreaterThan(0);
    const v = await verify(join(dir, 'crop.jpg'));
    expect(v.code).toBe(0);
    expect(v.codes).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'signature.valid',
        'transform.chain.ok',
        'policy.crop.ok',
        'policy.color.ok',
        'policy.redact.ok',
        'policy.encode.ok',
        'transform.replay.consistent',
      ]),
    );
  });

  it('re-encoded again at JPEG quality 60 it is reported re-encoded and replay-consistent (exit 0)', async () => {
    const q60 = join(dir, 'crop-q60.jpg');
    await sharp(join(dir, 'crop.jpg')).jpeg({ quality: 60 }).toFile(q60);
    const v = await verify(q60, '--manifest', join(dir, 'crop.jpg.provenant.json'));
    expect(v.code).toBe(0);
    expect(v.codes).toEqual(expect.arrayContaining(['binding.fingerprint.close', 'transform.replay.consistent']));
  });

  it('a derivative of the derivative chains back to the capture', async () => {
    const r = await runCli([
      ...['derive', join(dir, 'crop.jpg'), '--manifest', join(dir, 'crop.jpg.provenant.json')],
      ...['--key', editor, '--rotate', '90', '--format', 'webp', '--quality', '80', '--out', join(dir, 'turned.webp')],
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = await verify(join(dir, 'turned.webp'));
    expect(v.code).toBe(0);
    expect(v.codes).toEqual(
      expect.arrayContaining(['transform.chain.ok', 'policy.orient.ok', 'transform.replay.consistent']),
    );
    expect(v.codes.filter((c) => c.startsWith('policy.'))).toHaveLength(6);
  });

  it('finds the parent with --parent when the sidecars did not travel', async () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    copyFileSync(join(dir, 'crop.jpg'), join(elsewhere, 'crop.jpg'));
    copyFileSync(join(dir, 'crop.jpg.provenant.json'), join(elsewhere, 'crop.jpg.provenant.json'));
    const lost = await verify(join(elsewhere, 'crop.jpg'));
    expect(lost.code).toBe(1);
    expect(lost.codes).toContain('transform.parent.missing');
    const found = await verify(join(elsewhere, 'crop.jpg'), '--parent', manifest);
    expect(found.code).toBe(0);
    expect(found.codes).toContain('transform.chain.ok');
  });
});

describe('a full-frame edit of a square 1024-px picture', () => {
  it('cannot carry all 256 tiles in a manifest: it reveals none and the replay is skipped (exit 0)', async () => {
    const square = join(dir, 'square.png');
    await writePicture(square, 'texture', 'png', { width: 1024, height: 1024, seed: 3 });
    expect((await runCli(['sign', square, '--key', camera, '--policy', 'news-standard'])).code).toBe(0);
    const r = await runCli([
      ...['derive', square, '--manifest', `${square}.provenant.json`, '--key', editor],
      ...['--brightness', '1.05', '--out', join(dir, 'square-edit.jpg'), '--json'],
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.revealedTiles).toBe(0);
    expect(out.notes).toHaveLength(1);
    const v = await verify(join(dir, 'square-edit.jpg'));
    expect(v.code).toBe(0);
    expect(v.codes).toEqual(
      expect.arrayContaining(['transform.chain.ok', 'policy.color.ok', 'transform.replay.skipped']),
    );
  });
});

describe('the policy of the original', () => {
  it('refuses a crop that is too small, with the policy code (exit 1)', async () => {
    const r = await derive('tiny.jpg', '--crop', '0,0,200,150');
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('policy.refused');
    expect(err.details).toEqual(['chain/0/recipe/0: policy.crop.tooSmall']);
  });

  it('--force records it, and verify reports it (exit 1)', async () => {
    const r = await derive('forced.jpg', '--crop', '0,0,200,150', '--force');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).forced).toBe(true);
    const v = await verify(join(dir, 'forced.jpg'));
    expect(v.code).toBe(1);
    expect(v.codes).toContain('policy.crop.tooSmall');
    expect(v.codes).toContain('transform.replay.consistent');
  });

  it('refuses brightness outside the range and a downscale below the minimum long edge', async () => {
    const bright = await derive('bright.jpg', '--brightness', '1.6');
    expect(JSON.parse(bright.stdout).error.details).toEqual(['chain/0/recipe/0: policy.color.outOfRange']);
    const small = await derive('small.jpg', '--resize', '320');
    expect(JSON.parse(small.stdout).error.details).toEqual(['chain/0/recipe/0: policy.resize.tooSmall']);
  });

  it('refuses malformed flags and a corrupt picture with input or media codes (exit 2)', async () => {
    for (const flags of [
      ['--crop', '10,10,abc'],
      ['--crop', '600,0,100,100'],
      ['--rotate', '45'],
      ['--brightness', '-1'],
      ['--quality', '101'],
      ['--format', 'gif'],
    ]) {
      const r = await derive('bad.jpg', ...flags);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('input.invalid');
    }
    const corrupt = join(dir, 'corrupt.jpg');
    writeFileSync(corrupt, readFileSync(photo).subarray(0, 600));
    const r = await runCli(['derive', corrupt, '--manifest', manifest, '--key', editor, '--out', join(dir, 'c.jpg')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('media.corrupt');
  });

  it('refuses a picture that is not the parent (exit 2)', async () => {
    const other = join(dir, 'other.jpg');
    await writePicture(other, 'texture', 'jpeg', { width: 640, height: 480, seed: 8 });
    const r = await runCli(['derive', other, '--manifest', manifest, '--key', editor, '--out', join(dir, 'x.jpg')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('input.invalid');
  });
});

describe('tampering is caught, each with its own code (exit 1)', () => {
  let honest: string;
  beforeAll(async () => {
    expect((await derive('base.jpg', '--crop', '80,60,480,360', '--quality', '90')).code).toBe(0);
    honest = join(dir, 'base.jpg');
  });

  it('a dark box over 2 % of the picture', async () => {
    const boxed = await editPixels(honest, 'boxed.jpg', (d, w) => {
      for (let y = 150; y < 150 + 59; y++)
        for (let x = 200; x < 200 + 59; x++) d.fill(15, (y * w + x) * 4, (y * w + x) * 4 + 3);
    });
    const v = await verify(boxed, '--manifest', `${honest}.provenant.json`);
    expect(v.code).toBe(1);
    expect(v.codes).toContain('transform.replay.localEdit');
  });

  it('a local clone', async () => {
    const cloned = await editPixels(honest, 'cloned.jpg', (d, w) => {
      const src = d.slice();
      for (let y = 0; y < 70; y++) {
        d.set(src.subarray(((20 + y) * w + 20) * 4, ((20 + y) * w + 100) * 4), ((260 + y) * w + 360) * 4);
      }
    });
    const v = await verify(cloned, '--manifest', `${honest}.provenant.json`);
    expect(v.code).toBe(1);
    expect(v.codes).toContain('transform.replay.localEdit');
  });

  it('a recipe that lies about the brightness', async () => {
    expect((await derive('dark-claim.jpg', '--crop', '80,60,480,360', '--brightness', '0.9')).code).toBe(0);
    const shown = await editPixels(honest, 'really-darker.jpg', (d) => {
      for (let p = 0; p < d.length; p += 4)
        for (let c = 0; c < 3; c++) d[p + c] = Math.round((d[p + c] as number) * 0.6);
    });
    const liar = await forge(join(dir, 'dark-claim.jpg.provenant.json'), shown, 'liar-brightness.jpg');
    const v = await verify(liar);
    expect(v.code).toBe(1);
    expect(v.codes).toEqual(
      expect.arrayContaining(['binding.file.match', 'policy.color.ok', 'transform.replay.colorMismatch']),
    );
  });

  it('a recipe that lies about the crop offset', async () => {
    expect((await derive('shifted.jpg', '--crop', '120,60,480,360', '--quality', '90')).code).toBe(0);
    const liar = await forge(`${honest}.provenant.json`, join(dir, 'shifted.jpg'), 'liar-offset.jpg');
    const v = await verify(liar);
    expect(v.code).toBe(1);
    expect(v.codes).toContain('binding.file.match');
    expect(v.codes).toContain('transform.replay.geometryMismatch');
  });

  it('a forged editor signature', async () => {
    const text = JSON.parse(readFileSync(`${honest}.provenant.json`, 'utf8'));
    text.claim.recipe[0].x = 81;
    const path = join(dir, 'edited-claim.jpg');
    copyFileSync(honest, path);
    writeFileSync(`${path}.provenant.json`, JSON.stringify(text));
    copyFileSync(`${honest}.provenant.json.parents.json`, `${path}.provenant.json.parents.json`);
    const v = await verify(path);
    expect(v.code).toBe(1);
    expect(v.codes).toContain('signature.invalid');
  });
});
