/**
 * Parsing untrusted manifests. Whatever the input, the outcome is a parsed manifest or ONE
 * ProvenantError('manifest.invalid') whose details list every bad field path.
 */
import { bytesToHex, fromUtf8, utf8 } from '../bytes.ts';
import { canonicalBytes, parseJson } from '../canonical.ts';
import { isProvenantError, ProvenantError } from '../errors.ts';
import { taggedHash } from '../hash.ts';
import type { Claim } from './claim.ts';
import { formatIssues } from './issues.ts';
import { MAX_MANIFEST_BYTES, type Manifest, ManifestSchema } from './manifest.ts';

export interface ParsedManifest {
  /** The claim is re-read from claimBytes, so the parsed form is exactly what was signed. */
  readonly manifest: Manifest;
  /** RFC 8785 canonical bytes of the claim: the signed bytes. */
  readonly claimBytes: Uint8Array;
  /** taggedHash('claim', claimBytes). */
  readonly claimDigest: Uint8Array;
  /** Manifest id: hex(claimDigest). Adding signatures never changes it. */
  readonly id: string;
}

function invalid(details: readonly string[], cause?: unknown): ProvenantError {
  return new ProvenantError('manifest.invalid', `invalid manifest: ${details[0] ?? 'unknown problem'}`, {
    details,
    cause,
  });
}

function utf8Length(text: string): number {
  // Each UTF-16 unit becomes at most 3 UTF-8 bytes; only encode when the cheap bound is not enough.
  return text.length * 3 <= MAX_MANIFEST_BYTES ? text.length : utf8(text).length;
}

function decodeInput(input: unknown): unknown {
  if (input instanceof Uint8Array) {
    if (input.length > MAX_MANIFEST_BYTES) throw invalid([`manifest: larger than ${MAX_MANIFEST_BYTES} bytes`]);
    return parseJson(fromUtf8(input), MAX_MANIFEST_BYTES);
  }
  if (typeof input === 'string') {
    if (input.length > MAX_MANIFEST_BYTES || utf8Length(input) > MAX_MANIFEST_BYTES) {
      throw invalid([`manifest: larger than ${MAX_MANIFEST_BYTES} bytes`]);
    }
    return parseJson(input, MAX_MANIFEST_BYTES);
  }
  return input;
}

/** Accepts JSON bytes, JSON text, or an already-parsed value. */
export function parseManifest(input: unknown): ParsedManifest {
  try {
    const value = decodeInput(input);
    const result = ManifestSchema.safeParse(value);
    if (!result.success) throw invalid(formatIssues(result.error.issues, value), result.error);
    const claimBytes = canonicalBytes(result.data.claim);
    if (claimBytes.length > MAX_MANIFEST_BYTES) {
      throw invalid([`claim: canonical form larger than ${MAX_MANIFEST_BYTES} bytes`]);
    }
    const claim = JSON.parse(fromUtf8(claimBytes)) as Claim;
    const claimDigest = taggedHash('claim', claimBytes);
    return {
      manifest: { claim, signatures: result.data.signatures },
      claimBytes,
      claimDigest,
      id: bytesToHex(claimDigest),
    };
  } catch (e) {
    if (isProvenantError(e, 'manifest.invalid')) throw e;
    // JSON syntax, UTF-8, I-JSON and anything a hostile object can throw all become one coded error.
    const reason = isProvenantError(e) ? e.message : 'unreadable input';
    throw invalid([`manifest: ${reason}`], e);
  }
}

/** The id a claim would have, for signers building a manifest. Throws manifest.invalid like parseManifest. */
export function claimId(claim: unknown): string {
  return parseManifest({ claim, signatures: [] }).id;
}
