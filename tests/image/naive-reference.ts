/**
 * A deliberately naive, independent implementation of the image formats in docs/PROTOCOL.md ("Images"), used to
 * generate and cross-check the vectors. It does NOT import core/: SHA-256 comes from node:crypto, the DCTs are the
 * textbook double sums with cosines evaluated term by term, PDQ's filter is the reference's literal four-pass
 * box1DFloat (rows, columns, rows, columns) over a full-size luma buffer, resampling is computed per output pixel
 * over its 2-D footprint, and hex encodings go through BigInt.
 */
import { createHash } from 'node:crypto';

export interface Img {
  width: number;
  height: number;
  data: Uint8Array;
}

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const ascii = (s: string) => new TextEncoder().encode(s);
const tagged = (tag: string) => {
  const t = ascii(`provenant/v1/${tag}`);
  return new Uint8Array([t.length, ...t]);
};
const be = (v: number, bytes: number) => {
  const out = new Uint8Array(bytes);
  let x = BigInt(v);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = Number(x & 255n);
    x >>= 8n;
  }
  return out;
};
export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The visible colour of pixel i, composited on white. */
export function visible(img: Img, i: number): [number, number, number] {
  const a = img.data[i * 4 + 3] as number;
  const c = (k: number) => Math.floor(((img.data[i * 4 + k] as number) * a + 255 * (255 - a) + 127) / 255);
  return [c(0), c(1), c(2)];
}

export function naiveRasterDigest(img: Img): string {
  const rgb: number[] = [];
  for (let i = 0; i < img.width * img.height; i++) rgb.push(...visible(img, i));
  return hex(sha(tagged('raster'), be(img.width, 4), be(img.height, 4), new Uint8Array([3]), new Uint8Array(rgb)));
}

export function naiveLuma(img: Img): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < img.height; y++) {
    const row: number[] = [];
    for (let x = 0; x < img.width; x++) {
      const [r, g, b] = visible(img, y * img.width + x);
      row.push(0.299 * r + 0.587 * g + 0.114 * b);
    }
    rows.push(row);
  }
  return rows;
}

/** Bits (index k set iff values[k] > threshold) as a big-endian hex integer Σ 2^k of `hexDigits` digits. */
function bitsHex(values: number[], threshold: number, hexDigits: number): string {
  let n = 0n;
  values.forEach((v, k) => {
    if (v > threshold) n |= 1n << BigInt(k);
  });
  return n.toString(16).padStart(hexDigits, '0');
}

// ---------------------------------------------------------------- PDQ

/** The reference's box1DFloat: four phases (accumulate, grow, slide, shrink) over a strided vector. */
function box1D(input: Float64Array, output: Float64Array, off: number, len: number, stride: number, win: number) {
  const half = Math.trunc((win + 2) / 2);
  let li = 0;
  let ri = 0;
  let oi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < half - 1; i++) {
    sum += input[off + ri] as number;
    count++;
    ri += stride;
  }
  for (let i = 0; i < win - half + 1; i++) {
    sum += input[off + ri] as number;
    count++;
    output[off + oi] = sum / count;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < len - win; i++) {
    sum += input[off + ri] as number;
    sum -= input[off + li] as number;
    output[off + oi] = sum / count;
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < half - 1; i++) {
    sum -= input[off + li] as number;
    count--;
    output[off + oi] = sum / count;
    li += stride;
    oi += stride;
  }
}

export interface NaivePdq {
  hash: string;
  quality: number;
  coefficients: number[];
  /** Distance from the median to its nearest neighbours in sorted order (how robust the bits are to rounding). */
  margin: number;
}

export function naivePdq(img: Img): NaivePdq {
  const { width: cols, height: rows } = img;
  if (cols < 5 || rows < 5) return { hash: '0'.repeat(64), quality: 0, coefficients: [], margin: Infinity };
  const a = new Float64Array(naiveLuma(img).flat());
  const b = new Float64Array(a.length);
  const winRows = Math.trunc((cols + 127) / 128);
  const winCols = Math.trunc((rows + 127) / 128);
  for (let pass = 0; pass < 2; pass++) {
    for (let y = 0; y < rows; y++) box1D(a, b, y * cols, cols, 1, winRows);
    for (let x = 0; x < cols; x++) box1D(b, a, x, rows, cols, winCols);
  }
  const s: number[][] = [];
  for (let i = 0; i < 64; i++) {
    const yi = Math.trunc(((i + 0.5) * rows) / 64);
    s.push([]);
    for (let j = 0; j < 64; j++) (s[i] as number[]).push(a[yi * cols + Math.trunc(((j + 0.5) * cols) / 64)] as number);
  }
  let grad = 0;
  for (let i = 0; i < 63; i++)
    for (let j = 0; j < 64; j++) grad += Math.abs(Math.trunc(((s[i]![j]! - s[i + 1]![j]!) * 100) / 255));
  for (let i = 0; i < 64; i++)
    for (let j = 0; j < 63; j++) grad += Math.abs(Math.trunc(((s[i]![j]! - s[i]![j + 1]!) * 100) / 255));
  const quality = Math.min(100, Math.trunc(grad / 90));
  const scale = Math.sqrt(2 / 64);
  const coefficients: number[] = [];
  for (let u = 1; u <= 16; u++) {
    for (let v = 1; v <= 16; v++) {
      let sum = 0;
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          sum +=
            scale *
            Math.cos((Math.PI * u * (2 * y + 1)) / 128) *
            s[y]![x]! *
            scale *
            Math.cos((Math.PI * v * (2 * x + 1)) / 128);
        }
      }
      coefficients.push(sum);
    }
  }
  const sorted = [...coefficients].sort((p, q) => p - q);
  const median = sorted[127] as number;
  const margin = Math.min(median - (sorted[126] as number), (sorted[128] as number) - median);
  return { hash: bitsHex(coefficients, median, 64), quality, coefficients, margin };
}

