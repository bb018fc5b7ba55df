/**
 * Capture signing: detect the media by its magic bytes, hash it (photo.ts / av.ts), build the capture claim,
 * sign its digest with role 'capture', and write the manifest with its sidecars (sidecars.ts).
 */
import { randomBytes } from 'node:crypto';
import { signClaim } from '../core/crypto/signature-entry.ts';
import { ProvenantError } from '../core/errors.ts';
import type { Claim } from '../core/manifest/claim.ts';
import { KeyIdSchema } from '../core/manifest/formats.ts';
import { type ParsedManifest, parseManifest } from '../core/manifest/parse.ts';
import type { TransformPolicy } from '../core/policy/schema.ts';
import { claimTime } from './claim-time.ts';
import { type FfmpegBinary, findFfmpeg } from './ffmpeg.ts';
import { writeOutputFile } from './files.ts';
import { type LoadedKey, statementsOf } from './keyfile.ts';
import { analyseTimed, type TimedAnalysis } from './media/av.ts';
import { detectMedia } from './media/detect.ts';
import { analysePhoto, type PhotoAnalysis } from './media/photo.ts';
import { type MediaSort, resolvePolicy } from './policy-arg.ts';
import { addKeyMaterial, writeManifestSecret } from './sidecars.ts';

export const MANIFEST_SUFFIX = '.provenant.json';

export interface RequiredSignersInput {
  keys: string[];
  threshold?: number;
}

export interface SignOptions {
  file: string;
  signer: LoadedKey;
  /** Preset name, inline JSON or a JSON file; absent → the default for the media (policy-arg.ts). */
  policy?: string;
  requiredSigners?: RequiredSignersInput;
  out?: string;
  force?: boolean;
  title?: string;
  description?: string;
  now?: () => number;
  ffmpeg?: FfmpegBinary;
  onProgress?: (ms: number, totalMs: number | null) => void;
}

export interface SignResult {
  manifestPath: string;
  manifestId: string;
  kind: Claim['kind'];
  sort: MediaSort;
  claim: Claim;
  secretPath: string | null;
  keysPath: string;
  /** Caveats worth telling the user (e.g. no acoustic fingerprint). */
  notes: string[];
}

export function checkRequiredSigners(input: RequiredSignersInput): { keys: string[]; threshold: number } {
  const keys = input.keys.map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length === 0) throw new ProvenantError('input.invalid', '--cosigners needs at least one key id');
  for (const k of keys) {
    if (!KeyIdSchema.safeParse(k).success) throw new ProvenantError('input.invalid', `not a key id: ${k}`);
  }
  if (new Set(keys).size !== keys.length) throw new ProvenantError('input.invalid', '--cosigners lists a key twice');
  const threshold = input.threshold ?? keys.length;
  if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > keys.length) {
    throw new ProvenantError('input.invalid', `--threshold must be an integer from 1 to ${keys.length}`);
  }
  return { keys, threshold };
}

function commonMembers(options: SignOptions, createdAt: number) {
  return {
    v: 1 as const,
    createdAt,
    ...(options.requiredSigners ? { requiredSigners: checkRequiredSigners(options.requiredSigners) } : {}),
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.description === undefined ? {} : { description: options.description }),
  };
}

export function photoClaim(a: PhotoAnalysis, policy: TransformPolicy, common: object): unknown {
  return {
    ...common,
    kind: 'capture.photo',
    asset: {
      mediaType: a.mediaType,
      byteLength: a.byteLength,
      sha256: a.sha256,
      raster: a.raster,
      fingerprints: a.fingerprints,
      reference: a.reference,
    },
    capture: {},
    policy,
  };
}

export function timedClaim(a: TimedAnalysis, policy: TransformPolicy, common: object): unknown {
  return {
    ...common,
    kind: a.sort === 'video' ? 'capture.video' : 'capture.audio',
    asset: {
      mediaType: a.mediaType,
      byteLength: a.byteLength,
      sha256: a.sha256,
      durationMs: a.durationMs,
      codec: a.codec,
      container: a.container,
      packets: a.packets,
      fingerprint: a.fingerprint,
      ...(a.frames ? { frames: a.frames } : {}),
    },
    policy,
  };
}

/** Validates a freshly built claim with the same parser verifiers use. */
function checkedClaim(claim: unknown): ParsedManifest {
  return parseManifest({ claim, signatures: [] });
}

export function manifestText(parsed: ParsedManifest, signatures: ParsedManifest['manifest']['signatures']): string {
  return `${JSON.stringify({ claim: parsed.manifest.claim, signatures }, null, 2)}\n`;
}

export async function signCapture(options: SignOptions): Promise<SignResult> {
  const now = options.now ?? Date.now;
  const createdAt = claimTime(now);
  const detected = await detectMedia(options.file);
  const common = commonMembers(options, createdAt);
  const notes: string[] = [];
  let claim: unknown;
  let sort: MediaSort;
  let tileSeed: Uint8Array | null = null;
  if (detected.sort === 'image') {
    sort = 'photo';
    const policy = resolvePolicy(options.policy, sort);
    tileSeed = new Uint8Array(randomBytes(32));
    const analysis = await analysePhoto(options.file, detected, tileSeed);
    if (analysis.pdqQuality < 50)
      notes.push(`low PDQ quality (${analysis.pdqQuality}): a flat picture, weak fingerprint`);
    claim = photoClaim(analysis, policy, common);
  } else {
    const bin = options.ffmpeg ?? (await findFfmpeg());
    const analysis = await analyseTimed(bin, options.file, detected, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    sort = analysis.sort;
    const policy = resolvePolicy(options.policy, sort);
    if (analysis.fingerprintNote) notes.push(`no acoustic fingerprint: ${analysis.fingerprintNote}`);
    claim = timedClaim(analysis, policy, common);
  }
  const parsed = checkedClaim(claim);
  const entry = signClaim(parsed.claimDigest, options.signer.key, 'capture', now());
  const manifestPath = options.out ?? options.file + MANIFEST_SUFFIX;
  await writeOutputFile(manifestPath, manifestText(parsed, [entry]), { force: options.force === true });
  const secretPath = tileSeed
    ? await writeManifestSecret(manifestPath, { manifestId: parsed.id, tileSeed }, options.force === true)
    : null;
  const keysPath = await addKeyMaterial(manifestPath, statementsOf(options.signer.file));
  return {
    manifestPath,
    manifestId: parsed.id,
    kind: parsed.manifest.claim.kind,
    sort,
    claim: parsed.manifest.claim,
    secretPath,
    keysPath,
    notes,
  };
}
