/**
 * The media in front of the reader, as the verifier measured it: file digest and length always; decoded pixels,
 * their raster digest and fingerprints only when needed (a 12-MP decode is the expensive part), computed once.
 */
import { claimFingerprints } from '../../../core/image/fingerprints.ts';
import { rasterDigestHex } from '../../../core/image/raster-digest.ts';
import type { RgbaImage } from '../../../core/image/rgba.ts';

export interface PixelHashes {
  raster: { sha256: string; width: number; height: number };
  fingerprints: { pdq: string; phash: string };
  pdqQuality: number;
}

export interface ShownMedia {
  sha256: string;
  byteLength: number;
  /** The decoded picture; null if the media is not a picture the browser can decode. */
  image(): Promise<RgbaImage | null>;
  /** Decoded picture hashes; null as for image(). */
  pixels(): Promise<PixelHashes | null>;
}

export function shownMedia(sha256: string, byteLength: number, decode: () => Promise<RgbaImage | null>): ShownMedia {
  let image: Promise<RgbaImage | null> | undefined;
  let pixels: Promise<PixelHashes | null> | undefined;
  const decoded = () => {
    image ??= decode();
    return image;
  };
  return {
    sha256,
    byteLength,
    image: decoded,
    pixels() {
      pixels ??= decoded().then((img) => {
        if (!img) return null;
        const fp = claimFingerprints(img);
        return {
          raster: { sha256: rasterDigestHex(img), width: img.width, height: img.height },
          fingerprints: { pdq: fp.pdq, phash: fp.phash },
          pdqQuality: fp.pdqQuality,
        };
      });
      return pixels;
    },
  };
}
