/**
 * Deterministic synthetic test images (no photographs in the repository): gradients, shapes, text-like glyph rows,
 * band-limited texture, and a "scene" mixing them, plus the distortions the fingerprints must survive.
 */
import type { RgbaImage } from '../../core/image/rgba.ts';

export type Pixel = readonly [number, number, number, number];

export function makeImage(width: number, height: number, f: (x: number, y: number) => Pixel): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 4) {
      const [r, g, b, a] = f(x, y);
      data[p] = r;
      data[p + 1] = g;
      data[p + 2] = b;
      data[p + 3] = a;
    }
  }
  return { width, height, data };
}

/** xorshift32: a small deterministic PRNG for test content. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

const clamp8 = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

export function gradient(width: number, height: number): RgbaImage {
  return makeImage(width, height, (x, y) => [
    Math.floor((x * 255) / Math.max(1, width - 1)),
    Math.floor((y * 255) / Math.max(1, height - 1)),
    Math.floor(((x + y) * 255) / Math.max(1, width + height - 2)),
    255,
  ]);
}

interface Shape {
  kind: 'disc' | 'rect';
  cx: number;
  cy: number;
  r: number;
  color: Pixel;
}

function shapesOf(width: number, height: number, seed: number, count: number): Shape[] {
  const rnd = prng(seed);
  return Array.from({ length: count }, () => ({
    kind: rnd() < 0.5 ? 'disc' : 'rect',
    cx: rnd() * width,
    cy: rnd() * height,
    r: (0.04 + rnd() * 0.18) * Math.min(width, height),
    color: [Math.floor(rnd() * 256), Math.floor(rnd() * 256), Math.floor(rnd() * 256), 255] as Pixel,
  }));
}

function shapeAt(shapes: readonly Shape[], x: number, y: number): Pixel | null {
  let hit: Pixel | null = null;
  for (const s of shapes) {
    const dx = x + 0.5 - s.cx;
    const dy = y + 0.5 - s.cy;
    const inside =
      s.kind === 'disc' ? dx * dx + dy * dy <= s.r * s.r : Math.abs(dx) <= s.r && Math.abs(dy) <= s.r * 0.6;
    if (inside) hit = s.color;
  }
  return hit;
}

/** Flat-coloured discs and rectangles on a soft gradient. */
export function shapes(width: number, height: number, seed = 1): RgbaImage {
  const list = shapesOf(width, height, seed, 12);
  return makeImage(width, height, (x, y) => {
    return (
      shapeAt(list, x, y) ?? [
        clamp8(40 + (150 * x) / width),
        clamp8(60 + (120 * y) / height),
        clamp8(200 - (100 * (x + y)) / (width + height)),
        255,
      ]
    );
  });
}

/** Dark "glyphs" (small random rectangles) in lines on a light page. */
export function textLike(width: number, height: number, seed = 2): RgbaImage {
  const rnd = prng(seed);
  const line = Math.max(8, Math.floor(height / 24));
  const glyph = Math.max(3, Math.floor(line * 0.55));
  const ink = new Uint8Array(width * height);
  for (let top = line; top + line < height; top += line * 1.6) {
    let x = Math.floor(width * 0.06);
    const end = Math.floor(width * (0.75 + rnd() * 0.2));
    while (x < end) {
      const w = Math.max(2, Math.floor(glyph * (0.4 + rnd() * 0.8)));
      const h = Math.max(2, Math.floor(glyph * (0.6 + rnd() * 0.6)));
      const y0 = Math.floor(top) + (line - h);
      for (let yy = y0; yy < y0 + h && yy < height; yy++) {
        for (let xx = x; xx < x + w && xx < width; xx++) ink[yy * width + xx] = 1;
      }
      x += w + Math.max(1, Math.floor(glyph * 0.3)) + (rnd() < 0.18 ? glyph : 0);
    }
  }
  return makeImage(width, height, (x, y) => (ink[y * width + x] ? [30, 30, 40, 255] : [245, 240, 230, 255]));
}

/** Band-limited texture: a few random sinusoids per channel (periods of 1/40 to 1/4 of the image). */
export function texture(width: number, height: number, seed = 3): RgbaImage {
  const rnd = prng(seed);
  const waves = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => {
      const period = Math.min(width, height) * (0.025 + rnd() * 0.225);
      const angle = rnd() * Math.PI;
      return {
        kx: (Math.cos(angle) * 2 * Math.PI) / period,
        ky: (Math.sin(angle) * 2 * Math.PI) / period,
        phase: rnd() * 2 * Math.PI,
        amp: 15 + rnd() * 25,
      };
    }),
  );
  return makeImage(width, height, (x, y) => {
    const c = waves.map((ws) =>
      clamp8(128 + ws.reduce((s, w) => s + w.amp * Math.sin(w.kx * x + w.ky * y + w.phase), 0)),
    );
    return [c[0] as number, c[1] as number, c[2] as number, 255];
  });
}

/** A busier picture: texture background, shapes, and a block of text-like glyphs. */
export function scene(width: number, height: number, seed = 4): RgbaImage {
  const bg = texture(width, height, seed);
  const list = shapesOf(width, height, seed + 100, 8);
  const text = textLike(width, height, seed + 200);
  return makeImage(width, height, (x, y) => {
    const p = (y * width + x) * 4;
    if (x > width * 0.55 && y > height * 0.6 && (text.data[p] as number) < 100) return [20, 20, 20, 255];
    const s = shapeAt(list, x, y);
    if (s) return s;
    return [bg.data[p] as number, bg.data[p + 1] as number, bg.data[p + 2] as number, 255];
  });
}

/** Adds independent uniform integer noise in [−amp, amp] to R, G and B (clamped), like encoder noise. */
export function addNoise(img: RgbaImage, amp: number, seed = 5): RgbaImage {
  const rnd = prng(seed);
  const data = img.data.slice();
  for (let p = 0; p < data.length; p += 4) {
    for (let c = 0; c < 3; c++) {
      data[p + c] = clamp8((data[p + c] as number) + Math.floor(rnd() * (2 * amp + 1)) - amp);
    }
  }
  return { width: img.width, height: img.height, data };
}

/** Multiplies R, G, B by k (clamped). */
export function scaleBrightness(img: RgbaImage, k: number): RgbaImage {
  const data = img.data.slice();
  for (let p = 0; p < data.length; p += 4) {
    for (let c = 0; c < 3; c++) data[p + c] = clamp8((data[p + c] as number) * k);
  }
  return { width: img.width, height: img.height, data };
}

/** Pastes `patch` at (x, y). */
export function paste(img: RgbaImage, patch: RgbaImage, x: number, y: number): RgbaImage {
  const data = img.data.slice();
  for (let r = 0; r < patch.height; r++) {
    data.set(patch.data.subarray(r * patch.width * 4, (r + 1) * patch.width * 4), ((y + r) * img.width + x) * 4);
  }
  return { width: img.width, height: img.height, data };
}
