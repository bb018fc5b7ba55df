/**
 * Signs the episode's transcript with a FIXED tree seed. `signTranscript` draws its seed from node:crypto and has
 * no option to inject one, so this composes the same claim from the signer's public pieces (the transcript
 * importer, core's salted tree, the secret and parents sidecar writers); the files are what `provenant transcript`
 * writes. The host signs as transcriber and both speakers are required co-signers.
 */
import { writeFile } from 'node:fs/promises';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { buildTranscriptTree } from '../../core/transcript/tree.ts';
import {
  addKeyMaterial,
  importTranscript,
  type LoadedKey,
  manifestText,
  readManifestFile,
  statementsOf,
  writeParentsSidecar,
  writeTranscriptSecret,
} from '../../signer/index.ts';

export interface TranscriptInput {
  vtt: string;
  recordingManifest: string;
  manifestPath: string;
  transcriber: LoadedKey;
  /** Speaker label → the key that speaker co-signs with. */
  speakers: ReadonlyMap<string, LoadedKey>;
  seed: Uint8Array;
  createdAt: number;
  title: string;
}

export async function signDemoTranscript(
  input: TranscriptInput,
): Promise<{ manifestPath: string; manifestId: string }> {
  const recording = await readManifestFile(input.recordingManifest);
  const segments = await importTranscript(input.vtt);
  const tree = buildTranscriptTree(segments, input.seed);
  const keyOf = (label: string) => input.speakers.get(label)?.key.keyId;
  const required = [...new Set(tree.speakers.map(keyOf).filter((k): k is string => k !== undefined))];
  const claim = {
    v: 1,
    kind: 'transcript',
    createdAt: input.createdAt,
    requiredSigners: { keys: required, threshold: required.length },
    title: input.title,
    recording: { manifestId: recording.id, claimDigest: recording.id },
    normaliser: 'qv1',
    transcript: {
      root: tree.root,
      segmentCount: tree.segmentCount,
      wordCount: tree.wordCount,
      speakers: tree.speakers.map((label) => ({ label, ...(keyOf(label) ? { keyId: keyOf(label) } : {}) })),
      language: 'en',
    },
  };
  const parsed = parseManifest({ claim, signatures: [] });
  const entry = signClaim(parsed.claimDigest, input.transcriber.key, 'transcriber', input.createdAt);
  await writeFile(input.manifestPath, manifestText(parsed, [entry]));
  await writeTranscriptSecret(input.manifestPath, { manifestId: parsed.id, seed: input.seed, segments }, true);
  const statements = [input.transcriber, ...input.speakers.values()].flatMap((k) => statementsOf(k.file));
  await addKeyMaterial(input.manifestPath, statements);
  await writeParentsSidecar(input.manifestPath, [recording]);
  return { manifestPath: input.manifestPath, manifestId: parsed.id };
}
