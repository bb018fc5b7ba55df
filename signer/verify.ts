/**
 * Offline verification of capture manifests. The checks, in order:
 *   1. the manifest parses (claim.valid / claim.malformed);
 *   2. binding of the media to the claim, falling back one level at a time and reporting only the level that
 *      decided: file bytes (SHA-256) → decoded pixels (raster digest) or stream packets (packet root) →
 *      perceptual fingerprints (close = informational, far = failure);
 *   3. every signature (core: one status per key id);
 *   4. identity of each valid signer: its key statement chain (from `<manifest>.keys.json` and the trust file)
 *      to a trusted root, and revocations;
 *   5. co-signing: k of the claim's n required signers;
 *   6. anchoring: not checked offline (anchor.notChecked).
 */
import { open } from 'node:fs/promises';
import { base64urlToBytes } from '../core/bytes.ts';
import { isProvenantError, ProvenantError } from '../core/errors.ts';
import type { RgbaImage } from '../core/image/rgba.ts';
import { comparePhotos } from '../core/image/similarity.ts';
import type { Claim } from '../core/manifest/claim.ts';
import { evaluateCosigning, unexpectedSigners } from '../core/manifest/cosigning.ts';
import type { ParsedManifest } from '../core/manifest/parse.ts';
import type { StatusEntry } from '../core/report/entry.ts';
import { status } from '../core/report/entry.ts';
import { buildReport, type DimensionSummary, type Report, summarise } from '../core/report/report.ts';
import { readManifestFile } from './cosign.ts';
import { type FfmpegBinary, findFfmpeg } from './ffmpeg.ts';
import { fileExists } from './files.ts';
import { analyseTimed, decodeChromaprint, type TimedAnalysis } from './media/av.ts';
import { detectMedia } from './media/detect.ts';
import { hashFile } from './media/file-hash.ts';
import { decodePhoto, photoHashes } from './media/photo.ts';
import {
  CHROMAPRINT_CLOSE_BER,
  chromaprintBitErrorRate,
  FRAMES_CLOSE_MEAN_BITS,
  frameSequenceDistance,
} from './media/similarity.ts';
import { MANIFEST_SUFFIX } from './sign.ts';
import { EMPTY_TRUST, type TrustConfig } from './trust.ts';
import { offlineOutcome } from './verify-outcome.ts';
import { checkSigners } from './verify-signers.ts';

export interface VerifyOptions {
  /** A media file or a manifest. */
  target: string;
  /** The manifest, when `target` is the media and the manifest is not `<target>.provenant.json`. */
  manifest?: string;
  trust?: TrustConfig;
  ffmpeg?: FfmpegBinary;
}

export interface IdentitySummary {
  keyId: string;
  name: string | null;
  kind: string | null;
  trusted: boolean;
  root: string | null;
  /** Key ids from the signer's key up to where the chain stopped. */
  chain: string[];
}

export interface VerifyOutcome {
  report: Report;
  summary: DimensionSummary;
  manifestPath: string;
  mediaPath: string | null;
  manifestId: string | null;
  kind: Claim['kind'] | null;
  identities: IdentitySummary[];
  notes: string[];
}

const VERIFIABLE_KINDS: readonly Claim['kind'][] = ['capture.photo', 'capture.audio', 'capture.video'];

