/**
 * The derived state of a report. It is a summary for people; the entries are the evidence.
 * There is deliberately no state meaning "true" or "fake": provenance is not truth.
 *
 * Derivation, first rule that applies wins:
 *  1. `invalid`         — any failure entry. Something that was checked is false (bytes differ, a signature
 *                         does not verify, a key was revoked before logging, an edit is outside the policy, a
 *                         proof is broken); a partly false provenance must not be shown as good.
 *  2. `no-provenance`   — no `signature.valid` entry. Without a verified signature nobody vouches for
 *                         anything; this covers `provenance.none` and empty reports. It is neutral, not a
 *                         failure: most content has no provenance.
 *  3. `valid-untrusted` — no `identity.trusted` entry. The signatures verify but no signer chains to a
 *                         trusted root (or identity was not checked). One trusted signer is enough: signatures
 *                         are additive, so letting an extra unknown co-signer downgrade a trusted claim would
 *                         let anyone downgrade any manifest by signing it; the untrusted signers still appear
 *                         as informational entries.
 *  4. `valid-partial`   — any of PARTIAL_CODES: something is incomplete or only approximate (fewer than the
 *                         threshold of co-signers so far, anchoring pending, the media is only perceptually
 *                         bound, the quote is close not exact, the edit could not be replayed, a transcript's
 *                         recording was not available to check). Trust comes before completeness because who
 *                         vouches matters more to a reader than what is still pending.
 *  5. `valid`           — a trusted signer, every check passed, nothing pending.
 */
import type { StatusCode } from './codes.ts';
import type { StatusEntry } from './entry.ts';

export const REPORT_STATES = ['valid', 'valid-untrusted', 'valid-partial', 'invalid', 'no-provenance'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Informational codes that make an otherwise valid, trusted report `valid-partial`. */
export const PARTIAL_CODES: readonly StatusCode[] = [
  'cosign.partial',
  'anchor.pending',
  'binding.fingerprint.close',
  'binding.recording.missing',
  'clip.consistent',
  'quote.close',
  'transform.replay.skipped',
];

export function deriveState(entries: readonly StatusEntry[]): ReportState {
  if (entries.some((e) => e.kind === 'failure')) return 'invalid';
  if (!entries.some((e) => e.code === 'signature.valid')) return 'no-provenance';
  if (!entries.some((e) => e.code === 'identity.trusted')) return 'valid-untrusted';
  if (entries.some((e) => PARTIAL_CODES.includes(e.code))) return 'valid-partial';
  return 'valid';
}
