/** `quote`: a newsroom's attestation that a speaker said exactly these words in a signed transcript. */
import * as z from 'zod';
import { QuoteProofSchema } from '../transcript/proof-format.ts';
import { commonClaimShape } from './common.ts';
import { ClaimRefSchema, DurationMsSchema, label, prose } from './formats.ts';

export const MAX_QUOTE_CHARS = 10_000;
export const MAX_URL_CHARS = 2048;

/** http(s) only, and spelled exactly as the WHATWG URL serialiser spells it, so equal URLs are equal strings. */
export const ArticleUrlSchema = z
  .string()
  .max(MAX_URL_CHARS, `expected at most ${MAX_URL_CHARS} chars`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.href === s;
    } catch {
      return false;
    }
  }, 'expected a normalised http(s) URL');

export const QuoteSchema = z
  .strictObject({
    /** As published; `…` separates fragments and `[brackets]` are editorial (see the qv1 normaliser). */
    text: prose(MAX_QUOTE_CHARS),
    speaker: label(128),
    /** Milliseconds from the start of the recording. */
    t0: DurationMsSchema,
    t1: DurationMsSchema,
    normaliser: z.literal('qv1', { error: "expected 'qv1'" }),
  })
  // Equal times are possible: transcript segments only need t0 ≤ t1, and the quote's times are theirs.
  .refine((q) => q.t1 >= q.t0, { path: ['t1'], message: 'must not be before t0' });

export const QuoteClaimSchema = z.strictObject({
  ...commonClaimShape,
  kind: z.literal('quote'),
  /** The transcript manifest the words come from. */
  source: ClaimRefSchema,
  quote: QuoteSchema,
  /** The QuoteProof of core/transcript: its structure is checked here, its hashes by core/transcript. */
  proof: QuoteProofSchema,
  article: z.strictObject({ url: ArticleUrlSchema, title: label(512).optional() }).optional(),
});
export type QuoteClaim = z.infer<typeof QuoteClaimSchema>;
