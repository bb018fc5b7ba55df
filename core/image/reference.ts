/**
 * The reference raster: the capture's visible pixels, area-averaged (resize.ts) so the long edge is at most 1024 px.
 * Made with this exact function, never with a codec's resizer, so any verifier can rebuild and check it.
 */
import { fitLongEdge, resampleRgba } from './resize.ts';
import { assertRgbaImage, compositeOnWhite, type RgbaImage } from './rgba.ts';
import { areaWeights } from './weights.ts';

export const REFERENCE_MAX_EDGE = 1024;

export function referenceSize(width: number, height: number): { width: number; height: number } {
  return fitLongEdge(width, height, REFERENCE_MAX_EDGE);
}

/** downscale(compositeOnWhite(img), referenceSize(w, h)) (resize.ts); always a new, opaque image. */
export function referenceRaster(img: RgbaImage): RgbaImage {
  assertRgbaImage(img);
  const { width, height } = referenceSize(img.width, img.height);
  const opaque = compositeOnWhite(img);
  if (width === img.width && height === img.height) {
    return { width, height, data: opaque === img ? img.data.slice() : opaque.data };
  }
  return resampleRgba(opaque, areaWeights(img.width, width), areaWeights(img.height, height), true);
}
