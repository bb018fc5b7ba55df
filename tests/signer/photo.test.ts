import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, bytesToHex } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { referenceRaster } from '../../core/image/reference.ts';
import { buildTileTree } from '../../core/image/tile-tree.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { decodePhoto } from '../../signer/media/photo.ts';
import { readManifestSecret } from '../../signer/sidecars.ts';
import { codesOf, runCli } from './cli.ts';
import { type PhotoFormat, picture, tempDir, writePicture } from './fixtures.ts';

const { dir, cleanup } = tempDir();
const key = join(dir, 'camera.json');
afterAll(cleanup);
beforeAll(async () => {
  expect((await runCli(['keygen', '--name', 'Camera', '--kind', 'device', '--out', key])).code).toBe(0);
});

/** CRC-32 (ISO 3309, as PNG chunks use). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

async function verify(...args: string[]) {
  const r = await runCli(['verify', ...args, '--json']);
  return { code: r.code, codes: r.code === 2 ? [] : codesOf(r.stdout), stdout: r.stdout, stderr: r.stderr };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isProvenantError(e) ? e.code : String(e)).toBe(code);
    return;
  }
  expect.unreachable(`expected ${code}`);
}

describe('sign and verify photos', () => {
  const formats: PhotoFormat[] = ['jpeg', 'png', 'webp', 'avif', 'tiff'];
  for (const [i, format] of formats.entries()) {
    it(`${format}: signs, writes the manifest and 0600 secret, and verifies the untouched file`, async () => {
      const file = join(dir, `shot-${i}.${format}`);
      await writePicture(file, i % 2 ? 'texture' : 'gradient', format, { seed: i + 1 });
      const s = await runCli(['sign', file, '--key', key, '--json']);
      expect(s.code).toBe(0);
      const out = JSON.parse(s.stdout);
      expect(out.manifest).toBe(`${file}.provenant.json`);
      const parsed = parseManifest(readFileSync(out.manifest));
      expect(parsed.id).toBe(out.manifestId);
      expect(parsed.manifest.claim.kind).toBe('capture.photo');
      expect(parsed.manifest.signatures.map((e) => e.role)).toEqual(['capture']);
      expect(statSync(out.secret).mode & 0o777).toBe(0o600);
      const v = await verify(file);
      expect(v.code).toBe(0);
      expect(v.codes).toEqual(expect.arrayContaining(['claim.valid', 'binding.file.match', 'signature.valid']));
      expect(JSON.parse(v.stdout).state).toBe('valid-untrusted');
    });
  }

  it('commits to a reference raster and tile tree a holder of the secret seed can rebuild', async () => {
    const file = join(dir, 'big.jpg');
    await writePicture(file, 'text', 'jpeg', { width: 1600, height: 900, seed: 7 });
    expect((await runCli(['sign', file, '--key', key])).code).toBe(0);
    const manifestPath = `${file}.provenant.json`;
    const { manifest, id } = parseManifest(readFileSync(manifestPath));
    if (manifest.claim.kind !== 'capture.photo') throw new Error('expected a photo claim');
    const ref = manifest.claim.asset.reference;
    expect([ref.width, ref.height, ref.cols, ref.rows]).toEqual([1024, 576, 16, 9]);
    const secret = await readManifestSecret(manifestPath);
    expect(secret.manifestId).toBe(id);
    const { image } = await decodePhoto(file);
    const tree = buildTileTree(referenceRaster(image), secret.tileSeed);
    expect(bytesToHex(tree.root)).toBe(ref.tileRoot);
    const wrongSeed = buildTileTree(referenceRaster(image), new Uint8Array(32));
    expect(bytesToHex(wrongSeed.root)).not.toBe(ref.tileRoot);
  });

  describe('binding levels', () => {
    let original: string;
    let manifest: string;
    beforeAll(async () => {
      original = join(dir, 'scene.jpg');
      await writePicture(original, 'texture', 'jpeg', { width: 640, height: 480, seed: 11 });
      expect((await runCli(['sign', original, '--key', key])).code).toBe(0);
      manifest = `${original}.provenant.json`;
    });

    it('a JPEG re-encoded at quality 60 is reported re-encoded (fingerprint close), exit 0', async () => {
      const copy = join(dir, 'scene-q60.jpg');
      await sharp(original).jpeg({ quality: 60 }).toFile(copy);
      const v = await verify(copy, '--manifest', manifest);
      expect(v.code).toBe(0);
      expect(v.codes).toContain('binding.fingerprint.close');
      expect(v.codes).not.toContain('binding.file.match');
      expect(JSON.parse(v.stdout).state).toBe('valid-untrusted');
    });

    it('the same pixels in another container are a pixel match', async () => {
      const copy = join(dir, 'scene-lossless.png');
      await sharp(original).png({ compressionLevel: 9 }).toFile(copy);
      const v = await verify(copy, '--manifest', manifest);
      expect(v.code).toBe(0);
      expect(v.codes).toContain('binding.pixels.match');
    });

    it('tampered pixels fail with a binding code, exit 1', async () => {
      const raw = picture('texture', 640, 480, 11);
      for (let y = 120; y < 360; y++) {
        for (let x = 160; x < 480; x++) raw.fill(15, (y * 640 + x) * 3, (y * 640 + x) * 3 + 3);
      }
      const tampered = join(dir, 'scene-tampered.jpg');
      await sharp(raw, { raw: { width: 640, height: 480, channels: 3 } })
        .jpeg({ quality: 92 })
        .toFile(tampered);
      const v = await verify(tampered, '--manifest', manifest);
      expect(v.code).toBe(1);
      expect(v.codes).toContain('binding.fingerprint.far');
      expect(JSON.parse(v.stdout).state).toBe('invalid');
    });

    it('a stretched copy (aspect ratio changed) is not the same picture', async () => {
      const stretched = join(dir, 'scene-stretched.jpg');
      await sharp(original).resize(640, 360, { fit: 'fill' }).jpeg({ quality: 90 }).toFile(stretched);
      const v = await verify(stretched, '--manifest', manifest);
      expect(v.code).toBe(1);
      expect(v.codes).toContain('binding.fingerprint.far');
    });

    it('a truncated copy of the signed file is a file mismatch, exit 1', async () => {
      const cut = join(dir, 'scene-cut.jpg');
      const bytes = readFileSync(original);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const v = await verify(cut, '--manifest', manifest);
      expect(v.code).toBe(1);
      expect(v.codes).toContain('binding.file.mismatch');
    });

    it('verifying the manifest alone finds the media next to it', async () => {
      const v = await verify(manifest);
      expect(v.code).toBe(0);
      expect(v.codes).toContain('binding.file.match');
    });
  });

  describe('forgery', () => {
    let file: string;
    let manifestText: string;
    beforeAll(async () => {
      file = join(dir, 'forge.png');
      await writePicture(file, 'flat-shapes', 'png', { seed: 3 });
      expect((await runCli(['sign', file, '--key', key])).code).toBe(0);
      manifestText = readFileSync(`${file}.provenant.json`, 'utf8');
    });

    it('a forged signature fails with signature.invalid, exit 1', async () => {
      const m = JSON.parse(manifestText);
      const sig = base64urlToBytes(m.signatures[0].sig);
      sig[10] = (sig[10] as number) ^ 0x40;
      m.signatures[0].sig = bytesToBase64url(sig);
      const forged = join(dir, 'forged-sig.json');
      writeFileSync(forged, JSON.stringify(m));
      const v = await verify(file, '--manifest', forged);
      expect(v.code).toBe(1);
      expect(v.codes).toContain('signature.invalid');
    });

    it('an edited claim no longer matches its signature', async () => {
      const m = JSON.parse(manifestText);
      m.claim.policy = {};
      const edited = join(dir, 'edited-claim.json');
      writeFileSync(edited, JSON.stringify(m));
      const v = await verify(file, '--manifest', edited);
      expect(v.code).toBe(1);
      expect(v.codes).toContain('signature.invalid');
    });

    it('a signature copied from another key fails as keyMismatch', async () => {
      const other = join(dir, 'other.json');
      expect((await runCli(['keygen', '--name', 'Other', '--kind', 'person', '--out', other])).code).toBe(0);
      const m = JSON.parse(manifestText);
      m.signatures[0].keyId = JSON.parse(readFileSync(other, 'utf8')).keyId;
      const swapped = join(dir, 'swapped.json');
      writeFileSync(swapped, JSON.stringify(m));
      const v = await verify(file, '--manifest', swapped);
      expect(v.code).toBe(1);
      expect(v.codes).toContain('signature.keyMismatch');
    });

    it('a malformed manifest is reported as claim.malformed, exit 1', async () => {
      const m = JSON.parse(manifestText);
      m.claim.asset.sha256 = 'XYZ';
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, JSON.stringify(m));
      const v = await verify(file, '--manifest', broken);
      expect(v.code).toBe(1);
      expect(v.codes).toEqual(['claim.malformed']);
    });
  });

  describe('hostile and unsupported input', () => {
    it('a truncated JPEG is media.corrupt (sign exits 2)', async () => {
      const whole = join(dir, 'whole.jpg');
      await writePicture(whole, 'texture', 'jpeg', { seed: 5 });
      const bytes = readFileSync(whole);
      const cut = join(dir, 'truncated.jpg');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await expectCode(decodePhoto(cut), 'media.corrupt');
      const r = await runCli(['sign', cut, '--key', key]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('media.corrupt');
    });

    it('a decompression-bomb PNG (huge declared dimensions) is media.tooLarge before decoding', async () => {
      // A tiny valid PNG whose header then declares 40000 × 40000 pixels (6.4 GB as RGBA).
      const bomb = join(dir, 'bomb.png');
      const png = Buffer.from(
        await sharp(picture('gradient', 8, 8), { raw: { width: 8, height: 8, channels: 3 } })
          .png()
          .toBuffer(),
      );
      png.writeUInt32BE(40000, 16);
      png.writeUInt32BE(40000, 20);
      png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
      writeFileSync(bomb, png);
      await expectCode(decodePhoto(bomb), 'media.tooLarge');
      const r = await runCli(['sign', bomb, '--key', key]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('media.tooLarge');
    });

    it('an unknown format is media.unsupported', async () => {
      const txt = join(dir, 'notes.jpg');
      writeFileSync(txt, 'this is not a picture at all');
      const r = await runCli(['sign', txt, '--key', key]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('media.unsupported');
    });

    it('a garbage body behind a JPEG header is media.corrupt', async () => {
      const junk = join(dir, 'junk.jpg');
      writeFileSync(junk, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]));
      await expectCode(decodePhoto(junk), 'media.corrupt');
    });

    it('verify without a manifest is a usage error (exit 2)', async () => {
      const lonely = join(dir, 'lonely.png');
      await writePicture(lonely, 'gradient', 'png');
      expect((await runCli(['verify', lonely])).code).toBe(2);
    });
  });
});
