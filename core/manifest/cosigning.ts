/** k of n co-signing: how many of the claim's required signers have a valid signature so far. */
import type { StatusEntry } from '../report/entry.ts';
import { status } from '../report/entry.ts';
import type { Claim } from './claim.ts';

export function evaluateCosigning(claim: Pick<Claim, 'requiredSigners'>, validKeyIds: Iterable<string>): StatusEntry {
  const required = claim.requiredSigners;
  if (required === undefined) return status('cosign.notRequired');
  const valid = new Set(validKeyIds);
  const signed = required.keys.filter((k) => valid.has(k));
  const missing = required.keys.filter((k) => !valid.has(k));
  const n = required.keys.length;
  const k = required.threshold;
  if (signed.length >= k) {
    return status('cosign.complete', { detail: `${signed.length} of ${n} required signers signed (threshold ${k})` });
  }
  return status('cosign.partial', {
    detail: `${signed.length} of ${n} required signers signed (threshold ${k}); not yet signed: ${missing.join(', ')}`,
  });
}

/** One `cosign.unknownSigner` per valid signer outside the required list (only when the claim names one). */
export function unexpectedSigners(claim: Pick<Claim, 'requiredSigners'>, validKeyIds: Iterable<string>): StatusEntry[] {
  const required = claim.requiredSigners;
  if (required === undefined) return [];
  const known = new Set(required.keys);
  return [...new Set(validKeyIds)]
    .filter((k) => !known.has(k))
    .map((k) => status('cosign.unknownSigner', { subject: k }));
}
