/**
 * The shared shape of signed statements: `{statement, signatures[]}`, where digest =
 * taggedHash(tag, JCS(statement)) and each signature is a signature entry over that digest.
 */
import * as z from 'zod';
import { canonicalBytes } from '../canonical.ts';
import { isProvenantError, ProvenantError } from '../errors.ts';
import { type Tag, taggedHash } from '../hash.ts';
import { isAlg } from './algorithms.ts';
import { isChecksumAddress } from './ethereum-address.ts';
import {
  type EntryVerifier,
  type SignatureEntry,
  SignatureEntrySchema,
  verifySignatureEntry,
} from './signature-entry.ts';
import { formatIssues } from './zod-issues.ts';

export const MAX_STATEMENT_SIGNATURES = 16;
const HEX64_RE = /^[0-9a-f]{64}$/;

/** A key id in either spelling: 64 lower-case hex digits, or an EIP-55 address. */
export const KeyIdSchema = z
  .string()
  .max(66)
  .refine((s) => HEX64_RE.test(s) || isChecksumAddress(s), {
    message: 'expected 64 lower-case hex digits or an EIP-55 checksummed address',
  });

/** C0/C1 controls and bidi overrides would let a subject name spoof another in the UI. */
const UNSAFE_TEXT_RE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
export const DisplayTextSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !UNSAFE_TEXT_RE.test(s) && s.trim() === s, {
    message: 'expected text without control or bidi characters or surrounding spaces',
  });

export const TimeSchema = z.int().min(0);

export function envelopeSchema<S extends z.ZodType>(statement: S) {
  return z.strictObject({
    statement,
    signatures: z
      .array(SignatureEntrySchema)
      .min(1)
      .max(MAX_STATEMENT_SIGNATURES, `expected at most ${MAX_STATEMENT_SIGNATURES} signatures`),
  });
}

export interface Envelope<T> {
  statement: T;
  signatures: SignatureEntry[];
}

/** Parse untrusted input: every bad field path goes into one `statement.invalid` error. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = formatIssues(parsed.error.issues, '');
  const paths = details.map((d) => (d.startsWith('.') ? d.slice(1) : d));
  throw new ProvenantError('statement.invalid', `${what} is invalid: ${paths[0] ?? ''}`, { details: paths });
}

export function statementDigest(tag: Tag, statement: unknown): Uint8Array {
  return taggedHash(tag, canonicalBytes(statement));
}

/**
 * Whether some entry by `keyId` with `role` is a valid signature over `digest`. Malformed entries
 * (e.g. a public key that is not a point) count as not signed, never as an exception.
 */
export function hasValidSignature(
  signatures: readonly SignatureEntry[],
  digest: Uint8Array,
  keyId: string,
  role: SignatureEntry['role'],
  verifier?: EntryVerifier,
): boolean {
  for (const entry of signatures) {
    if (entry.keyId !== keyId || entry.role !== role || !isAlg(entry.alg)) continue;
    try {
      if (verifySignatureEntry(entry, digest, verifier)) return true;
    } catch (e) {
      if (!isProvenantError(e)) throw e;
    }
  }
  return false;
}
