/** Transcript segments as imported: `{i, speaker, t0, t1, text}`, validated at the boundary. */
import * as z from 'zod';
import { ProvenantError } from '../errors.ts';
import { DurationMsSchema, label } from '../manifest/formats.ts';
import { QV1_MAX_CHARS } from '../quote/qv1.ts';

/** Matches TranscriptSummarySchema.segmentCount. */
export const MAX_SEGMENTS = 1_000_000;
/** Token salts are indexed i·2^20 + j, so a segment holds fewer than 2^20 words. */
export const MAX_SEGMENT_TOKENS = 2 ** 20 - 1;
export const MAX_SEGMENT_CHARS = QV1_MAX_CHARS;
export const MAX_SPEAKER_CHARS = 128;
/** Longest word (UTF-8 bytes) a transcript may hold: bounds a proof's strings. */
export const MAX_TOKEN_BYTES = 4096;

export const SegmentInputSchema = z
  .strictObject({
    i: z
      .int()
      .min(0, 'expected an index ≥ 0')
      .max(MAX_SEGMENTS - 1, `expected an index < ${MAX_SEGMENTS}`),
    /** A display label ("Speaker A", "Host") or a key id. */
    speaker: label(MAX_SPEAKER_CHARS),
    /** Milliseconds from the start of the recording. */
    t0: DurationMsSchema,
    t1: DurationMsSchema,
    text: z
      .string()
      .max(MAX_SEGMENT_CHARS, `expected at most ${MAX_SEGMENT_CHARS} chars`)
      .refine((s) => s.isWellFormed(), 'expected well-formed Unicode (no lone surrogates)'),
  })
  .refine((s) => s.t1 >= s.t0, { path: ['t1'], message: 'must not be less than t0' });

export type SegmentInput = z.infer<typeof SegmentInputSchema>;

/** Validates a whole transcript: 1…MAX_SEGMENTS segments whose `i` is dense from 0, in order. */
export function parseSegments(input: unknown): SegmentInput[] {
  if (!Array.isArray(input)) throw new ProvenantError('transcript.invalid', 'segments must be an array');
  if (input.length === 0) throw new ProvenantError('transcript.invalid', 'a transcript needs at least one segment');
  if (input.length > MAX_SEGMENTS) {
    throw new ProvenantError('input.tooLarge', `a transcript has at most ${MAX_SEGMENTS} segments`);
  }
  const out: SegmentInput[] = [];
  for (let k = 0; k < input.length; k++) {
    const parsed = SegmentInputSchema.safeParse(input[k]);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => [k, ...issue.path].join('.'));
      throw new ProvenantError('transcript.invalid', `segment ${k} is invalid: ${parsed.error.issues[0]?.message}`, {
        details,
      });
    }
    if (parsed.data.i !== k) {
      throw new ProvenantError('transcript.invalid', `segment ${k} has i = ${parsed.data.i}; i must be dense from 0`, {
        details: [`${k}.i`],
      });
    }
    out.push(parsed.data);
  }
  return out;
}
