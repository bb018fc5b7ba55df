/**
 * The transcript producer's secret sidecar, `<manifest>.secret.json` (mode 0600): the 32-byte seed every salt of
 * the transcript tree derives from, and the imported segments, which together rebuild the tree for quote proofs.
 * Whoever holds it can prove quotes (a newsroom the podcaster shares it with) and test guesses about unrevealed
 * words, so it is never published.
 */
import * as z from 'zod';
import { base64urlToBytes, bytesToBase64url, fromUtf8 } from '../../core/bytes.ts';
import { parseJson } from '../../core/canonical.ts';
import { ProvenantError } from '../../core/errors.ts';
import { parseSegments, type SegmentInput } from '../../core/transcript/segment.ts';
import { readSmallFile, SECRET_FILE_MODE, writeOutputFile } from '../files.ts';
import { secretPathOf } from '../sidecars.ts';
import { MAX_TRANSCRIPT_BYTES } from './limits.ts';

const MAX_SECRET_BYTES = 2 * MAX_TRANSCRIPT_BYTES;

const TranscriptSecretSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('provenant-transcript-secret'),
  manifestId: z.string().regex(/^[0-9a-f]{64}$/),
  seed: z.string().length(43),
  segments: z.array(z.unknown()),
});

export interface TranscriptSecret {
  manifestId: string;
  seed: Uint8Array;
  segments: SegmentInput[];
}

export async function writeTranscriptSecret(manifestPath: string, secret: TranscriptSecret, force = false) {
  const path = secretPathOf(manifestPath);
  const json = {
    v: 1,
    type: 'provenant-transcript-secret',
    manifestId: secret.manifestId,
    seed: bytesToBase64url(secret.seed),
    segments: secret.segments,
  };
  await writeOutputFile(path, `${JSON.stringify(json)}\n`, { force, mode: SECRET_FILE_MODE });
  return path;
}

/** Reads a transcript secret from `path` (default: beside the manifest). */
export async function readTranscriptSecret(path: string): Promise<TranscriptSecret> {
  const text = fromUtf8(await readSmallFile(path, MAX_SECRET_BYTES, 'transcript secret'));
  const parsed = TranscriptSecretSchema.safeParse(parseJson(text, MAX_SECRET_BYTES));
  if (!parsed.success) throw new ProvenantError('input.invalid', `${path} is not a Provenant transcript secret`);
  return {
    manifestId: parsed.data.manifestId,
    seed: base64urlToBytes(parsed.data.seed, 32),
    segments: parseSegments(parsed.data.segments),
  };
}
