/**
 * Raw RGBA pixels shared by the signer (decoded by sharp) and the extension (read from a canvas), so both run the
 * same pixel code. Colour is 8-bit sRGB as decoded; nothing here converts colour spaces.
 */
import { ProvenantError } from '../errors.ts';
import { pixelWords } from './words.ts';

/** Row-major RGBA, 4 bytes per pixel, no padding between rows. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export const MAX_IMAGE_EDGE = 2 ** 15;
export const MAX_IMAGE_PIXELS = 2 ** 28;

function isDimension(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
}

/** Width and height: positive integers, each ≤ 2^15, product ≤ 2^28 (input.tooLarge beyond the limits). */
export function assertDimensions(width: unknown, height: unknown, name = 'image'): asserts width is number {
  if (!isDimension(width) || !isDimension(height)) {
    throw new ProvenantError('input.invalid', `${name} width and height must be positive integers`);
  }
  if (width > MAX_IMAGE_EDGE || height > MAX_IMAGE_EDGE) {
    throw new ProvenantError('input.tooLarge', `${name} edges must be at most ${MAX_IMAGE_EDGE} pixels`);
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ProvenantError('input.tooLarge', `${name} must have at most ${MAX_IMAGE_PIXELS} pixels`);
  }
}

/** Dimensions first (so a huge claimed size is refused before anything is read), then the exact data length. */
export function assertRgbaImage(img: unknown, name = 'image'): asserts img is RgbaImage {
  if (typeof img !== 'object' || img === null) throw new ProvenantError('input.invalid', `${name} must be an object`);
  const { width, height, data } = img as Record<string, unknown>;
  assertDimensions(width, height, name);
  if (!(data instanceof Uint8Array)) throw new ProvenantError('input.invalid', `${name}.data must be a Uint8Array`);
  if (data.length !== (width as number) * (height as number) * 4) {
    throw new ProvenantError('input.invalid', `${name}.data must be width × height × 4 bytes`);
  }
}

/** A new transparent-black image (all bytes 0). */
export function blankRgba(width: number, height: number): RgbaImage {
  assertDimensions(width, height);
  return { width, height, data: new Uint8Array(width * height * 4) };
}

/** Wraps canvas ImageData (a Uint8ClampedArray) without copying. */
export function rgbaFromImageData(imageData: {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}): RgbaImage {
  const d = imageData.data;
  const data = d instanceof Uint8Array ? d : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  const img = { width: imageData.width, height: imageData.height, data };
  assertRgbaImage(img);
  return img;
}

/** True if every alpha byte is 255. */
export function isOpaque(img: RgbaImage): boolean {
  const words = pixelWords(img.data);
  if (words) {
    for (let i = 0; i < words.length; i++) if ((words[i] as number) < 0xff000000) return false;
    return true;
  }
  const d = img.data;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 255) return false;
  return true;
}

/**
 * Composites on opaque white: c' = ⌊(c·a + 255·(255 − a) + 127) / 255⌋, alpha' = 255. Returns `img` itself when it is
 * already opaque. Every digest and fingerprint is over these visible colours, which also makes them insensitive to
 * what a canvas does to the colour of (semi-)transparent pixels when it stores them premultiplied.
 */
export function compositeOnWhite(img: RgbaImage): RgbaImage {
  if (isOpaque(img)) return img;
  const src = img.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += 4) {
    const a = src[i + 3] as number;
    const bg = 255 * (255 - a) + 127;
    out[i] = Math.floor(((src[i] as number) * a + bg) / 255);
    out[i + 1] = Math.floor(((src[i + 1] as number) * a + bg) / 255);
    out[i + 2] = Math.floor(((src[i + 2] as number) * a + bg) / 255);
    out[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data: out };
}

/** BT.601 luma weights (JPEG's YCbCr, PDQ and pHash use these). */
export const LUMA_R = 0.299;
export const LUMA_G = 0.587;
export const LUMA_B = 0.114;

/**
 * Luma of row y into `out` (length ≥ width): Y = 0.299·R + 0.587·G + 0.114·B in IEEE binary64, evaluated left to
 * right, of the visible colours (pixels with alpha < 255 are composited on white first, as compositeOnWhite). The
 * fingerprints read luma one row at a time through this, so no full-size float buffer is ever allocated.
 */
export function lumaRow(img: RgbaImage, y: number, out: Float64Array): void {
  const d = img.data;
  const width = img.width;
  let p = y * width * 4;
  for (let x = 0; x < width; x++, p += 4) {
    let r = d[p] as number;
    let g = d[p + 1] as number;
    let b = d[p + 2] as number;
    const a = d[p + 3] as number;
    if (a !== 255) {
      const bg = 255 * (255 - a) + 127;
      r = Math.floor((r * a + bg) / 255);
      g = Math.floor((g * a + bg) / 255);
      b = Math.floor((b * a + bg) / 255);
    }
    // Literal constants (= LUMA_R, LUMA_G, LUMA_B): module bindings cost a check per access in this hot loop.
    out[x] = 0.299 * r + 0.587 * g + 0.114 * b;
  }
}

/** Float luma of the visible (composited) image, row-major. */
export function lumaF64(img: RgbaImage): Float64Array {
  assertRgbaImage(img);
  const out = new Float64Array(img.width * img.height);
  const row = new Float64Array(img.width);
  for (let y = 0; y < img.height; y++) {
    lumaRow(img, y, row);
    out.set(row, y * img.width);
  }
  return out;
}

/** 8-bit BT.601 luma in 16-bit fixed point: Y = (19595·R + 38470·G + 7471·B + 32768) >> 16 (weights sum to 65536). */
export function luma8(img: RgbaImage): Uint8Array {
  assertRgbaImage(img);
  const d = compositeOnWhite(img).data;
  const out = new Uint8Array(img.width * img.height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    out[i] = (19595 * (d[p] as number) + 38470 * (d[p + 1] as number) + 7471 * (d[p + 2] as number) + 32768) >>> 16;
  }
  return out;
}
