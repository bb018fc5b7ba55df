/** The common end of every offline verification: the trust note, the anchoring entry, the report and the outcome. */
import type { Claim } from '../core/manifest/claim.ts';
import type { StatusEntry } from '../core/report/entry.ts';
import { status } from '../core/report/entry.ts';
import { buildReport, summarise } from '../core/report/report.ts';
import type { TrustConfig } from './trust.ts';
import type { IdentitySummary, VerifyOutcome } from './verify.ts';

export interface OfflineOutcomeInput {
  entries: StatusEntry[];
  notes: string[];
  trust: TrustConfig;
  /** How many signatures verified (a trust note only makes sense when some did). */
  validSigners: number;
  manifestPath: string;
  mediaPath: string | null;
  manifestId: string | null;
  kind: Claim['kind'] | null;
  identities: IdentitySummary[];
}

export function offlineOutcome(input: OfflineOutcomeInput): VerifyOutcome {
  const notes = [...input.notes];
  if (input.trust.roots.length === 0 && input.validSigners > 0)
    notes.push('no --trust file: no signer can be trusted, only checked');
  // Offline, the log is not consulted: the anchoring dimension says so rather than staying silent.
  const entries = [
    ...input.entries,
    status('anchor.notChecked', { detail: 'offline verification does not check the transparency log' }),
  ];
  const report = buildReport(entries);
  return {
    report,
    summary: summarise(report),
    manifestPath: input.manifestPath,
    mediaPath: input.mediaPath,
    manifestId: input.manifestId,
    kind: input.kind,
    identities: input.identities,
    notes,
  };
}
