/**
 * The recipe of a derivative: ordered edit operations with exact parameters. Geometry parameters are
 * integer pixels in the coordinates of the image as it is at that step (after the previous ops); trims
 * always use the ORIGINAL recording's packet indices and timeline, so every trim in a chain can be proved
 * as a run of the capture's packet leaves.
 */
import * as z from 'zod';
import { IMAGE_FORMATS } from '../policy/schema.ts';
import { DurationMsSchema, intIn, PixelCoordSchema, PixelEdgeSchema, TokenSchema } from './formats.ts';

export const MAX_RECIPE_OPS = 64;
const MAX_PACKETS = 2 ** 32;
const MAX_MULTIPLIER = 16;

const rect = {
  x: PixelCoordSchema,
  y: PixelCoordSchema,
  w: PixelEdgeSchema,
  h: PixelEdgeSchema,
};

/** Keep the region [x, x+w) × [y, y+h). */
export const CropOpSchema = z.strictObject({ op: z.literal('crop'), ...rect });

/** Rotate clockwise by rot90 degrees, then (if flipH) mirror left–right. */
export const OrientOpSchema = z.strictObject({
  op: z.literal('orient'),
  rot90: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)], {
    error: 'expected 0, 90, 180 or 270',
  }),
  flipH: z.boolean().optional(),
});

const multiplier = z
  .number()
  .gt(0, 'expected a multiplier > 0')
  .max(MAX_MULTIPLIER, `expected a multiplier ≤ ${MAX_MULTIPLIER}`);

/** Global colour multipliers; 1 is no change. All three are required: one spelling per edit. */
export const AdjustOpSchema = z.strictObject({
  op: z.literal('adjust'),
  brightness: multiplier,
  contrast: multiplier,
  saturation: multiplier,
});

export const ResizeOpSchema = z.strictObject({ op: z.literal('resize'), w: PixelEdgeSchema, h: PixelEdgeSchema });

/** Paint the region [x, x+w) × [y, y+h) opaque. */
export const RedactOpSchema = z.strictObject({ op: z.literal('redact'), ...rect });

/**
 * Encode to a format. jpeg needs a quality; png takes none; webp and avif without a quality mean
 * lossless encoding.
 */
export const EncodeOpSchema = z
  .strictObject({
    op: z.literal('encode'),
    format: z.enum(IMAGE_FORMATS),
    quality: intIn(1, 100).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.format === 'jpeg' && e.quality === undefined) {
      ctx.addIssue({ code: 'custom', path: ['quality'], message: 'jpeg needs a quality' });
    }
    if (e.format === 'png' && e.quality !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['quality'], message: 'png takes no quality' });
    }
  });

/** Keep packets [startPacket, endPacket) (half-open) covering [t0Ms, t1Ms) of the original timeline. */
export const TrimOpSchema = z
  .strictObject({
    op: z.literal('trim'),
    startPacket: intIn(0, MAX_PACKETS - 1),
    endPacket: intIn(1, MAX_PACKETS),
    t0Ms: DurationMsSchema,
    t1Ms: DurationMsSchema,
  })
  .superRefine((t, ctx) => {
    if (t.endPacket <= t.startPacket) {
      ctx.addIssue({ code: 'custom', path: ['endPacket'], message: 'must be greater than startPacket' });
    }
    if (t.t1Ms <= t.t0Ms) ctx.addIssue({ code: 'custom', path: ['t1Ms'], message: 'must be greater than t0Ms' });
  });

/** Re-encode the audio/video stream; bitrate in bits per second. */
export const TranscodeOpSchema = z.strictObject({
  op: z.literal('transcode'),
  codec: TokenSchema,
  bitrate: intIn(1, 1_000_000_000).optional(),
});

export const OpSchema = z.discriminatedUnion('op', [
  CropOpSchema,
  OrientOpSchema,
  AdjustOpSchema,
  ResizeOpSchema,
  RedactOpSchema,
  EncodeOpSchema,
  TrimOpSchema,
  TranscodeOpSchema,
]);
export type Op = z.infer<typeof OpSchema>;
export type OpName = Op['op'];

export const IMAGE_OPS: readonly OpName[] = ['crop', 'orient', 'adjust', 'resize', 'redact', 'encode'];
export const TIMED_OPS: readonly OpName[] = ['trim', 'transcode'];

export const RecipeSchema = z
  .array(OpSchema)
  .min(1, 'expected at least one op')
  .max(MAX_RECIPE_OPS, `expected at most ${MAX_RECIPE_OPS} ops`);
export type Recipe = z.infer<typeof RecipeSchema>;
