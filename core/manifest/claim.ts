/** Every claim kind, discriminated by `kind`. */
import * as z from 'zod';
import { CaptureAudioClaimSchema, CaptureVideoClaimSchema } from './capture-media.ts';
import { CapturePhotoClaimSchema } from './capture-photo.ts';
import { DerivativeClaimSchema } from './derivative.ts';
import { QuoteClaimSchema } from './quote.ts';
import { TranscriptClaimSchema } from './transcript.ts';

export const ClaimSchema = z.discriminatedUnion('kind', [
  CapturePhotoClaimSchema,
  CaptureAudioClaimSchema,
  CaptureVideoClaimSchema,
  TranscriptClaimSchema,
  DerivativeClaimSchema,
  QuoteClaimSchema,
]);
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimKind = Claim['kind'];

export const CLAIM_KINDS = [
  'capture.photo',
  'capture.audio',
  'capture.video',
  'transcript',
  'derivative',
  'quote',
] as const satisfies readonly ClaimKind[];

export const CAPTURE_KINDS = [
  'capture.photo',
  'capture.audio',
  'capture.video',
] as const satisfies readonly ClaimKind[];
