/**
 * Photos: decode with sharp to EXIF-oriented, 8-bit sRGB RGBA pixels, then let core compute everything that is
 * signed (raster digest, PDQ + pHash, the ≤1024-px reference raster with core's deterministic downscale, never
 * sharp's resizer, so a verifier can rebuild it, and its salted 64-px tile tree). Hostile files are bounded by
 * `limitInputPixels` and a header check before decoding; every decoder failure becomes a coded error.
 */
import sharp from 'sharp';
import { bytesToHex } from '../../core/bytes.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import { claimFingerprints } from '../../core/image/fingerprints.ts';
import { rasterDigestHex } from '../../core/image/raster-digest.ts';
import { referenceRaster } from '../../core/image/reference.ts';
import { MAX_IMAGE_EDGE, type RgbaImage } from '../../core/image/rgba.ts';
import { buildTileTree, type TileTree } from '../../core/image/tile-tree.ts';
import { TILE_SIZE } from '../../core/image/tiles.ts';
import type { ImageFormat } from './detect.ts';
import { hashFile, nodeSha256 } from './file-hash.ts';

/** 100 megapixels: above any current camera sensor, far below what would exhaust memory (400 MB of RGBA). */
export const PHOTO_MAX_PIXELS = 100_000_000;

const SHARP_FORMATS: Readonly<Record<string, ImageFormat>> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  heif: 'avif',
  tiff: 'tiff',
};

/** Maps sharp/libvips failures to stable codes; the raw decoder text only goes into the message. */
export function sharpError(e: unknown, what: string): ProvenantError {
  if (isProvenantError(e)) return e;
  const text = e instanceof Error ? e.message : String(e);
  const short = text.split('\n')[0]?.slice(0, 200) ?? '';
  if (/exceeds pixel limit/i.test(text)) {
    return new ProvenantError('media.tooLarge', `${what}: more than ${PHOTO_MAX_PIXELS} pixels`, { cause: e });
  }
  if (/unsupported image format|bad seek|no loader/i.test(text)) {
    return new ProvenantError('media.unsupported', `${what}: not a supported image (${short})`, { cause: e });
  }
  return new ProvenantError('media.corrupt', `${what}: cannot be decoded (${short})`, { cause: e });
}

function sharpInput(input: string | Uint8Array) {
  return sharp(input, {
    limitInputPixels: PHOTO_MAX_PIXELS,
    // Truncated files and decoder errors are refused; mere warnings (odd but complete files) are not.
    failOn: 'truncated',
    sequentialRead: true,
    animated: false,
  });
}

export interface DecodedPhoto {
  readonly image: RgbaImage;
  /** The container format sharp found (cross-checked against the magic bytes by the caller). */
  readonly format: ImageFormat | null;
}

/** Decoded, EXIF-oriented (rotate()), sRGB, 8-bit RGBA pixels. */
export async function decodePhoto(input: string | Uint8Array, what = 'image'): Promise<DecodedPhoto> {
  try {
    const meta = await sharpInput(input).metadata();
    const { width, height } = meta;
    if (!width || !height) throw new ProvenantError('media.corrupt', `${what}: no image dimensions`);
    // The header's claimed size is checked before a single pixel is decoded (decompression bombs).
    if (width * height > PHOTO_MAX_PIXELS || width > MAX_IMAGE_EDGE || height > MAX_IMAGE_EDGE) {
      throw new ProvenantError(
        'media.tooLarge',
        `${what}: ${width} × ${height} exceeds the limit (${PHOTO_MAX_PIXELS} pixels, ${MAX_IMAGE_EDGE} px per edge)`,
      );
    }
    const { data, info } = await sharpInput(input)
      .rotate()
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4 || data.length !== info.width * info.height * 4) {
      throw new ProvenantError('media.corrupt', `${what}: decoder returned an unexpected pixel layout`);
    }
    const image = {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
    return { image, format: SHARP_FORMATS[meta.format ?? ''] ?? null };
  } catch (e) {
    throw sharpError(e, what);
  }
}

export interface PhotoHashes {
  readonly raster: { sha256: string; width: number; height: number };
  readonly fingerprints: { pdq: string; phash: string };
  /** PDQ's quality metric (0..100): low means a flat picture whose fingerprint says little. Not signed. */
  readonly pdqQuality: number;
}

/**
 * The hashes of decoded pixels that both signing and verifying need. The fingerprints are core's claim fingerprints:
 * those of the reference-size raster, so every party hashes the same normalisation (pass `reference` if computed).
 */
export function photoHashes(image: RgbaImage, reference?: RgbaImage): PhotoHashes {
  const fp = claimFingerprints(image, reference);
  return {
    raster: { sha256: rasterDigestHex(image, nodeSha256), width: image.width, height: image.height },
    fingerprints: { pdq: fp.pdq, phash: fp.phash },
    pdqQuality: fp.pdqQuality,
  };
}

export interface PhotoAnalysis extends PhotoHashes {
  readonly mediaType: string;
  readonly byteLength: number;
  readonly sha256: string;
  readonly reference: {
    width: number;
    height: number;
    tileSize: typeof TILE_SIZE;
    cols: number;
    rows: number;
    tileRoot: string;
  };
  readonly tileTree: TileTree;
}

/**
 * Everything a capture.photo claim needs. `tileSeed` (32 secret bytes) salts the tile tree; the producer keeps
 * it so an editor can later reveal the tiles a crop needs.
 */
export async function analysePhoto(
  path: string,
  expected: { format: ImageFormat; mediaType: string },
  tileSeed: Uint8Array,
): Promise<PhotoAnalysis> {
  // The file hash streams on libuv's threads while sharp decodes on its own.
  const [file, { image, format }] = await Promise.all([hashFile(path), decodePhoto(path, path)]);
  if (format !== null && format !== expected.format) {
    throw new ProvenantError(
      'media.corrupt',
      `${path}: the bytes start like ${expected.format} but decode as ${format}`,
    );
  }
  const reference = referenceRaster(image);
  const hashes = photoHashes(image, reference);
  const tileTree = buildTileTree(reference, tileSeed);
  return {
    mediaType: expected.mediaType,
    byteLength: file.byteLength,
    sha256: file.sha256,
    ...hashes,
    reference: {
      width: reference.width,
      height: reference.height,
      tileSize: TILE_SIZE,
      cols: tileTree.cols,
      rows: tileTree.rows,
      tileRoot: bytesToHex(tileTree.root),
    },
    tileTree,
  };
}
