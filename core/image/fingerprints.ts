/** Both perceptual fingerprints of a capture or an output, from one pass over its rows. */
import { feedLumaRows, type LumaRowConsumer } from './luma-pass.ts';
import { pdqFromSamples, pdqHashFromCoefficients, pdqSampler } from './pdq.ts';
import { phashFromCoefficients, phashFromSums, phashSampler } from './phash.ts';
import { referenceRaster } from './reference.ts';
import { assertRgbaImage, type RgbaImage } from './rgba.ts';

export interface PerceptualFingerprints {
  /** 64 hex digits (pdq.ts). */
  readonly pdq: string;
  /** PDQ's quality metric, 0..100 (informational; low values mean a flat image whose hash says little). */
  readonly pdqQuality: number;
  /** 16 hex digits (phash.ts). */
  readonly phash: string;
}

/** Same values as pdqHash(img) and pHash(img), reading the pixels once. */
export function perceptualFingerprints(img: RgbaImage): PerceptualFingerprints {
  assertRgbaImage(img);
  const pdq = pdqSampler(img.width, img.height);
  const phash = phashSampler(img.width, img.height);
  const consumers: LumaRowConsumer[] = pdq ? [pdq, phash] : [phash];
  feedLumaRows(img, consumers);
  const p = pdqHashFromCoefficients(pdqFromSamples(pdq ? pdq.out : null));
  return {
    pdq: p.hash,
    pdqQuality: p.quality,
    phash: phashFromCoefficients(phashFromSums(phash.out, img.width, img.height)),
  };
}

/**
 * The fingerprints a claim carries: those of the picture's reference-size raster (referenceRaster: composited,
 * area-averaged to a long edge ≤ 1024). Every party hashes the same normalisation whatever the resolution it has,
 * and a 12-MP capture costs a 0.8-MP hash. Pass `reference` when it is already computed (the signer has it).
 */
export function claimFingerprints(img: RgbaImage, reference?: RgbaImage): PerceptualFingerprints {
  return perceptualFingerprints(reference ?? referenceRaster(img));
}