// ---------------------------------------------------------------- pHash

export interface NaivePhash {
  hash: string;
  coefficients: number[];
  margin: number;
}

/** Length of [a0, a1) ∩ [b0, b1). */
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export function naivePhash(img: Img): NaivePhash {
  const { width: w, height: h } = img;
  const luma = naiveLuma(img);
  // Output pixel (i, j) covers source [j·w/32, (j+1)·w/32) × [i·h/32, (i+1)·h/32); average by overlap area.
  const a: number[][] = [];
  for (let i = 0; i < 32; i++) {
    a.push([]);
    for (let j = 0; j < 32; j++) {
      const x0 = (j * w) / 32;
      const x1 = ((j + 1) * w) / 32;
      const y0 = (i * h) / 32;
      const y1 = ((i + 1) * h) / 32;
      let sum = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          sum += overlap(x0, x1, x, x + 1) * overlap(y0, y1, y, y + 1) * luma[y]![x]!;
        }
      }
      (a[i] as number[]).push(sum / ((x1 - x0) * (y1 - y0)));
    }
  }
  const coefficients: number[] = [];
  const alpha = Math.sqrt(2 / 32);
  for (let u = 1; u <= 8; u++) {
    for (let v = 1; v <= 8; v++) {
      let sum = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          sum +=
            alpha *
            Math.cos((Math.PI * (2 * y + 1) * u) / 64) *
            a[y]![x]! *
            alpha *
            Math.cos((Math.PI * (2 * x + 1) * v) / 64);
        }
      }
      coefficients.push(sum);
    }
  }
  const sorted = [...coefficients].sort((p, q) => p - q);
  const median = ((sorted[31] as number) + (sorted[32] as number)) / 2;
  return { hash: bitsHex(coefficients, median, 16), coefficients, margin: (sorted[32] as number) - median };
}

// ---------------------------------------------------------------- resampling (exact integers, 2-D footprints)

/** Integer weights of source index j for output i on one axis, and that axis's divisor. */
function axisWeight(s: number, t: number, i: number, j: number): number {
  if (t <= s) return overlap(i * s, (i + 1) * s, j * t, (j + 1) * t);
  const num = (2 * i + 1) * s - t;
  const den = 2 * t;
  let j0: number;
  let f: number;
  if (num <= 0) [j0, f] = [0, 0];
  else {
    j0 = Math.floor(num / den);
    f = num - j0 * den;
    if (j0 >= s - 1) [j0, f] = [s - 1, 0];
  }
  if (j === j0) return den - f;
  if (j === j0 + 1) return f;
  return 0;
}
const axisDivisor = (s: number, t: number) => (t <= s ? s : 2 * t);

/** The recipe's resize (box when shrinking an axis, bilinear when growing), straight from the definition. */
export function naiveResize(img: Img, tw: number, th: number): Img {
  const { width: sw, height: sh } = img;
  const out = new Uint8Array(tw * th * 4);
  const d = axisDivisor(sw, tw) * axisDivisor(sh, th);
  const footprint = (s: number, t: number, i: number) => {
    const list: [number, number][] = [];
    for (let j = 0; j < s; j++) {
      const w = axisWeight(s, t, i, j);
      if (w) list.push([j, w]);
    }
    return list;
  };
  const columns = Array.from({ length: tw }, (_, j) => footprint(sw, tw, j));
  for (let i = 0; i < th; i++) {
    const ys = footprint(sh, th, i);
    for (let j = 0; j < tw; j++) {
      for (let c = 0; c < 4; c++) {
        // Integer sums stay below 2^42, so binary64 holds them exactly; round half up.
        let sum = 0;
        for (const [y, wy] of ys) {
          for (const [x, wx] of columns[j] as [number, number][])
            sum += wy * wx * (img.data[(y * sw + x) * 4 + c] as number);
        }
        out[(i * tw + j) * 4 + c] = Math.floor((2 * sum + d) / (2 * d));
      }
    }
  }
  return { width: tw, height: th, data: out };
}

