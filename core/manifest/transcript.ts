/** `transcript`: a salted two-level Merkle commitment to a recording's transcript (segments → words). */
import * as z from 'zod';
import { commonClaimShape } from './common.ts';
import { ClaimRefSchema, DigestSchema, intIn, KeyIdSchema, label } from './formats.ts';

export const MAX_SPEAKERS = 64;

export const SpeakerSchema = z.strictObject({
  label: label(128),
  /** The speaker's own key, when they co-sign. */
  keyId: KeyIdSchema.optional(),
});

export const TranscriptSummarySchema = z.strictObject({
  root: DigestSchema,
  segmentCount: intIn(1, 1_000_000),
  wordCount: intIn(0, 100_000_000),
  speakers: z
    .array(SpeakerSchema)
    .min(1, 'expected at least 1 speaker')
    .max(MAX_SPEAKERS, `expected at most ${MAX_SPEAKERS} speakers`)
    .refine((s) => new Set(s.map((x) => x.label)).size === s.length, 'expected distinct speaker labels'),
  /** BCP 47 language tag. */
  language: z
    .string()
    .max(35, 'expected at most 35 chars')
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'expected a BCP 47 language tag')
    .optional(),
});

export const TranscriptClaimSchema = z.strictObject({
  ...commonClaimShape,
  kind: z.literal('transcript'),
  /** The capture.audio / capture.video claim this transcribes. */
  recording: ClaimRefSchema,
  transcript: TranscriptSummarySchema,
  normaliser: z.literal('qv1', { error: "expected 'qv1'" }),
});
export type TranscriptClaim = z.infer<typeof TranscriptClaimSchema>;
