/**
 * The demo seed: deterministic bytes, and every demo item's verdict once submitted to a real in-process API
 * (PGlite in memory) and checked with the signer's own verifier.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Service, startService } from '../../api/service.ts';
import { type DemoManifest, demoSite, produceDemo, seedDemo, submitDemo } from '../../seeds/index.ts';
import { seedMain } from '../../seeds/seed.ts';
import { testConfig } from '../api/backends.ts';
import { codesOf, runCli } from '../signer/cli.ts';

const ADMIN_TOKEN = 'demo-admin-token-for-tests-only';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function digestTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir)) {
    out.set(
      f,
      createHash('sha256')
        .update(await readFile(join(dir, f)))
        .digest('hex'),
    );
  }
  return out;
}

let dirA: string;
let dirB: string;
let demo: DemoManifest;
let service: Service;
let server: ReturnType<typeof serve>;
let apiUrl: string;
let seedExit: number;

// Run A is produced offline; run B is `npm run seed`'s entry point against a real in-process API (PGlite in memory).
beforeAll(async () => {
  service = await startService(testConfig({ ADMIN_TOKEN }), { pgliteDir: 'memory://', integrate: false });
  await new Promise<void>((ready) => {
    server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready());
  });
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dirA = await mkdtemp(join(tmpdir(), 'provenant-demo-a-'));
  dirB = await mkdtemp(join(tmpdir(), 'provenant-demo-b-'));
  demo = await produceDemo(dirA);
  seedExit = await seedMain(['--api', apiUrl, '--admin-token', ADMIN_TOKEN, '--data-dir', dirB]);
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  await service.close();
  await rm(dirA, { recursive: true, force: true });
  await rm(dirB, { recursive: true, force: true });
});

describe('demo content', () => {
  it('is byte-for-byte the same on every run: keys, media, manifests and sidecars', async () => {
    const a = await digestTree(dirA);
    const b = await digestTree(dirB);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a).toEqual(b);
    const files = [...a.keys()];
    expect(files.filter((f) => f.startsWith('keys/'))).toHaveLength(7);
    for (const item of [demo.photo.capture, demo.photo.published, demo.photo.tampered, demo.podcast.audio]) {
      expect(files).toContain(item.path);
      expect(files).toContain(item.manifestPath);
    }
  });

  it('refuses to produce into a directory that holds something else', async () => {
    const other = await mkdtemp(join(tmpdir(), 'provenant-not-a-demo-'));
    await writeFile(join(other, 'notes.txt'), 'mine');
    await expect(produceDemo(other)).rejects.toMatchObject({ code: 'input.invalid' });
    expect(await listFiles(other)).toEqual(['notes.txt']);
    await rm(other, { recursive: true, force: true });
  });

  it('names every demo key as TEST-ONLY', () => {
    for (const k of Object.values(demo.keys)) expect(k.name).toMatch(/\(TEST-ONLY demo key\)$/);
  });
});

describe('demo verdicts', () => {
  const at = (p: string) => join(dirA, p);
  const trustArgs = () => ['--trust', at(demo.trustPath), '--json'];

  it('`npm run seed` submitted everything; submitting the same demo again adds nothing', async () => {
    expect(seedExit).toBe(0);
    const again = await submitDemo(demo, dirA, { apiUrl, adminToken: ADMIN_TOKEN });
    expect(again.created).toBe(0);
    // 7 keys, 5 manifests, 2 co-signatures (recording and transcript), 3 quotes.
    expect(again.existing).toBe(7 + 5 + 2 + 3);
  });

  it('a restart can reuse the produced demo: nothing is rewritten, everything is still logged', async () => {
    // Producing replaces the demo's directories, so a marker left in one survives only if nothing was produced.
    const marker = at('public/reuse-marker.txt');
    await writeFile(marker, 'left alone');
    const reused = await seedDemo({ apiUrl, dataDir: dirA, adminToken: ADMIN_TOKEN, reuse: true });
    expect(reused).toEqual(demo);
    expect(await readFile(marker, 'utf8')).toBe('left alone');
    await rm(marker);
  });

  it('refuses the org root keys without the admin token', async () => {
    const res = await fetch(`${apiUrl}/v1/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: await readFile(at(demo.keys.maker.path), 'utf8').then((t) => JSON.stringify(JSON.parse(t).statement)),
    });
    expect(res.status).toBe(401);
  });

  it('the camera capture is valid and its device key is endorsed by the maker', async () => {
    const r = await runCli(['verify', at(demo.photo.capture.path), ...trustArgs()]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { state: string; identities: { keyId: string; chain: string[] }[] };
    expect(report.state).toBe('valid');
    expect(codesOf(r.stdout)).toContain('identity.trusted');
    const camera = report.identities.find((i) => i.keyId === demo.keys.camera.keyId);
    expect(camera?.chain).toEqual([demo.keys.camera.keyId, demo.keys.maker.keyId]);
  });

  it('the published crop + colour adjustment is valid, endorsed, and within the capture policy', async () => {
    const r = await runCli(['verify', at(demo.photo.published.path), ...trustArgs()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).state).toBe('valid');
    const codes = codesOf(r.stdout);
    expect(codes).toContain('binding.file.match');
    expect(codes).toContain('identity.trusted');
    expect(codes).toContain('transform.chain.ok');
    expect(codes.some((c) => c.startsWith('policy.') && !c.endsWith('.ok'))).toBe(false);
  });

  it('the CDN copy is a re-encode consistent with the published photo', async () => {
    const manifest = at(demo.photo.published.manifestPath);
    const r = await runCli(['verify', at(demo.photo.cdn.path), '--manifest', manifest, ...trustArgs()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).state).toBe('valid-partial');
    expect(codesOf(r.stdout)).toContain('binding.fingerprint.close');
  });

  it('the tampered copy fails: a signed edit of the capture whose recipe does not replay to its pixels', async () => {
    const manifest = at(demo.photo.published.manifestPath);
    const r = await runCli(['verify', at(demo.photo.tampered.path), '--manifest', manifest, ...trustArgs()]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).state).toBe('invalid');
  });

  it('the tampered copy with its own manifest: valid signature, untrusted signer, policy ok, local edit', async () => {
    const r = await runCli(['verify', at(demo.photo.tampered.path), ...trustArgs()]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { state: string; manifestId: string; identities: { keyId: string }[] };
    expect(report.state).toBe('invalid');
    expect(report.manifestId).toBe(demo.photo.tampered.manifestId);
    const codes = codesOf(r.stdout);
    for (const code of [
      'binding.file.match',
      'signature.valid',
      'identity.untrusted',
      'transform.chain.ok',
      'policy.crop.ok',
      'policy.color.ok',
      'transform.replay.localEdit',
    ]) {
      expect(codes).toContain(code);
    }
    expect(codes.some((c) => c.startsWith('policy.') && !c.endsWith('.ok'))).toBe(false);
    expect(report.identities.map((i) => i.keyId)).toContain(demo.keys.viral.keyId);
    expect(demo.photo.tampered.claimsParent).toBe(demo.photo.capture.manifestId);
    const res = await fetch(`${apiUrl}/v1/manifests/${demo.photo.tampered.manifestId}`);
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });

  it('the episode is co-signed by host and guest, 2 of 2, locally and on the API', async () => {
    const r = await runCli(['verify', at(demo.podcast.audio.path), ...trustArgs()]);
    expect(r.code).toBe(0);
    expect(codesOf(r.stdout)).toContain('cosign.complete');
    const res = await fetch(`${apiUrl}/v1/manifests/${demo.podcast.audio.manifestId}`);
    expect(res.status).toBe(200);
    const stored = (await res.json()) as { status: { cosigning: { code: string }[] }; signatures: unknown[] };
    expect(stored.signatures).toHaveLength(2);
    expect(stored.status.cosigning.map((e) => e.code)).toContain('cosign.complete');
  });

  it('the transcript is bound to the recording and co-signed 2 of 2', async () => {
    const transcript = demo.podcast.transcript;
    expect(transcript).not.toBeNull();
    const r = await runCli(['verify', at(transcript?.manifestPath ?? ''), ...trustArgs()]);
    expect(r.code).toBe(0);
    const codes = codesOf(r.stdout);
    expect(codes).toContain('binding.recording.ok');
    expect(codes).toContain('cosign.complete');
  });

  it('each attested quote verifies as exact, offline and as the API finds it', async () => {
    expect(demo.quotes).toHaveLength(3);
    expect(demo.quotes.some((q) => q.text.includes('…'))).toBe(true);
    for (const q of demo.quotes) {
      const r = await runCli(['verify', at(q.manifestPath), ...trustArgs()]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).state).toBe('valid');
      expect(codesOf(r.stdout)).toContain('quote.exact');
      const res = await fetch(`${apiUrl}/v1/quotes?text=${encodeURIComponent(q.text)}`);
      expect(res.status).toBe(200);
      const found = (await res.json()) as { quotes: { id: string; match: string }[] };
      expect(found.quotes).toContainEqual(expect.objectContaining({ id: q.manifestId, match: 'exact' }));
    }
  });

  it('the misquote fails, and the API has no attestation of its words', async () => {
    const misquote = demo.misquote;
    expect(misquote).not.toBeNull();
    const r = await runCli(['verify', at(misquote?.manifestPath ?? ''), ...trustArgs()]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { state: string; entries: { kind: string; dimension: string }[] };
    expect(report.state).toBe('invalid');
    expect(report.entries.some((e) => e.dimension === 'quote' && e.kind === 'failure')).toBe(true);
    const res = await fetch(`${apiUrl}/v1/quotes?text=${encodeURIComponent(misquote?.text ?? '')}`);
    expect(res.status).toBe(200);
    const found = (await res.json()) as { quotes: { match: string }[] };
    expect(found.quotes.filter((q) => q.match === 'exact')).toEqual([]);
  });

  it('the unsigned picture has no manifest, locally or on the API', async () => {
    const files = await listFiles(dirA);
    expect(files.filter((f) => f.startsWith(demo.photo.unsigned.path))).toEqual([demo.photo.unsigned.path]);
    const sha = createHash('sha256')
      .update(await readFile(at(demo.photo.unsigned.path)))
      .digest('hex');
    const res = await fetch(`${apiUrl}/v1/manifests?sha256Prefix=${sha.slice(0, 8)}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { manifests: unknown[] }).manifests).toEqual([]);
  });
});

describe('demo site', () => {
  const site = () => new Hono().route('/demo', demoSite({ dataDir: dirA }));

  it('serves the article page, self-contained', async () => {
    const res = await site().request('/demo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    for (const item of [demo.photo.published, demo.photo.cdn, demo.photo.tampered, demo.photo.unsigned]) {
      expect(page).toContain(`src="/demo/media/${item.path.split('/').pop()}"`);
    }
    expect(page).toContain('<audio');
    expect(page).toContain('href="/verify"');
    expect(page).not.toMatch(/(src|href)="https?:/);
  });

  it('serves the demo trust list: the maker and the newsroom as roots', async () => {
    const res = await site().request('/demo/trust.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const trust = (await res.json()) as { roots: string[] };
    expect(trust.roots).toEqual([demo.keys.maker.keyId, demo.keys.newsroom.keyId]);
  });

  it('redirects the mount path with a trailing slash to the page', async () => {
    const res = await site().request('/demo/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/demo');
  });

  it('serves the demo media with their content types, and byte ranges for the player', async () => {
    for (const item of [demo.photo.published, demo.photo.cdn, demo.podcast.audio]) {
      const res = await site().request(`/demo/media/${item.path.split('/').pop()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(item.mediaType);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(await readFile(join(dirA, item.path))));
    }
    const name = demo.podcast.audio.path.split('/').pop();
    const ranged = await site().request(`/demo/media/${name}`, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
  });

  it('serves nothing else from the data directory', async () => {
    for (const path of [demo.keys.camera.path, demo.photo.capture.path, demo.photo.published.manifestPath]) {
      const res = await site().request(`/demo/media/${path.split('/').pop()}`);
      expect(res.status).toBe(404);
    }
    expect((await site().request('/demo/media/..%2Fdemo.json')).status).toBe(404);
  });
});
