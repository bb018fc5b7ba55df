/**
 * A real API in-process (PGlite in memory) with seeded keys and signed media, shared by the extension's unit tests
 * and the browser suite. Media are generated with sharp; manifests are made with the signer library.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { parseConfig } from '../../api/config.ts';
import { type Service, startService } from '../../api/service.ts';
import { bytesToBase64url } from '../../core/bytes.ts';
import { createKeyFile, type LoadedKey, signCapture } from '../../signer/index.ts';
import type { FetchLike } from '../../verifier-extension/src/verify/api-client.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const T0 = 1_780_000_000_000;

export interface Seeded {
  service: Service;
  dir: string;
  org: LoadedKey;
  camera: LoadedKey;
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
    fetch,
    async close() {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await registerKey(seeded, org, true);
  await registerKey(seeded, camera, false);
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
