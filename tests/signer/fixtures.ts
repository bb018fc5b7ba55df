/** Synthetic media for the signer tests, generated on the fly (nothing large is committed). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export type PictureKind = 'gradient' | 'texture' | 'text' | 'flat-shapes';

/** Deterministic PRNG (mulberry32) so every run draws the same pictures. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RGB pixels (3 channels) of a photo-like, textured, text-like or flat picture. */
export function picture(kind: PictureKind, width: number, height: number, seed = 1): Buffer {
  const rnd = prng(seed);
  const px = Buffer.alloc(width * height * 3);
  const f1 = 2 + rnd() * 6;
  const f2 = 2 + rnd() * 6;
  const phase = rnd() * Math.PI * 2;
  const blocks: [number, number, number, number, number][] = [];
  if (kind === 'text') {
    // Lines of dark "glyphs" on paper.
    for (let line = 0; line * 24 + 30 < height; line++) {
      let x = 12;
      while (x < width - 20) {
        const w = 4 + Math.floor(rnd() * 10);
        blocks.push([x, 12 + line * 24, w, 12 + Math.floor(rnd() * 6), 20 + Math.floor(rnd() * 40)]);
        x += w + 2 + (rnd() < 0.2 ? 8 : 0);
      }
    }
  } else if (kind === 'flat-shapes') {
    for (let i = 0; i < 6; i++) {
      blocks.push([
        Math.floor(rnd() * width * 0.7),
        Math.floor(rnd() * height * 0.7),
        Math.floor(width * (0.1 + rnd() * 0.3)),
        Math.floor(height * (0.1 + rnd() * 0.3)),
        Math.floor(rnd() * 255),
      ]);
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      let r: number;
      let g: number;
      let b: number;
      if (kind === 'gradient') {
        // A photo-like scene: sky-to-ground gradient, soft blobs and a little sensor noise.
        const blob = Math.sin(f1 * 3 * u + phase) * Math.cos(f2 * 2.5 * v + phase);
        const noise = (rnd() - 0.5) * 10;
        r = 200 * u + 40 * blob + noise;
        g = 220 * v - 50 * blob + noise;
        b = 128 + 90 * Math.sin(f1 * u * Math.PI + phase) * Math.cos(f2 * v * Math.PI) + noise;
      } else if (kind === 'texture') {
        const t = Math.sin(f1 * 6 * u + phase) + Math.sin(f2 * 5 * v) + Math.sin((f1 + f2) * 4 * (u + v));
        r = 128 + 40 * t + 30 * Math.sin(40 * u * v);
        g = 110 + 35 * t;
        b = 90 + 30 * Math.cos(f2 * 7 * u);
      } else if (kind === 'text') {
        r = 245;
        g = 242;
        b = 235;
      } else {
        r = 60 + 120 * u;
        g = 200 - 80 * v;
        b = 150;
      }
      const i = (y * width + x) * 3;
      px[i] = Math.max(0, Math.min(255, Math.round(r)));
      px[i + 1] = Math.max(0, Math.min(255, Math.round(g)));
      px[i + 2] = Math.max(0, Math.min(255, Math.round(b)));
    }
  }
  for (const [bx, by, bw, bh, shade] of blocks) {
    for (let y = by; y < Math.min(height, by + bh); y++) {
      for (let x = bx; x < Math.min(width, bx + bw); x++) {
        const i = (y * width + x) * 3;
        px[i] = shade;
        px[i + 1] = kind === 'text' ? shade : 255 - shade;
        px[i + 2] = kind === 'text' ? shade : (shade * 3) % 256;
      }
    }
  }
  return px;
}

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff';

export async function writePicture(
  path: string,
  kind: PictureKind,
  format: PhotoFormat,
  { width = 320, height = 240, seed = 1, quality = 92 } = {},
): Promise<void> {
  const img = sharp(picture(kind, width, height, seed), { raw: { width, height, channels: 3 } });
  const encoded =
    format === 'jpeg'
      ? img.jpeg({ quality })
      : format === 'png'
        ? img.png()
        : format === 'webp'
          ? img.webp({ quality })
          : format === 'avif'
            ? img.avif({ quality: 70, effort: 0 })
            : img.tiff();
  await encoded.toFile(path);
}

export function tempDir(prefix = 'provenant-signer-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the system ffmpeg quietly (the tests' own media generation, not the code under test). */
export function ffmpegGenerate(args: readonly string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { stdio: 'pipe' });
}

export function hasEncoder(name: string): boolean {
  const out = execFileSync('ffmpeg', ['-hide_banner', '-encoders'], { encoding: 'utf8' });
  return new RegExp(`^\\s*A\\S*\\s+${name}\\s`, 'm').test(out) || new RegExp(`^\\s*V\\S*\\s+${name}\\s`, 'm').test(out);
}

/** A few seconds of music-like audio: a tone that changes pitch every half second over a softer chord. */
export const MUSIC_EXPR =
  'aevalsrc=exprs=0.4*sin(2*PI*(220+110*mod(floor(t*2)\\,5))*t)+0.2*sin(2*PI*330*t)*sin(2*PI*0.5*t):s=44100:d=8';