// ---------------------------------------------------------------- ops

export type NaiveOp =
  | { op: 'crop' | 'redact'; x: number; y: number; w: number; h: number }
  | { op: 'orient'; rot90: 0 | 90 | 180 | 270; flipH?: boolean }
  | { op: 'adjust'; brightness: number; contrast: number; saturation: number }
  | { op: 'resize'; w: number; h: number }
  | { op: 'encode'; format: string; quality?: number };

function pixelMap(w: number, h: number, src: (u: number, v: number) => number, from: Img): Img {
  const out = new Uint8Array(w * h * 4);
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      const s = src(u, v);
      for (let c = 0; c < 4; c++) out[(v * w + u) * 4 + c] = from.data[s * 4 + c] as number;
    }
  }
  return { width: w, height: h, data: out };
}

export function naiveApply(img: Img, op: NaiveOp): Img {
  const { width: W, height: H } = img;
  switch (op.op) {
    case 'crop':
      return pixelMap(op.w, op.h, (u, v) => (op.y + v) * W + op.x + u, img);
    case 'redact': {
      const data = img.data.slice();
      for (let y = op.y; y < op.y + op.h; y++) {
        for (let x = op.x; x < op.x + op.w; x++) data.set([0, 0, 0, 255], (y * W + x) * 4);
      }
      return { width: W, height: H, data };
    }
    case 'orient': {
      // Rotate clockwise one quarter at a time: a W×H image becomes H×W with out(u, v) = in(v, H − 1 − u).
      let cur = img;
      for (let q = 0; q < op.rot90 / 90; q++) {
        const c = cur;
        cur = pixelMap(c.height, c.width, (u, v) => (c.height - 1 - u) * c.width + v, c);
      }
      if (op.flipH) {
        const c = cur;
        cur = pixelMap(c.width, c.height, (u, v) => v * c.width + (c.width - 1 - u), c);
      }
      return cur;
    }
    case 'adjust': {
      const data = img.data.slice();
      for (let p = 0; p < data.length; p += 4) {
        const t = [0, 1, 2].map((k) => ((img.data[p + k] as number) * op.brightness - 128) * op.contrast + 128) as [
          number,
          number,
          number,
        ];
        const y = 0.299 * t[0] + 0.587 * t[1] + 0.114 * t[2];
        for (let k = 0; k < 3; k++) {
          const o = Math.floor(y + (t[k]! - y) * op.saturation + 0.5);
          data[p + k] = Math.max(0, Math.min(255, o));
        }
      }
      return { width: W, height: H, data };
    }
    case 'resize':
      return naiveResize(img, op.w, op.h);
    case 'encode':
      return img;
  }
}

// ---------------------------------------------------------------- reference raster and tiles

export function naiveReferenceSize(w: number, h: number): [number, number] {
  if (w <= 1024 && h <= 1024) return [w, h];
  // round(short · 1024 / long), halves up, at least 1.
  if (w >= h) return [1024, Math.max(1, Math.floor((2 * h * 1024 + w) / (2 * w)))];
  return [Math.max(1, Math.floor((2 * w * 1024 + h) / (2 * h))), 1024];
}

export function naiveOpaque(img: Img): Img {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < img.width * img.height; i++) data.set([...visible(img, i), 255], i * 4);
  return { width: img.width, height: img.height, data };
}

export function naiveReference(img: Img): Img {
  const [w, h] = naiveReferenceSize(img.width, img.height);
  return naiveResize(naiveOpaque(img), w, h);
}

/** RFC 6962 MTH by its recursive definition. */
function mth(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return sha(new Uint8Array([0]), leaves[0] as Uint8Array);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(new Uint8Array([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

export function naiveTileContents(ref: Img): Uint8Array[] {
  const cols = Math.ceil(ref.width / 64);
  const rows = Math.ceil(ref.height / 64);
  const out: Uint8Array[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const w = Math.min(64, ref.width - c * 64);
      const h = Math.min(64, ref.height - r * 64);
      const bytes = [...be(c, 2), ...be(r, 2), ...be(w, 2), ...be(h, 2)];
      for (let y = r * 64; y < r * 64 + h; y++) {
        for (let x = c * 64; x < c * 64 + w; x++) bytes.push(...visible(ref, y * ref.width + x));
      }
      out.push(new Uint8Array(bytes));
    }
  }
  return out;
}

export function naiveTileSalt(seed: Uint8Array, index: number): Uint8Array {
  const label = ascii('provenant/v1/tile');
  return sha(tagged('salt'), seed, be(label.length, 4), label, be(index, 8));
}

export function naiveTileRoot(ref: Img, seed: Uint8Array): string {
  const leaves = naiveTileContents(ref).map((content, i) =>
    Uint8Array.from([...tagged('tile'), ...naiveTileSalt(seed, i), ...content]),
  );
  return hex(mth(leaves));
}
