/**
 * `transcript`: commit to a recording's transcript. The segments go into core's salted two-level tree (segments →
 * words) under a fresh secret seed; the claim binds the tree's root to the recording's manifest (by claim digest),
 * names the speakers with the keys mapped to them, and requires those keys as co-signers (each co-signs later with
 * `provenant cosign`). Signed with role 'transcriber'. The seed and segments stay in the secret sidecar.
 */
import { randomBytes } from 'node:crypto';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { ProvenantError } from '../../core/errors.ts';
import { KeyIdSchema } from '../../core/manifest/formats.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import type { SegmentInput } from '../../core/transcript/segment.ts';
import { buildTranscriptTree } from '../../core/transcript/tree.ts';
import { claimTime } from '../claim-time.ts';
import { readManifestFile } from '../cosign.ts';
import { writeParentsSidecar } from '../derive/chain.ts';
import { writeOutputFile } from '../files.ts';
import { type LoadedKey, readKeyFile, statementsOf } from '../keyfile.ts';
import { addKeyMaterial, readKeyMaterial } from '../sidecars.ts';
import { MANIFEST_SUFFIX, manifestText } from '../sign.ts';
import { importTranscript } from './import.ts';
import { writeTranscriptSecret } from './secret.ts';

export interface SpeakerMapping {
  /** The speaker label as it appears in the transcript. */
  label: string;
  /** A key id, or a key file (only its public part is read). */
  key: string;
}

export interface SignTranscriptOptions {
  /** A transcript file, or already imported segments. */
  file?: string;
  segments?: SegmentInput[];
  format?: string;
  /** The recording's manifest (capture.audio or capture.video). */
  recording: string;
  signer: LoadedKey;
  speakers?: readonly SpeakerMapping[];
  /** How many of the mapped speakers make co-signing complete (default: all). */
  threshold?: number;
  language?: string;
  title?: string;
  out?: string;
  force?: boolean;
  now?: () => number;
  /** The tree seed; fresh random bytes unless given (deterministic demo and test data only). */
  seed?: Uint8Array;
}

export interface SignTranscriptResult {
  manifestPath: string;
  manifestId: string;
  recordingId: string;
  secretPath: string;
  keysPath: string;
  segmentCount: number;
  wordCount: number;
  speakers: { label: string; keyId?: string }[];
  requiredSigners: string[];
}

/** Parses `Label=key` as given on the command line. */
export function parseSpeakerArg(arg: string): SpeakerMapping {
  const at = arg.lastIndexOf('=');
  if (at <= 0 || at === arg.length - 1)
    throw new ProvenantError('input.invalid', `--speaker expects "Label=key.json", got "${arg}"`);
  return { label: arg.slice(0, at).trim(), key: arg.slice(at + 1).trim() };
}

async function keyIdOf(key: string): Promise<{ keyId: string; statements: unknown[] }> {
  if (KeyIdSchema.safeParse(key).success) return { keyId: key, statements: [] };
  const file = await readKeyFile(key);
  return { keyId: file.keyId, statements: statementsOf(file) };
}

export async function signTranscript(options: SignTranscriptOptions): Promise<SignTranscriptResult> {
  const now = options.now ?? Date.now;
  const recording = await readManifestFile(options.recording);
  const rc = recording.manifest.claim;
  if (rc.kind !== 'capture.audio' && rc.kind !== 'capture.video') {
    throw new ProvenantError('input.invalid', `${options.recording} is a ${rc.kind} manifest, not a recording`);
  }
  let segments: SegmentInput[];
  if (options.segments) segments = options.segments;
  else if (options.file) segments = await importTranscript(options.file, options.format);
  else throw new ProvenantError('input.invalid', 'give a transcript file or segments');
  const late = segments.find((s) => s.t1 > rc.asset.durationMs + 1000);
  if (late) {
    throw new ProvenantError(
      'transcript.invalid',
      `segment ${late.i} ends after the recording (${rc.asset.durationMs} ms)`,
      {
        details: [`${late.i}.t1`],
      },
    );
  }
  const seed = options.seed ?? new Uint8Array(randomBytes(32));
  const tree = buildTranscriptTree(segments, seed);

  const mapped = new Map<string, string>();
  const statements: unknown[] = [];
  for (const m of options.speakers ?? []) {
    if (!tree.speakers.includes(m.label)) {
      throw new ProvenantError(
        'input.invalid',
        `--speaker ${m.label}: no such speaker in the transcript (${tree.speakers.join(', ')})`,
      );
    }
    if (mapped.has(m.label)) throw new ProvenantError('input.invalid', `--speaker ${m.label} is given twice`);
    const { keyId, statements: s } = await keyIdOf(m.key);
    mapped.set(m.label, keyId);
    statements.push(...s);
  }
  const required = [...new Set(mapped.values())];
  const threshold = options.threshold ?? required.length;
  if (options.threshold !== undefined && (required.length === 0 || threshold < 1 || threshold > required.length)) {
    throw new ProvenantError(
      'input.invalid',
      `--threshold must be from 1 to the ${required.length} mapped speaker key(s)`,
    );
  }
  const speakers = tree.speakers.map((label) => ({
    label,
    ...(mapped.has(label) ? { keyId: mapped.get(label) } : {}),
  }));
  const createdAt = claimTime(now);
  const claim = {
    v: 1,
    kind: 'transcript',
    createdAt,
    ...(required.length > 0 ? { requiredSigners: { keys: required, threshold } } : {}),
    ...(options.title === undefined ? {} : { title: options.title }),
    recording: { manifestId: recording.id, claimDigest: recording.id },
    normaliser: 'qv1',
    transcript: {
      root: tree.root,
      segmentCount: tree.segmentCount,
      wordCount: tree.wordCount,
      speakers,
      ...(options.language === undefined ? {} : { language: options.language }),
    },
  };
  const parsed = parseManifest({ claim, signatures: [] });
  const entry = signClaim(parsed.claimDigest, options.signer.key, 'transcriber', now());
  const base = options.file ?? options.recording;
  const manifestPath = options.out ?? base + MANIFEST_SUFFIX;
  if (manifestPath === options.recording)
    throw new ProvenantError('input.invalid', 'give --out: it would replace the recording manifest');
  const force = options.force === true;
  await writeOutputFile(manifestPath, manifestText(parsed, [entry]), { force });
  const secretPath = await writeTranscriptSecret(manifestPath, { manifestId: parsed.id, seed, segments }, force);
  const recordingKeys = await readKeyMaterial(options.recording);
  const keysPath = await addKeyMaterial(manifestPath, [
    ...recordingKeys.statements,
    ...statementsOf(options.signer.file),
    ...statements,
  ]);
  await writeParentsSidecar(manifestPath, [recording]);
  return {
    manifestPath,
    manifestId: parsed.id,
    recordingId: recording.id,
    secretPath,
    keysPath,
    segmentCount: tree.segmentCount,
    wordCount: tree.wordCount,
    speakers: speakers as { label: string; keyId?: string }[],
    requiredSigners: required,
  };
}
