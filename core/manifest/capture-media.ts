/** `capture.audio` and `capture.video`: recordings bound by their file hash and a Merkle root over packets. */
import * as z from 'zod';
import { TimedMediaPolicySchema } from '../policy/schema.ts';
import { CaptureContextSchema } from './capture-photo.ts';
import { commonClaimShape } from './common.ts';
import {
  ByteLengthSchema,
  base64url,
  DigestSchema,
  DurationMsSchema,
  hexChars,
  intIn,
  mediaType,
  TokenSchema,
} from './formats.ts';

/** One frame hash per second for 24 h. */
export const MAX_PER_SECOND_FRAMES = 86_400;
/** A raw Chromaprint fingerprint is ≈ 8 × 32-bit values per second; 1 MiB of base64url covers hours. */
export const MAX_CHROMAPRINT_CHARS = 1 << 20;

export const PacketsSchema = z.strictObject({
  count: intIn(1, 2 ** 32),
  /** RFC 6962 Merkle root over the per-packet hashes of one stream. */
  root: DigestSchema,
  /** Index of the hashed stream in the container. */
  stream: intIn(0, 255),
  hash: z.literal('sha256-framehash', { error: "expected 'sha256-framehash'" }),
});

/** Either a fingerprint, or the explicit statement that none could be computed. */
export const AcousticFingerprintSchema = z
  .strictObject({
    chromaprint: base64url(MAX_CHROMAPRINT_CHARS, 1).nullable().optional(),
    reason: z.literal('unavailable', { error: "expected 'unavailable'" }).optional(),
  })
  .superRefine((f, ctx) => {
    const has = typeof f.chromaprint === 'string';
    if (has && f.reason !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'must be absent when a fingerprint is given' });
    }
    if (!has && f.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: "required ('unavailable') without a fingerprint" });
    }
  });

export const FramesSchema = z.strictObject({
  perSecondPhash: z.array(hexChars(16)).max(MAX_PER_SECOND_FRAMES, `expected at most ${MAX_PER_SECOND_FRAMES} items`),
});

function timedAssetSchema(top: 'audio' | 'video') {
  const base = {
    mediaType: mediaType([top]),
    byteLength: ByteLengthSchema,
    sha256: DigestSchema,
    durationMs: DurationMsSchema,
    codec: TokenSchema,
    container: TokenSchema,
    packets: PacketsSchema,
    fingerprint: AcousticFingerprintSchema.optional(),
  };
  return top === 'video' ? z.strictObject({ ...base, frames: FramesSchema.optional() }) : z.strictObject(base);
}

export const AudioAssetSchema = timedAssetSchema('audio');
export const VideoAssetSchema = timedAssetSchema('video');

export const CaptureAudioClaimSchema = z.strictObject({
  ...commonClaimShape,
  kind: z.literal('capture.audio'),
  asset: AudioAssetSchema,
  capture: CaptureContextSchema.optional(),
  policy: TimedMediaPolicySchema,
});
export type CaptureAudioClaim = z.infer<typeof CaptureAudioClaimSchema>;

export const CaptureVideoClaimSchema = z.strictObject({
  ...commonClaimShape,
  kind: z.literal('capture.video'),
  asset: VideoAssetSchema,
  capture: CaptureContextSchema.optional(),
  policy: TimedMediaPolicySchema,
});
export type CaptureVideoClaim = z.infer<typeof CaptureVideoClaimSchema>;
