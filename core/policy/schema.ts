/**
 * The allowed-transform policy a capture claim carries. Anything not listed is forbidden: an absent key
 * means that kind of edit is not allowed at all, so `{}` allows no edits. Local edits, compositing and
 * generative fill have no key and so are never allowed.
 */
import * as z from 'zod';
import { distinct, intIn, TokenSchema } from '../manifest/formats.ts';

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Multipliers and ratios are bounded so nothing downstream has to think about huge or tiny floats. */
const MAX_FACTOR = 16;

const positiveFactor = z.number().gt(0, 'expected a number > 0').max(MAX_FACTOR, `expected a number ≤ ${MAX_FACTOR}`);

/** [lo, hi] multipliers; must contain 1 so that "no change" is always within range. */
const MultiplierRangeSchema = z.tuple([positiveFactor, positiveFactor]).refine(([lo, hi]) => lo <= 1 && 1 <= hi, {
  message: 'expected [lo, hi] with lo ≤ 1 ≤ hi',
});

const AspectRangeSchema = z.tuple([positiveFactor, positiveFactor]).refine(([lo, hi]) => lo <= hi, {
  message: 'expected [lo, hi] with lo ≤ hi',
});

const fraction = z.number().gt(0, 'expected a fraction > 0').max(1, 'expected a fraction ≤ 1');

export const CropPolicySchema = z.strictObject({
  /** The final visible area, as a fraction of the original's area, must be at least this. */
  minAreaFrac: fraction,
  /** Allowed width/height of the cropped region, measured in the original's orientation. */
  aspect: AspectRangeSchema.optional(),
});

export const ResizePolicySchema = z.strictObject({
  /** A resize must not make the long edge smaller than this (or than it already was, if smaller). */
  minLongEdge: intIn(1, 65_535),
});

export const ColorPolicySchema = z.strictObject({
  brightness: MultiplierRangeSchema,
  contrast: MultiplierRangeSchema,
  saturation: MultiplierRangeSchema,
});

export const OrientPolicySchema = z.strictObject({
  /** Quarter-turn rotations (90, 180, 270). */
  rot90: z.boolean(),
  /** Horizontal mirroring; absent means false. */
  flip: z.boolean().optional(),
});

export const ReencodePolicySchema = z.strictObject({
  formats: distinct(z.enum(IMAGE_FORMATS), IMAGE_FORMATS.length),
  /** Applies to lossy encodes; lossless output (png, or webp/avif without a quality) always passes. */
  minQuality: intIn(1, 100),
});

export const RedactPolicySchema = z.strictObject({
  /** The redacted area, as a fraction of the final visible area, must be at most this. */
  maxAreaFrac: fraction,
});

export const TrimPolicySchema = z.strictObject({
  minDurationMs: intIn(1, 7 * 24 * 3600 * 1000).optional(),
});

export const TranscodePolicySchema = z.strictObject({
  codecs: distinct(TokenSchema, 32),
  minBitrate: intIn(1, 1_000_000_000).optional(),
});

const imagePolicyShape = {
  crop: CropPolicySchema.optional(),
  resize: ResizePolicySchema.optional(),
  color: ColorPolicySchema.optional(),
  orient: OrientPolicySchema.optional(),
  reencode: ReencodePolicySchema.optional(),
  redact: RedactPolicySchema.optional(),
};

const timedPolicyShape = {
  trim: TrimPolicySchema.optional(),
  transcode: TranscodePolicySchema.optional(),
};

/** Every key the checker understands. */
export const TransformPolicySchema = z.strictObject({ ...imagePolicyShape, ...timedPolicyShape });
export type TransformPolicy = z.infer<typeof TransformPolicySchema>;

/** What a photo capture may allow. */
export const ImagePolicySchema = z.strictObject(imagePolicyShape);
/** What an audio or video capture may allow. */
export const TimedMediaPolicySchema = z.strictObject(timedPolicyShape);
