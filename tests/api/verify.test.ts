import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { createKeyFile, deriveImage, type LoadedKey, signCapture } from '../../signer/index.ts';
import { writePicture } from '../signer/fixtures.ts';
import { describeBackends } from './backends.ts';
import { T0 } from './fixtures.ts';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

interface VerifyBody {
  candidates: Array<{ id: string; match: string }>;
  manifestId: string | null;
  report: { state: string; entries: Array<{ code: string }> };
  error?: { code: string };
}

describeBackends('POST /v1/verify', (backend) => {
  let svc: Service;
  let dir: string;
  let photo: Uint8Array;
  let manifestId: string;
  let file: string;
  let editor: LoadedKey;
  const upload = async (body: BodyInit, headers: Record<string, string> = {}) => {
    const res = await svc.app.request('/v1/verify', { method: 'POST', body, headers });
    return { status: res.status, body: (await res.json()) as VerifyBody };
  };
  const codes = (b: VerifyBody) => b.report.entries.map((e) => e.code);

  beforeAll(async () => {
    svc = await backend.start({ ADMIN_TOKEN, VERIFY_BODY_LIMIT_BYTES: String(1 << 20) });
    dir = await mkdtemp(join(tmpdir(), 'provenant-api-verify-'));
    const org = await createKeyFile({ alg: 'ed25519', subject: { name: 'Example News', kind: 'org' }, issuedAt: T0 });
    const camera: LoadedKey = await createKeyFile({
      alg: 'ed25519',
      subject: { name: 'Field Camera 7', kind: 'device' },
      issuedAt: T0 + 1,
      endorser: org,
    });
    for (const [key, admin] of [
      [org, true],
      [camera, false],
    ] as const) {
      const res = await svc.app.request('/v1/keys', {
        method: 'POST',
        body: JSON.stringify(key.file.statement),
        headers: admin ? { Authorization: `Bearer ${ADMIN_TOKEN}` } : {},
      });
      expect(res.status).toBe(201);
    }
    editor = await createKeyFile({ alg: 'ed25519', subject: { name: 'Photo Desk', kind: 'person' }, issuedAt: T0 + 2 });
    file = join(dir, 'photo.jpg');
    await writePicture(file, 'texture', 'jpeg', { width: 640, height: 480, seed: 11 });
    const signed = await signCapture({ file, signer: camera, now: () => T0 + 1000 });
    manifestId = signed.manifestId;
    const res = await svc.app.request('/v1/manifests', {
      method: 'POST',
      body: (await readFile(signed.manifestPath)) as unknown as BodyInit,
    });
    expect(res.status).toBe(201);
    photo = new Uint8Array(await readFile(file));
  });
  afterAll(async () => {
    await svc?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports the exact file (raw body): bound by its bytes, signature valid, signer known but not trusted here', async () => {
    const r = await upload(photo as unknown as BodyInit, { 'content-type': 'image/jpeg' });
    expect(r.status).toBe(200);
    expect(r.body.manifestId).toBe(manifestId);
    expect(r.body.candidates[0]?.match).toBe('file');
    expect(codes(r.body)).toEqual(
      expect.arrayContaining(['binding.file.match', 'signature.valid', 'identity.untrusted']),
    );
    expect(r.body.report.state).toBe('valid-untrusted');
  });

  it('finds a lossless re-encode by its pixels (multipart form upload)', async () => {
    const png = await sharp(photo).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)]), 'copy.png');
    const r = await upload(form);
    expect(r.status).toBe(200);
    expect(r.body.candidates[0]?.match).toBe('pixels');
    expect(codes(r.body)).toContain('binding.pixels.match');
  });

  it('finds a lossy re-encode by its fingerprint and says it is only perceptually bound', async () => {
    const jpeg = await sharp(photo).jpeg({ quality: 60 }).toBuffer();
    const r = await upload(new Uint8Array(jpeg) as unknown as BodyInit);
    expect(r.status).toBe(200);
    expect(r.body.candidates[0]?.match).toBe('fingerprint');
    expect(codes(r.body)).toContain('binding.fingerprint.close');
  });

  it('says no provenance was found for an unrelated file, without calling it anything else', async () => {
    const r = await upload(new TextEncoder().encode('just some text, not a logged file') as unknown as BodyInit);
    expect(r.status).toBe(200);
    expect(r.body.manifestId).toBeNull();
    expect(r.body.report.state).toBe('no-provenance');
    expect(codes(r.body)).toEqual(['provenance.none']);
  });

  it('verifies an edited copy against its logged parent: chain, policy and replay from the log', async () => {
    const derived = await deriveImage({
      file,
      manifest: `${file}.provenant.json`,
      editor,
      recipe: (w, h) => [
        { op: 'crop', x: Math.round(w * 0.1), y: Math.round(h * 0.1), w: Math.round(w * 0.8), h: Math.round(h * 0.8) },
        { op: 'encode', format: 'jpeg', quality: 90 },
      ],
      out: join(dir, 'cropped.jpg'),
      now: () => T0 + 2000,
    });
    const submitted = await svc.app.request('/v1/manifests', {
      method: 'POST',
      body: (await readFile(derived.manifestPath)) as unknown as BodyInit,
    });
    expect(submitted.status).toBe(201);
    const r = await upload(new Uint8Array(await readFile(derived.outPath)) as unknown as BodyInit);
    expect(r.status).toBe(200);
    expect(r.body.manifestId).toBe(derived.manifestId);
    expect(codes(r.body)).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'transform.chain.ok',
        'policy.crop.ok',
        'transform.replay.consistent',
      ]),
    );
    expect(r.body.report.state).toBe('valid-untrusted');
  });

  it('refuses empty and oversized uploads and multipart without a file field', async () => {
    const empty = await upload(new Uint8Array(0) as unknown as BodyInit);
    expect(empty.status).toBe(400);
    expect(empty.body.error?.code).toBe('input.invalid');
    const big = await upload(new Uint8Array((1 << 20) + 1) as unknown as BodyInit);
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('input.tooLarge');
    const form = new FormData();
    form.append('other', 'x');
    const noFile = await upload(form);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error?.code).toBe('input.invalid');
  });
});
