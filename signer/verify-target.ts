/**
 * `verify`'s entry point: finds the manifest (and the media, if any), parses it once and hands it to the check for
 * its kind. A malformed manifest is a report (claim.malformed), not an error.
 */
import { isProvenantError } from '../core/errors.ts';
import type { ParsedManifest } from '../core/manifest/parse.ts';
import { status } from '../core/report/entry.ts';
import { buildReport, summarise } from '../core/report/report.ts';
import { readManifestFile } from './cosign.ts';
import type { FfmpegBinary } from './ffmpeg.ts';
import type { TrustConfig } from './trust.ts';
import { resolveTargets, type VerifyOutcome, verifyCapture } from './verify.ts';
import { verifyDerivative } from './verify-derivative.ts';
import { verifyQuote } from './verify-quote.ts';
import { verifyTranscript } from './verify-transcript.ts';

export interface VerifyTargetOptions {
  /** A media file or a manifest. */
  target: string;
  manifest?: string;
  trust?: TrustConfig;
  ffmpeg?: FfmpegBinary;
  /** More manifests to look for parents (derivatives) or sources (quotes) in. */
  parents?: readonly string[];
}

export async function verifyTarget(options: VerifyTargetOptions): Promise<VerifyOutcome> {
  const { manifestPath, mediaPath } = await resolveTargets(options.target, options.manifest);
  let parsed: ParsedManifest;
  try {
    parsed = await readManifestFile(manifestPath);
  } catch (e) {
    if (!isProvenantError(e, 'manifest.invalid')) throw e;
    const report = buildReport([status('claim.malformed', { detail: e.details.slice(0, 5).join('; ') || e.message })]);
    return {
      report,
      summary: summarise(report),
      manifestPath,
      mediaPath,
      manifestId: null,
      kind: null,
      identities: [],
      notes: [],
    };
  }
  const common = {
    parsed,
    manifestPath,
    mediaPath,
    ...(options.trust === undefined ? {} : { trust: options.trust }),
    ...(options.parents === undefined ? {} : { parents: options.parents }),
  };
  switch (parsed.manifest.claim.kind) {
    case 'capture.photo':
    case 'capture.audio':
    case 'capture.video':
      return verifyCapture(options);
    case 'derivative':
      return verifyDerivative(common);
    case 'transcript':
      return verifyTranscript(common);
    case 'quote':
      return verifyQuote(common);
  }
}
