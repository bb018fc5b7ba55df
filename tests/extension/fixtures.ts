/**
 * A real API in-process (PGlite in memory) with seeded keys and signed media, shared by the extension's unit tests
 * and the browser suite. Media are generated with sharp; manifests are made with the signer library.
 */

import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { parseConfig } from '../../api/config.ts';
import { type Service, startService } from '../../api/service.ts';
import { bytesToBase64url } from '../../core/bytes.ts';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { claimFingerprints } from '../../core/image/fingerprints.ts';
import type { ImageOp } from '../../core/image/ops.ts';
import { rasterDigestHex } from '../../core/image/raster-digest.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { buildTranscriptTree, proveQuote } from '../../core/transcript/index.ts';
import { createKeyFile, decodePhoto, deriveImage, type LoadedKey, signCapture } from '../../signer/index.ts';
import type { FetchLike } from '../../verifier-extension/src/verify/api-client.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const T0 = 1_780_000_000_000;

export interface Seeded {
  service: Service;
  dir: string;
  org: LoadedKey;
  camera: LoadedKey;
  /** A photo editor's key, endorsed by the org. */
  editor: LoadedKey;
  /** fetch straight into the Hono app: the real API without a socket. */
  fetch: FetchLike;
  close(): Promise<void>;
}

