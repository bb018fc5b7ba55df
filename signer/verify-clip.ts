/**
 * Offline verification of an audio/video derivative (a clip), in order: the claim; the clip shown bound to the
 * derivative's output (bytes → packets → fingerprints); the editor's signatures and identities; the chain back to
 * the capture.audio/video claim and the capture signers' identities; the capture's policy over the whole chain of
 * recipes; the clip check (derive/clip-check.ts: exact run by range proof, or consistent by fingerprint); co-signing;
 * anchoring not checked offline.
 */
import { isProvenantError } from '../core/errors.ts';
import { evaluateCosigning, unexpectedSigners } from '../core/manifest/cosigning.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { checkRecipeChain } from '../core/policy/check.ts';
import { type StatusEntry, status } from '../core/report/entry.ts';
import { chainRecipes, type DerivativeClaim, resolveTimedChain } from './derive/chain.ts';
import { checkClip } from './derive/clip-check.ts';
import { type FfmpegBinary, findFfmpeg } from './ffmpeg.ts';
import { analyseTimed, type TimedAnalysis } from './media/av.ts';
import { detectMedia } from './media/detect.ts';
import { EMPTY_TRUST } from './trust.ts';
import { bindTimed, type TimedAsset, type VerifyOutcome } from './verify.ts';
import { chainEntry } from './verify-chain.ts';
import type { VerifyDerivativeInput } from './verify-derivative.ts';
import { offlineOutcome } from './verify-outcome.ts';
import { checkSigners } from './verify-signers.ts';

export interface VerifyClipInput extends VerifyDerivativeInput {
  ffmpeg?: FfmpegBinary;
}

/** Hashes the clip once (packet leaves kept); media.* errors mean "not readable" (null). */
async function analyseClip(
  mediaPath: string,
  getFfmpeg: () => Promise<FfmpegBinary>,
  cached: TimedAnalysis | null,
): Promise<TimedAnalysis | null> {
  if (cached) return cached;
  try {
    const detected = await detectMedia(mediaPath);
    if (detected.sort !== 'timed') return null;
    return await analyseTimed(await getFfmpeg(), mediaPath, detected, { collectPackets: true });
  } catch (e) {
    if (isProvenantError(e) && e.code.startsWith('media.')) return null;
    throw e;
  }
}

export async function verifyClip(input: VerifyClipInput): Promise<VerifyOutcome> {
  const { parsed, manifestPath, mediaPath } = input;
  const trust = input.trust ?? EMPTY_TRUST;
  const claim = parsed.manifest.claim as DerivativeClaim;
  const asset = claim.asset as TimedAsset & { codec: string };
  const notes: string[] = [];
  const entries: StatusEntry[] = [status('claim.valid', { subject: parsed.id, detail: claim.kind })];
  let ffmpeg: Promise<FfmpegBinary> | undefined;
  const getFfmpeg = () => {
    ffmpeg ??= input.ffmpeg ? Promise.resolve(input.ffmpeg) : findFfmpeg();
    return ffmpeg;
  };

  let shown: TimedAnalysis | null = null;
  if (mediaPath === null) {
    notes.push('no media file was given or found next to the manifest: only the manifests were checked');
  } else {
    const path = mediaPath;
    entries.push(
      await bindTimed(
        asset,
        path,
        async (d) => {
          shown = await analyseTimed(await getFfmpeg(), path, d, { collectPackets: true });
          return shown;
        },
        notes,
      ),
    );
    shown = await analyseClip(path, getFfmpeg, shown);
  }

  const { valid, identities, addIdentity } = await checkSigners(parsed, manifestPath, trust, entries);

  const chain = await resolveTimedChain(parsed, manifestPath, input.parents ?? []);
  const linked = chainEntry(chain);
  entries.push(linked.entry);
  if (linked.ok && chain.status === 'ok') {
    const capture = chain.capture.manifest.claim;
    for (const k of validKeyIds(verifyManifestSignatures(chain.capture))) addIdentity(k);
    const recipes = chainRecipes(chain.links);
    entries.push(
      ...checkRecipeChain(capture.policy, recipes, {
        width: 0,
        height: 0,
        durationMs: capture.asset.durationMs,
        packetCount: capture.asset.packets.count,
      }),
    );
    entries.push(
      checkClip({
        capture,
        ops: recipes.flat(),
        packetProof: claim.packetProof,
        claimedCodec: asset.codec,
        shown,
        whyNoMedia: mediaPath === null ? 'no clip to compare with' : 'the clip shown cannot be read as audio or video',
      }),
    );
  }

  entries.push(evaluateCosigning(claim, valid), ...unexpectedSigners(claim, valid));
  return offlineOutcome({
    entries,
    notes,
    trust,
    validSigners: valid.length,
    manifestPath,
    mediaPath: mediaPath,
    manifestId: parsed.id,
    kind: claim.kind,
    identities,
  });
}
