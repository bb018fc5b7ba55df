/**
 * QuoteProof: the JSON a quote attestation carries. Only integers, lower-case hex (hashes) and base64url
 * (salts, UTF-8 text) so it passes the claim's bounded-JSON check; decoded and checked here.
 */
import * as z from 'zod';
import { base64urlToBytes, fromUtf8, hexToBytes } from '../bytes.ts';
import { isProvenantError, ProvenantError } from '../errors.ts';
import { DurationMsSchema, label } from '../manifest/formats.ts';
import { MAX_SEGMENT_TOKENS, MAX_SEGMENTS, MAX_SPEAKER_CHARS, MAX_TOKEN_BYTES } from './segment.ts';

export const QUOTE_PROOF_VERSION = 1;
/** Bounds on one proof: generous for any real quote, small enough to verify quickly. */
export const MAX_PROOF_SEGMENTS = 10_000;
export const MAX_PROOF_RUNS = 10_000;
/** Words one proof may reveal, over all its runs. */
export const MAX_RUN_TOKENS = 100_000;
/** A range proof over ≤ 2^40 leaves needs at most 2·40 hashes. */
export const MAX_PATH_HASHES = 128;

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex chars');
const b64 = (maxChars: number) =>
  z
    .string()
    .max(maxChars, `expected at most ${maxChars} chars`)
    .regex(/^[A-Za-z0-9_-]*$/, 'expected base64url');
const path = z.array(hex32).max(MAX_PATH_HASHES, `expected at most ${MAX_PATH_HASHES} hashes`);
const count = (max: number) => z.int().min(0, 'expected an integer ≥ 0').max(max, `expected an integer ≤ ${max}`);

export const ProofSegmentSchema = z.strictObject({
  /** base64url(UTF-8(speaker label)). */
  speaker: b64(Math.ceil((MAX_SPEAKER_CHARS * 3 * 4) / 3)),
  t0: DurationMsSchema,
  t1: DurationMsSchema,
  tokenCount: count(MAX_SEGMENT_TOKENS),
  tokensRoot: hex32,
  /** base64url of the 32-byte segment salt. */
  salt: b64(43),
});

export const ProofRunSchema = z.strictObject({
  /** Index of the quote fragment these words belong to. */
  fragment: count(MAX_PROOF_RUNS - 1),
  /** Segment index i. */
  segment: count(MAX_SEGMENTS - 1),
  /** Index of the first revealed word in the segment's token tree. */
  start: count(MAX_SEGMENT_TOKENS - 1),
  /** base64url(UTF-8(raw token)), in order. */
  tokens: z
    .array(b64(Math.ceil((MAX_TOKEN_BYTES * 4) / 3)))
    .min(1, 'expected at least 1 token')
    .max(MAX_RUN_TOKENS),
  /** base64url of each token's 32-byte salt. */
  salts: z.array(b64(43)).max(MAX_RUN_TOKENS),
  /** Range proof of the tokens in the segment's token tree (hex hashes). */
  proof: path,
});

export const QuoteProofSchema = z.strictObject({
  v: z.literal(QUOTE_PROOF_VERSION),
  normaliser: z.literal('qv1'),
  segments: z.strictObject({
    /** Index of the first revealed segment. */
    start: count(MAX_SEGMENTS - 1),
    /** Every segment from the first to the last one the quote touches. */
    items: z.array(ProofSegmentSchema).min(1).max(MAX_PROOF_SEGMENTS),
    /** Range proof of the items' leaves in the transcript tree (hex hashes). */
    proof: path,
  }),
  runs: z.array(ProofRunSchema).min(1).max(MAX_PROOF_RUNS),
});

export type QuoteProof = z.infer<typeof QuoteProofSchema>;

/** A proof with every string decoded and checked. */
export interface DecodedSegment {
  i: number;
  speaker: string;
  t0: number;
  t1: number;
  tokenCount: number;
  tokensRoot: Uint8Array;
  salt: Uint8Array;
}
export interface DecodedRun {
  fragment: number;
  segment: number;
  start: number;
  tokens: string[];
  salts: Uint8Array[];
  proof: Uint8Array[];
}
export interface DecodedQuoteProof {
  segmentStart: number;
  segments: DecodedSegment[];
  segmentProof: Uint8Array[];
  runs: DecodedRun[];
}

const SpeakerLabel = label(MAX_SPEAKER_CHARS);

function malformed(message: string, path: readonly PropertyKey[], cause?: unknown): ProvenantError {
  return new ProvenantError('proof.malformed', `quote proof: ${message}`, {
    details: [path.map(String).join('.')],
    cause,
  });
}

/** Decodes one field, turning encoding errors into proof.malformed at that path. */
function field<T>(path: readonly PropertyKey[], decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    if (isProvenantError(e)) throw malformed(e.message, path, e);
    throw e;
  }
}

function utf8Text(s: string, maxBytes: number): string {
  const bytes = base64urlToBytes(s);
  if (bytes.length === 0 || bytes.length > maxBytes) {
    throw new ProvenantError('encoding.invalid', `expected 1…${maxBytes} bytes of UTF-8`);
  }
  return fromUtf8(bytes);
}

/** Parses and decodes a QuoteProof; every structural problem is proof.malformed. Cryptography is not checked here. */
export function decodeQuoteProof(value: unknown): DecodedQuoteProof {
  const parsed = QuoteProofSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(issue?.message ?? 'invalid', issue?.path ?? []);
  }
  const p = parsed.data;
  if (p.segments.start + p.segments.items.length > MAX_SEGMENTS) {
    throw malformed('segments run past the largest transcript', ['segments', 'items']);
  }
  if (p.runs.reduce((n, r) => n + r.tokens.length, 0) > MAX_RUN_TOKENS) {
    throw malformed(`reveals more than ${MAX_RUN_TOKENS} words`, ['runs']);
  }
  const segments = p.segments.items.map((item, k): DecodedSegment => {
    const at = ['segments', 'items', k];
    const speaker = field([...at, 'speaker'], () => utf8Text(item.speaker, MAX_SPEAKER_CHARS * 3));
    if (!SpeakerLabel.safeParse(speaker).success) throw malformed('speaker is not a valid label', [...at, 'speaker']);
    return {
      i: p.segments.start + k,
      speaker,
      t0: item.t0,
      t1: item.t1,
      tokenCount: item.tokenCount,
      tokensRoot: hexToBytes(item.tokensRoot, 32),
      salt: field([...at, 'salt'], () => base64urlToBytes(item.salt, 32)),
    };
  });
  const runs = p.runs.map((run, r): DecodedRun => {
    const at = ['runs', r];
    if (run.salts.length !== run.tokens.length) throw malformed('expected one salt per token', [...at, 'salts']);
    return {
      fragment: run.fragment,
      segment: run.segment,
      start: run.start,
      tokens: run.tokens.map((t, k) => field([...at, 'tokens', k], () => utf8Text(t, MAX_TOKEN_BYTES))),
      salts: run.salts.map((s, k) => field([...at, 'salts', k], () => base64urlToBytes(s, 32))),
      proof: run.proof.map((h) => hexToBytes(h, 32)),
    };
  });
  return {
    segmentStart: p.segments.start,
    segments,
    segmentProof: p.segments.proof.map((h) => hexToBytes(h, 32)),
    runs,
  };
}