export async function startSeededApi(): Promise<Seeded> {
  const config = parseConfig({
    SERVICE_KEY: bytesToBase64url(new Uint8Array(32).fill(9)),
    LOG_LEVEL: 'silent',
    LOG_ORIGIN: 'test.provenant/log',
    DATA_DIR: '/nonexistent',
    ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const service = await startService(config, { pgliteDir: 'memory://', integrate: false });
  const dir = await mkdtemp(join(tmpdir(), 'provenant-ext-'));
  const org = await createKeyFile({ alg: 'ed25519', subject: { name: 'Example News', kind: 'org' }, issuedAt: T0 });
  const camera = await createKeyFile({
    alg: 'ed25519',
    subject: { name: 'Field Camera 7', kind: 'device' },
    issuedAt: T0 + 1,
    endorser: org,
  });
  const editor = await createKeyFile({
    alg: 'ed25519',
    subject: { name: 'Photo Desk', kind: 'person' },
    issuedAt: T0 + 2,
    endorser: org,
  });
  const fetch: FetchLike = async (url, init) => {
    const res = await service.app.request(url, {
      method: init?.method ?? 'GET',
      ...(init?.headers ? { headers: init.headers } : {}),
      ...(init?.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
    });
    return res;
  };
  const seeded: Seeded = {
    service,
    dir,
    org,
    camera,
    editor,
    fetch,
    async close() {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await registerKey(seeded, org, true);
  await registerKey(seeded, camera, false);
  await registerKey(seeded, editor, false);
  return seeded;
}

async function post(s: Seeded, path: string, body: Uint8Array, admin = false): Promise<unknown> {
  const res = await s.service.app.request(`http://api.test${path}`, {
    method: 'POST',
    body: body as Uint8Array<ArrayBuffer>,
    headers: { 'Content-Type': 'application/json', ...(admin ? { Authorization: `Bearer ${ADMIN_TOKEN}` } : {}) },
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function registerKey(s: Seeded, key: LoadedKey, admin: boolean): Promise<void> {
  await post(s, '/v1/keys', new TextEncoder().encode(JSON.stringify(key.file.statement)), admin);
}

/** Signs a file with the signer library and submits its manifest; returns the manifest id. */
export async function signAndSubmit(s: Seeded, file: string, key: LoadedKey = s.camera): Promise<string> {
  const signed = await signCapture({ file, signer: key, now: () => T0 + 1000 });
  await post(s, '/v1/manifests', await readFile(signed.manifestPath));
  return signed.manifestId;
}

export async function submitManifestFile(s: Seeded, manifestPath: string): Promise<void> {
  await post(s, '/v1/manifests', await readFile(manifestPath));
}

/** The photo desk's honest edit of a signed capture (`<file>.provenant.json`): crop to 80 %, a little brighter. */
export const HONEST_RECIPE = (w: number, h: number): ImageOp[] => [
  { op: 'crop', x: Math.round(w * 0.1), y: Math.round(h * 0.1), w: Math.round(w * 0.8), h: Math.round(h * 0.8) },
  { op: 'adjust', brightness: 1.1, contrast: 1.05, saturation: 0.95 },
  { op: 'encode', format: 'jpeg', quality: 90 },
];

export async function deriveAndSubmit(
  s: Seeded,
  capture: string,
  out: string,
  recipe: (w: number, h: number) => ImageOp[] = HONEST_RECIPE,
  force = false,
): Promise<{ manifestId: string; outPath: string; manifestPath: string }> {
  const r = await deriveImage({
    file: capture,
    manifest: `${capture}.provenant.json`,
    editor: s.editor,
    recipe,
    out,
    force,
    title: 'Cropped for the front page',
    now: () => T0 + 5000,
  });
  await submitManifestFile(s, r.manifestPath);
  return { manifestId: r.manifestId, outPath: r.outPath, manifestPath: r.manifestPath };
}

/**
 * A lying editor: derives honestly, then paints a dark box over part of the output and signs a derivative whose
 * output hashes are those of the edited file, with the same (now untrue) recipe. Only the replay can tell.
 */
export async function deriveTamperedAndSubmit(s: Seeded, capture: string, out: string): Promise<string> {
  const honest = await deriveImage({
    file: capture,
    manifest: `${capture}.provenant.json`,
    editor: s.editor,
    recipe: HONEST_RECIPE,
    out: `${out}.honest.jpg`,
    now: () => T0 + 6000,
  });
  const meta = await sharp(honest.outPath).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const box = await sharp({
    create: { width: Math.round(w * 0.3), height: Math.round(h * 0.3), channels: 3, background: '#101010' },
  })
    .png()
    .toBuffer();
  const bytes = await sharp(honest.outPath)
    .composite([{ input: box, left: Math.round(w * 0.35), top: Math.round(h * 0.35) }])
    .jpeg({ quality: 90 })
    .toBuffer();
  await writeFile(out, bytes);
  const image = (await decodePhoto(new Uint8Array(bytes))).image;
  const fp = claimFingerprints(image);
  const manifest = JSON.parse(await readFile(honest.manifestPath, 'utf8')) as { claim: Record<string, unknown> };
  const claim = { ...manifest.claim, title: 'Cropped for the front page (edited after)' } as Record<string, unknown>;
  claim.asset = {
    ...(claim.asset as object),
    byteLength: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    raster: { sha256: rasterDigestHex(image), width: image.width, height: image.height },
    fingerprints: { pdq: fp.pdq, phash: fp.phash },
  };
  const parsed = parseManifest({ claim, signatures: [] });
  const signed = { claim, signatures: [signClaim(parsed.claimDigest, s.editor.key, 'editor', T0 + 6001)] };
  const path = `${out}.provenant.json`;
  await writeFile(path, JSON.stringify(signed));
  await submitManifestFile(s, path);
  return parsed.id;
}

/** A deterministic photo-like RGB picture. */
export function photoPixels(width: number, height: number, seed: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const f1 = 2 + rnd() * 5;
  const f2 = 2 + rnd() * 5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const blob = Math.sin(f1 * 3 * u) * Math.cos(f2 * 2.5 * v);
      const i = (y * width + x) * 3;
      px[i] = Math.max(0, Math.min(255, Math.round(200 * u + 40 * blob + (rnd() - 0.5) * 8)));
      px[i + 1] = Math.max(0, Math.min(255, Math.round(220 * v - 50 * blob + (rnd() - 0.5) * 8)));
      px[i + 2] = Math.max(
        0,
        Math.min(255, Math.round(128 + 90 * Math.sin(f1 * u * Math.PI) * Math.cos(f2 * v * Math.PI))),
      );
    }
  }
  return px;
}

export async function writePhoto(
  dir: string,
  name: string,
  width: number,
  height: number,
  seed: number,
  format: 'jpeg' | 'png' = 'jpeg',
): Promise<string> {
  const path = join(dir, name);
  const img = sharp(photoPixels(width, height, seed), { raw: { width, height, channels: 3 } });
  await writeFile(path, await (format === 'jpeg' ? img.jpeg({ quality: 90 }) : img.png()).toBuffer());
  return path;
}

/** Same pixels, different bytes: decoded and re-written as PNG without any metadata. */
export async function rewrapAsPng(src: string, dest: string): Promise<string> {
  await writeFile(dest, await sharp(src).png({ compressionLevel: 9 }).toBuffer());
  return dest;
}

/** A lossy re-encode (new pixels): only the fingerprint can find it. */
export async function reencodeJpeg(src: string, dest: string, quality = 70): Promise<string> {
  await writeFile(dest, await sharp(src).jpeg({ quality }).toBuffer());
  return dest;
}

/** A recorded interview's transcript: two speakers, times in ms. */
export const INTERVIEW = [
  { i: 0, speaker: 'Host', t0: 0, t1: 4_000, text: 'Welcome back. Today we talk about the harbour project.' },
  {
    i: 1,
    speaker: 'Mayor Lind',
    t0: 4_000,
    t1: 12_500,
    text: 'We will rebuild the north pier by 2028, and we will not raise harbour fees for local fishermen.',
  },
  { i: 2, speaker: 'Host', t0: 12_500, t1: 15_000, text: 'That is a clear promise.' },
];

export interface SeededQuote {
  recordingId: string;
  transcriptId: string;
  quoteId: string;
  quoteText: string;
}

/**
 * Signs a transcript of `recordingManifest` (co-signed by host and guest, both required), then a newsroom quote
 * attestation of `quoteText` with its proof, all with core, and submits both.
 */
export async function seedQuote(s: Seeded, recordingManifest: string, quoteText: string): Promise<SeededQuote> {
  const recording = parseManifest(JSON.parse(await readFile(recordingManifest, 'utf8')));
  const host = await createKeyFile({
    alg: 'ed25519',
    subject: { name: 'Ada Host', kind: 'person' },
    issuedAt: T0,
    endorser: s.org,
  });
  const guest = await createKeyFile({ alg: 'ed25519', subject: { name: 'Mayor Lind', kind: 'person' }, issuedAt: T0 });
  await registerKey(s, host, false);
  await registerKey(s, guest, false);
  const tree = buildTranscriptTree(INTERVIEW, new Uint8Array(32).fill(3));
  const ref = (p: { id: string }) => ({ manifestId: p.id, claimDigest: p.id });
  const transcriptClaim = {
    v: 1,
    kind: 'transcript',
    createdAt: T0 + 10_000,
    title: 'Harbour Talk, episode 12',
    recording: ref(recording),
    normaliser: 'qv1',
    transcript: {
      root: tree.root,
      segmentCount: tree.segmentCount,
      wordCount: tree.wordCount,
      speakers: [
        { label: 'Host', keyId: host.key.keyId },
        { label: 'Mayor Lind', keyId: guest.key.keyId },
      ],
    },
    requiredSigners: { keys: [host.key.keyId, guest.key.keyId], threshold: 2 },
  };
  const transcript = parseManifest({ claim: transcriptClaim, signatures: [] });
  const transcriptManifest = {
    claim: transcriptClaim,
    signatures: [
      signClaim(transcript.claimDigest, host.key, 'cosigner', T0 + 10_001),
      signClaim(transcript.claimDigest, guest.key, 'cosigner', T0 + 10_002),
    ],
  };
  await post(s, '/v1/manifests', new TextEncoder().encode(JSON.stringify(transcriptManifest)));
  const proven = proveQuote(tree, quoteText);
  const quoteClaim = {
    v: 1,
    kind: 'quote',
    createdAt: T0 + 20_000,
    source: ref(transcript),
    quote: {
      text: quoteText,
      speaker: proven.match.speaker,
      t0: proven.match.t0,
      t1: proven.match.t1,
      normaliser: 'qv1',
    },
    proof: proven.proof,
    article: { url: 'https://news.example/harbour-pier' },
  };
  const quote = parseManifest({ claim: quoteClaim, signatures: [] });
  const quoteManifest = {
    claim: quoteClaim,
    signatures: [signClaim(quote.claimDigest, s.org.key, 'publisher', T0 + 20_001)],
  };
  await post(s, '/v1/quotes', new TextEncoder().encode(JSON.stringify(quoteManifest)));
  return { recordingId: recording.id, transcriptId: transcript.id, quoteId: quote.id, quoteText };
}