async function looksLikeJson(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new ProvenantError('input.invalid', `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const buf = new Uint8Array(64);
    const { bytesRead } = await handle.read(buf, 0, 64, 0);
    const text = new TextDecoder('latin1').decode(buf.subarray(0, bytesRead)).replace(/^\uFEFF/, '');
    return text.trimStart().startsWith('{');
  } finally {
    await handle.close();
  }
}

/** Which file is the manifest and which (if any) the media. */
export async function resolveTargets(
  target: string,
  manifest?: string,
): Promise<{ manifestPath: string; mediaPath: string | null }> {
  if (await looksLikeJson(target)) {
    if (manifest !== undefined) {
      throw new ProvenantError('input.invalid', `${target} is a manifest; --manifest is for verifying a media file`);
    }
    const media = target.endsWith(MANIFEST_SUFFIX) ? target.slice(0, -MANIFEST_SUFFIX.length) : null;
    return { manifestPath: target, mediaPath: media !== null && (await fileExists(media)) ? media : null };
  }
  const manifestPath = manifest ?? target + MANIFEST_SUFFIX;
  if (!(await fileExists(manifestPath))) {
    throw new ProvenantError(
      'input.invalid',
      `no manifest for ${target}: ${manifestPath} does not exist (pass --manifest <file>)`,
    );
  }
  return { manifestPath, mediaPath: target };
}

/** The signed output of a photo claim (capture or derivative). */
export interface PhotoAsset {
  sha256: string;
  byteLength: number;
  raster: { sha256: string; width: number; height: number };
  fingerprints: { pdq: string; phash: string };
}

/** Binds a picture to a photo asset; `decoded` saves a second decode when the caller already has the pixels. */
export async function bindPhoto(asset: PhotoAsset, mediaPath: string, decoded?: RgbaImage): Promise<StatusEntry> {
  const file = await hashFile(mediaPath);
  if (file.sha256 === asset.sha256 && file.byteLength === asset.byteLength) return status('binding.file.match');
  let hashes: ReturnType<typeof photoHashes>;
  try {
    hashes = photoHashes(decoded ?? (await decodePhoto(mediaPath, mediaPath)).image);
  } catch (e) {
    if (!isProvenantError(e) || !e.code.startsWith('media.')) throw e;
    return status('binding.file.mismatch', {
      detail: `the bytes differ and the file is not a decodable image (${e.code})`,
    });
  }
  if (hashes.raster.sha256 === asset.raster.sha256) {
    return status('binding.pixels.match', {
      detail: 'the file bytes differ (re-wrapped or metadata changed); the decoded pixels are identical',
    });
  }
  const cmp = comparePhotos(
    { fingerprints: asset.fingerprints, width: asset.raster.width, height: asset.raster.height },
    {
      fingerprints: hashes.fingerprints,
      width: hashes.raster.width,
      height: hashes.raster.height,
      pdqQuality: hashes.pdqQuality,
    },
  );
  const measured = `PDQ ${cmp.pdqBits}/256 bits${cmp.pdqUsed ? '' : ' (not used: low PDQ quality)'}, pHash ${cmp.phashBits}/64 bits, ${hashes.raster.width}×${hashes.raster.height} vs signed ${asset.raster.width}×${asset.raster.height}`;
  if (!cmp.decidable) {
    return status('binding.pixels.mismatch', {
      detail: `the pixels differ and the picture is too flat for a perceptual comparison (${measured}); a re-encoded copy cannot be told from an edited one`,
    });
  }
  return cmp.close
    ? status('binding.fingerprint.close', {
        detail: `bytes and pixels differ but the picture is perceptually the same (${measured}): e.g. re-encoded or resized; small local edits cannot be excluded at this level`,
      })
    : status('binding.fingerprint.far', { detail: `the picture differs from the signed one (${measured})` });
}

/** The signed output of an audio/video claim (capture or clip derivative). */
export interface TimedAsset {
  sha256: string;
  byteLength: number;
  durationMs: number;
  packets?: { count: number; root: string } | undefined;
  fingerprint?: { chromaprint?: string | null | undefined } | { reason?: 'unavailable' | undefined } | undefined;
  frames?: { perSecondPhash: string[] } | undefined;
}

/**
 * Binds audio/video to a timed asset: file bytes → stream packets → fingerprints. `analyse` hashes the media shown
 * (media.* errors are a mismatch); the caller may keep its result for further checks (clips).
 */
export async function bindTimed(
  asset: TimedAsset,
  mediaPath: string,
  analyse: (detected: Extract<Awaited<ReturnType<typeof detectMedia>>, { sort: 'timed' }>) => Promise<TimedAnalysis>,
  notes: string[],
): Promise<StatusEntry> {
  const file = await hashFile(mediaPath);
  if (file.sha256 === asset.sha256 && file.byteLength === asset.byteLength) return status('binding.file.match');
  let detected: Awaited<ReturnType<typeof detectMedia>>;
  try {
    detected = await detectMedia(mediaPath);
  } catch (e) {
    if (!isProvenantError(e) || !e.code.startsWith('media.')) throw e;
    return status('binding.file.mismatch', {
      detail: `the bytes differ and the file is not readable media (${e.code})`,
    });
  }
  if (detected.sort !== 'timed') {
    return status('binding.file.mismatch', { detail: 'the bytes differ and the file is not audio or video' });
  }
  let shown: Awaited<ReturnType<typeof analyseTimed>>;
  try {
    shown = await analyse(detected);
  } catch (e) {
    if (!isProvenantError(e) || !e.code.startsWith('media.')) throw e;
    return status('binding.file.mismatch', { detail: `the bytes differ and ffmpeg cannot read the file (${e.code})` });
  }
  const claimed =
    asset.fingerprint && 'chromaprint' in asset.fingerprint && typeof asset.fingerprint.chromaprint === 'string'
      ? decodeChromaprint(base64urlToBytes(asset.fingerprint.chromaprint))
      : null;
  if (shown.packets.root === asset.packets?.root && shown.packets.count === asset.packets.count) {
    // A video's packet root covers its pictures only: re-muxed with other audio, the audio must not pass unseen.
    const audioBer =
      shown.sort === 'video' && claimed && shown.chromaprintValues
        ? chromaprintBitErrorRate(claimed, shown.chromaprintValues)
        : null;
    if (audioBer !== null && audioBer > CHROMAPRINT_CLOSE_BER) {
      return status('binding.fingerprint.far', {
        detail: `the picture packets are identical but the audio differs (chromaprint bit error rate ${audioBer.toFixed(3)})`,
      });
    }
    return status('binding.packets.match', {
      detail: 'the file bytes differ (re-muxed); the stream packets are identical',
    });
  }
  const measures: string[] = [];
  let close: boolean | null = null;
  if (claimed && shown.chromaprintValues) {
    const ber = chromaprintBitErrorRate(claimed, shown.chromaprintValues);
    if (ber !== null) {
      measures.push(`chromaprint bit error rate ${ber.toFixed(3)}`);
      close = ber <= CHROMAPRINT_CLOSE_BER;
    }
  }
  const claimedFrames = asset.frames?.perSecondPhash;
  if (claimedFrames && shown.frames) {
    const d = frameSequenceDistance(claimedFrames, shown.frames.perSecondPhash);
    if (d !== null) {
      measures.push(`per-second pHash mean distance ${d.toFixed(1)}/64`);
      close = (close ?? true) && d <= FRAMES_CLOSE_MEAN_BITS;
    }
  }
  const lengthRatio = shown.durationMs / Math.max(1, asset.durationMs);
  if (close !== null && Math.abs(lengthRatio - 1) > 0.05) {
    measures.push(`duration ${shown.durationMs} ms vs signed ${asset.durationMs} ms`);
    close = false;
    notes.push('a clip of a recording is verified with its own derivative manifest (derive --trim)');
  }
  if (close === null) {
    return status('binding.packets.mismatch', {
      detail: 'the stream packets differ and there is no fingerprint to compare (no chromaprint available)',
    });
  }
  const measured = measures.join(', ');
  return close
    ? status('binding.fingerprint.close', {
        detail: `packets differ but the content matches perceptually (${measured}): e.g. re-encoded`,
      })
    : status('binding.fingerprint.far', { detail: `the content differs from the signed recording (${measured})` });
}

export async function verifyCapture(options: VerifyOptions): Promise<VerifyOutcome> {
  const { manifestPath, mediaPath } = await resolveTargets(options.target, options.manifest);
  const trust = options.trust ?? EMPTY_TRUST;
  const notes: string[] = [];
  const entries: StatusEntry[] = [];
  let parsed: ParsedManifest;
  try {
    parsed = await readManifestFile(manifestPath);
  } catch (e) {
    if (!isProvenantError(e, 'manifest.invalid')) throw e;
    entries.push(status('claim.malformed', { detail: e.details.slice(0, 5).join('; ') || e.message }));
    const report = buildReport(entries);
    return {
      report,
      summary: summarise(report),
      manifestPath,
      mediaPath,
      manifestId: null,
      kind: null,
      identities: [],
      notes,
    };
  }
  const claim = parsed.manifest.claim;
  if (!VERIFIABLE_KINDS.includes(claim.kind)) {
    throw new ProvenantError(
      'input.invalid',
      `verifying ${claim.kind} manifests is not implemented yet (this stage verifies capture.photo, capture.audio and capture.video)`,
    );
  }
  entries.push(status('claim.valid', { subject: parsed.id, detail: claim.kind }));

  let ffmpeg: Promise<FfmpegBinary> | undefined;
  const getFfmpeg = () => {
    ffmpeg ??= options.ffmpeg ? Promise.resolve(options.ffmpeg) : findFfmpeg();
    return ffmpeg;
  };
  if (mediaPath === null) {
    notes.push('no media file was given or found next to the manifest: only the manifest itself was checked');
  } else if (claim.kind === 'capture.photo') {
    entries.push(await bindPhoto(claim.asset, mediaPath));
  } else if (claim.kind === 'capture.audio' || claim.kind === 'capture.video') {
    // The video asset schema's inferred type does not name `frames` on every branch of its union.
    const asset = claim.asset as TimedAsset;
    const path = mediaPath;
    entries.push(await bindTimed(asset, path, async (d) => analyseTimed(await getFfmpeg(), path, d), notes));
    if (claim.asset.fingerprint && !('chromaprint' in claim.asset.fingerprint && claim.asset.fingerprint.chromaprint)) {
      notes.push('the claim has no acoustic fingerprint (the signer’s ffmpeg had no chromaprint muxer or no audio)');
    }
  }

  const { valid, identities } = await checkSigners(parsed, manifestPath, trust, entries);

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
