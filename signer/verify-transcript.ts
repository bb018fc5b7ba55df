/**
 * Offline verification of a transcript manifest: the claim, the transcriber's and speakers' signatures and
 * identities, the binding to the recording (found by claim digest beside the manifest, in its parents sidecar or
 * via --parent, and itself validly signed), and co-signing k of n of the required speakers.
 */

import { evaluateCosigning, unexpectedSigners } from '../core/manifest/cosigning.ts';
import type { ParsedManifest } from '../core/manifest/parse.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { type StatusEntry, status } from '../core/report/entry.ts';
import { findManifest } from './derive/chain.ts';
import { EMPTY_TRUST, type TrustConfig } from './trust.ts';
import type { VerifyOutcome } from './verify.ts';
import { offlineOutcome } from './verify-outcome.ts';
import { checkSigners } from './verify-signers.ts';

export interface VerifyManifestInput {
  parsed: ParsedManifest;
  manifestPath: string;
  mediaPath: string | null;
  trust?: TrustConfig;
  parents?: readonly string[];
}

/** Signature entries, identities of the valid signers, and the valid key ids, for one manifest. */
/** The recording a transcript names: found, a capture.audio/video claim, validly signed. */
export async function recordingBinding(
  claim: { recording: { claimDigest: string } },
  manifestPath: string,
  parents: readonly string[],
): Promise<StatusEntry> {
  const want = claim.recording.claimDigest;
  const rec = await findManifest(want, manifestPath, parents);
  if (rec === null)
    return status('binding.recording.missing', { subject: want, detail: 'pass --parent <recording manifest>' });
  const kind = rec.manifest.claim.kind;
  if (kind !== 'capture.audio' && kind !== 'capture.video') {
    return status('binding.recording.invalid', { subject: want, detail: `it is a ${kind} claim` });
  }
  if (validKeyIds(verifyManifestSignatures(rec)).length === 0) {
    return status('binding.recording.invalid', { subject: want, detail: 'the recording carries no valid signature' });
  }
  return status('binding.recording.ok', {
    subject: want,
    detail: `${kind}, ${rec.manifest.claim.asset.durationMs} ms`,
  });
}

export async function verifyTranscript(input: VerifyManifestInput): Promise<VerifyOutcome> {
  const { parsed, manifestPath } = input;
  const trust = input.trust ?? EMPTY_TRUST;
  const claim = parsed.manifest.claim as Extract<typeof parsed.manifest.claim, { kind: 'transcript' }>;
  const notes: string[] = [];
  const entries: StatusEntry[] = [status('claim.valid', { subject: parsed.id, detail: claim.kind })];
  entries.push(await recordingBinding(claim, manifestPath, input.parents ?? []));
  const signers = await checkSigners(parsed, manifestPath, trust, entries);
  entries.push(evaluateCosigning(claim, signers.valid), ...unexpectedSigners(claim, signers.valid));
  return offlineOutcome({
    entries,
    notes,
    trust,
    validSigners: signers.valid.length,
    manifestPath,
    mediaPath: input.mediaPath,
    manifestId: parsed.id,
    kind: claim.kind,
    identities: signers.identities,
  });
}
