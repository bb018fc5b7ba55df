/** `capture.photo`: a photo (or generated image) as captured, with the edits its signer allows later. */
import * as z from 'zod';
import { ImagePolicySchema } from '../policy/schema.ts';
import { commonClaimShape } from './common.ts';
import {
  ByteLengthSchema,
  DigestSchema,
  hexChars,
  intIn,
  label,
  mediaType,
  PixelEdgeSchema,
  TimeMsSchema,
} from './formats.ts';

export const TILE_SIZE = 64;
/** The reference raster's long edge is at most this, so a photo has at most 16 × 16 tiles. */
export const MAX_REFERENCE_EDGE = 1024;

export const RasterSchema = z.strictObject({
  /** taggedHash('raster', …) of the decoded, EXIF-oriented sRGB 8-bit pixels with their dimensions. */
  sha256: DigestSchema,
  width: PixelEdgeSchema,
  height: PixelEdgeSchema,
});

export const FingerprintsSchema = z.strictObject({
  /** 256-bit PDQ-style hash. */
  pdq: hexChars(64),
  /** 64-bit pHash. */
  phash: hexChars(16),
});

export const ReferenceSchema = z
  .strictObject({
    width: intIn(1, MAX_REFERENCE_EDGE),
    height: intIn(1, MAX_REFERENCE_EDGE),
    tileSize: z.literal(TILE_SIZE, { error: `expected ${TILE_SIZE}` }),
    cols: intIn(1, MAX_REFERENCE_EDGE / TILE_SIZE),
    rows: intIn(1, MAX_REFERENCE_EDGE / TILE_SIZE),
    /** Salted Merkle root over the tiles in row-major order. */
    tileRoot: DigestSchema,
  })
  .superRefine((r, ctx) => {
    if (r.cols !== Math.ceil(r.width / TILE_SIZE)) {
      ctx.addIssue({ code: 'custom', path: ['cols'], message: 'must be ceil(width / tileSize)' });
    }
    if (r.rows !== Math.ceil(r.height / TILE_SIZE)) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: 'must be ceil(height / tileSize)' });
    }
  });

export const PhotoAssetSchema = z
  .strictObject({
    mediaType: mediaType(['image']),
    byteLength: ByteLengthSchema,
    /** SHA-256 of the file bytes. */
    sha256: DigestSchema,
    raster: RasterSchema,
    fingerprints: FingerprintsSchema,
    reference: ReferenceSchema,
  })
  .superRefine((a, ctx) => {
    if (a.reference.width > a.raster.width || a.reference.height > a.raster.height) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'must not be larger than the raster' });
    }
  });

/** At most two decimals of a degree (≈ 1 km): the schema itself keeps locations coarse. */
function coarseDegrees(limit: number) {
  return z
    .number()
    .min(-limit, `expected ≥ ${-limit}`)
    .max(limit, `expected ≤ ${limit}`)
    .refine((x) => Math.round(x * 100) / 100 === x, 'expected at most two decimals (coarse location)');
}

export const CaptureContextSchema = z.strictObject({
  device: z.strictObject({ maker: label(128), model: label(128) }).optional(),
  capturedAt: TimeMsSchema.optional(),
  location: z.strictObject({ lat: coarseDegrees(90), lon: coarseDegrees(180) }).optional(),
});

export const CapturePhotoClaimSchema = z.strictObject({
  ...commonClaimShape,
  kind: z.literal('capture.photo'),
  asset: PhotoAssetSchema,
  capture: CaptureContextSchema,
  policy: ImagePolicySchema,
});
export type CapturePhotoClaim = z.infer<typeof CapturePhotoClaimSchema>;
