/**
 * `derive --trim`: an editor's signed clip of a signed recording. The cut is an ffmpeg stream copy with output-side
 * `-ss/-to` (ffmpeg reads from the start and drops whole packets outside the range, so the clip's packets are the
 * recording's packets, byte for byte; a video clip starts at the first keyframe in range). The clip's packets are
 * hashed with the capture's framehash method and located as a contiguous run [i, j) of the recording's leaves; the
 * trim op records that run and its exact span on the recording's timeline, and `packetProof` carries the RFC 6962
 * range proof of the run against the capture's packet root. With a transcode the output is re-encoded from the
 * stream-copied cut: the claimed run is still recorded, but no proof is possible and verifiers fall back to the
 * fingerprint. The recipe is checked against the capture's policy before anything is written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { ProvenantError } from '../../core/errors.ts';
import { type ParsedManifest, parseManifest } from '../../core/manifest/parse.ts';
import { type Recipe, RecipeSchema } from '../../core/manifest/recipe.ts';
import { rangeProof, verifyRange } from '../../core/merkle/range.ts';
import { checkRecipeChain } from '../../core/policy/check.ts';
import type { StatusEntry } from '../../core/report/entry.ts';
import { claimTime } from '../claim-time.ts';
import { readManifestFile } from '../cosign.ts';
import { type FfmpegBinary, findFfmpeg, runFfmpeg } from '../ffmpeg.ts';
import { fileExists, writeOutputFile } from '../files.ts';
import { type LoadedKey, statementsOf } from '../keyfile.ts';
import { analyseTimed, chooseStream, probeMedia, type TimedAnalysis } from '../media/av.ts';
import { detectMedia } from '../media/detect.ts';
import type { PacketList } from '../media/packet-list.ts';
import { addKeyMaterial, readKeyMaterial } from '../sidecars.ts';
import { MANIFEST_SUFFIX, manifestText } from '../sign.ts';
import type { TimedCaptureClaim } from './chain.ts';
import { writeParentsSidecar } from './chain.ts';
import { policyRefusal } from './derive.ts';
import { locateRun } from './locate-run.ts';
import { transcodeArgs } from './transcode.ts';
import type { TranscodeRequest, TrimRequest } from './trim-args.ts';

export interface DeriveClipOptions {
  /** The recording the capture manifest signs. */
  file: string;
  /** The capture.audio / capture.video manifest. */
  manifest: string;
  editor: LoadedKey;
  trim: TrimRequest;
  transcode?: TranscodeRequest;
  out: string;
  force?: boolean;
  replace?: boolean;
  title?: string;
  description?: string;
  now?: () => number;
  ffmpeg?: FfmpegBinary;
  /** Called after each of CLIP_STEPS steps (recording, cut, locate and policy, encode, write). */
  onProgress?: (step: number, total: number) => void;
}

export const CLIP_STEPS = 5;

export interface DeriveClipResult {
  outPath: string;
  manifestPath: string;
  manifestId: string;
  parentId: string;
  captureId: string;
  recipe: Recipe;
  policy: StatusEntry[];
  forced: boolean;
  /** The run of the recording's packets the clip was cut from, and its span in ms. */
  packets: { start: number; end: number; t0Ms: number; t1Ms: number };
  /** True when the clip carries a range proof (stream copy, no transcode). */
  exact: boolean;
  notes: string[];
  keysPath: string;
  parentsPath: string;
}

const nodeSha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());

/** A temp file beside `out`; its extension `ext` stays last because ffmpeg picks the muxer from it. */
function tempBeside(out: string, label: string, ext: string): string {
  return join(dirname(out), `.${basename(out)}.${label}.${randomBytes(6).toString('hex')}${ext}`);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

async function analyse(bin: FfmpegBinary, path: string, collectPackets: boolean): Promise<TimedAnalysis> {
  const detected = await detectMedia(path);
  if (detected.sort !== 'timed') throw new ProvenantError('media.unsupported', `${path} is not audio or video`);
  return analyseTimed(bin, path, detected, { collectPackets });
}

/** The stream-copy cut: the hashed stream first (so it is stream 0 of the clip), then a video's audio. */
async function cut(bin: FfmpegBinary, recording: string, trim: TrimRequest, to: string): Promise<void> {
  const detected = await detectMedia(recording);
  if (detected.sort !== 'timed') throw new ProvenantError('media.unsupported', `${recording} is not audio or video`);
  const { main, audio } = chooseStream(await probeMedia(bin, recording), detected);
  const maps = ['-map', `0:${main.index}`, ...(audio && audio !== main ? ['-map', `0:${audio.index}`] : [])];
  await runFfmpeg(bin, [
    '-loglevel',
    'error',
    '-i',
    recording,
    ...maps,
    '-c',
    'copy',
    '-ss',
    seconds(trim.t0Ms),
    '-to',
    seconds(trim.t1Ms),
    '-y',
    to,
  ]);
}

function packetsOf(a: TimedAnalysis): PacketList {
  if (a.packetList === null) throw new ProvenantError('internal', 'packet leaves were not collected');
  return a.packetList;
}

/** The span of packets [start, end): decode order is not presentation order (B-frames), so min start, max end. */
function runSpan(rec: PacketList, start: number, end: number): { t0Ms: number; t1Ms: number } {
  let t0Ms = Number.POSITIVE_INFINITY;
  let t1Ms = Number.NEGATIVE_INFINITY;
  for (let k = start; k < end; k++) {
    t0Ms = Math.min(t0Ms, rec.startMs[k] ?? t0Ms);
    t1Ms = Math.max(t1Ms, rec.endMs[k] ?? t1Ms);
  }
  return { t0Ms, t1Ms };
}

/** The trim op for the run [start, end) of the recording: its exact span, within the signed duration. */
function trimOp(rec: PacketList, start: number, end: number, durationMs: number) {
  const run = runSpan(rec, start, end);
  const t0Ms = Math.max(0, run.t0Ms);
  const t1Ms = Math.min(durationMs, run.t1Ms);
  if (t1Ms <= t0Ms) throw new ProvenantError('input.invalid', 'the clip is shorter than a millisecond');
  return { op: 'trim' as const, startPacket: start, endPacket: end, t0Ms, t1Ms };
}

async function readCapture(path: string): Promise<ParsedManifest & { manifest: { claim: TimedCaptureClaim } }> {
  const parent = await readManifestFile(path);
  const kind = parent.manifest.claim.kind;
  if (kind !== 'capture.audio' && kind !== 'capture.video') {
    throw new ProvenantError(
      'input.invalid',
      `${path} is a ${kind} manifest: a clip is cut from the recording itself (a capture.audio or capture.video manifest)`,
    );
  }
  return parent as ParsedManifest & { manifest: { claim: TimedCaptureClaim } };
}

export async function deriveClip(options: DeriveClipOptions): Promise<DeriveClipResult> {
  const now = options.now ?? Date.now;
  const progress = (step: number) => options.onProgress?.(step, CLIP_STEPS);
  const parent = await readCapture(options.manifest);
  const capture = parent.manifest.claim;
  const replace = options.replace === true;
  const manifestPath = options.out + MANIFEST_SUFFIX;
  if (!replace) {
    for (const p of [options.out, manifestPath]) {
      if (await fileExists(p)) throw new ProvenantError('conflict', `${p} already exists (use --replace)`);
    }
  }
  if (options.trim.t0Ms >= capture.asset.durationMs) {
    throw new ProvenantError(
      'input.invalid',
      `--trim starts after the recording ends (${capture.asset.durationMs} ms)`,
    );
  }
  const bin = options.ffmpeg ?? (await findFfmpeg());
  // A transcode is checked for an encoder before any work is done.
  const encodeArgs = options.transcode
    ? transcodeArgs(options.transcode, capture.kind === 'capture.video' ? 'video' : 'audio')
    : null;

  const recording = await analyse(bin, options.file, true);
  const signed = capture.asset.packets;
  if (recording.packets.root !== signed.root || recording.packets.count !== signed.count) {
    throw new ProvenantError(
      'input.invalid',
      `${options.file} is not the recording ${options.manifest} signs (its packets differ)`,
    );
  }
  progress(1);

  const temps: string[] = [];
  try {
    // The stream copy stays in the recording's container (packets are kept as they are); a transcode may change it.
    const copyPath = tempBeside(options.out, 'cut', options.transcode ? extname(options.file) : extname(options.out));
    temps.push(copyPath);
    const rec = packetsOf(recording);
    const cutAndLocate = async (range: TrimRequest) => {
      await cut(bin, options.file, range, copyPath);
      const copied = await analyse(bin, copyPath, true).catch((e: unknown) => {
        if (e instanceof ProvenantError && e.code === 'media.corrupt') {
          throw new ProvenantError('input.invalid', 'the range holds no whole packet (or, for video, no keyframe)');
        }
        throw e;
      });
      const leaves = packetsOf(copied).leafHashes;
      return { copied, leaves, start: locateRun(rec.leafHashes, rec.startMs, leaves, range.t0Ms) };
    };
    let located = await cutAndLocate(options.trim);
    // A video clip starts at the first keyframe in range while its audio starts at t0: cut again from the keyframe
    // (1 ms before it, so it stays in range) so both streams start together. The run is located again either way.
    const keyframeMs = located.start === null ? null : runSpan(rec, located.start, located.start + 1).t0Ms;
    if (capture.kind === 'capture.video' && keyframeMs !== null && keyframeMs > options.trim.t0Ms + 1) {
      located = await cutAndLocate({ t0Ms: keyframeMs - 1, t1Ms: options.trim.t1Ms });
    }
    const { copied, start } = located;
    const clipLeaves = located.leaves;
    progress(2);

    if (start === null) {
      throw new ProvenantError(
        'input.invalid',
        "the cut's packets are not a contiguous run of the recording's packets (the output container re-packetised them: use the recording's container)",
      );
    }
    const end = start + clipLeaves.length;
    const trim = trimOp(rec, start, end, capture.asset.durationMs);
    const parsedRecipe = RecipeSchema.safeParse([
      trim,
      ...(options.transcode
        ? [
            {
              op: 'transcode',
              codec: options.transcode.codec,
              ...(options.transcode.bitrate === undefined ? {} : { bitrate: options.transcode.bitrate }),
            },
          ]
        : []),
    ]);
    if (!parsedRecipe.success) {
      throw new ProvenantError('recipe.invalid', 'malformed recipe', { cause: parsedRecipe.error });
    }
    const recipe = parsedRecipe.data;
    const policy = checkRecipeChain(capture.policy, [recipe], {
      width: 0,
      height: 0,
      durationMs: capture.asset.durationMs,
      packetCount: signed.count,
    });
    const failures = policy.filter((e) => e.kind === 'failure');
    if (failures.length > 0 && options.force !== true) throw policyRefusal(failures);

    let packetProof: { proof: string[] } | undefined;
    if (options.transcode === undefined) {
      const proof = rangeProof(rec.leafHashes, start, end, nodeSha256);
      // A proof that does not verify here would be an internal bug: never sign it.
      if (!verifyRange(hexToBytes(signed.root, 32), signed.count, start, clipLeaves, proof, nodeSha256)) {
        throw new ProvenantError('internal', 'the range proof does not verify against the capture root');
      }
      packetProof = { proof: proof.map(bytesToHex) };
    }
    progress(3);

    let outputPath = copyPath;
    let output = copied;
    if (encodeArgs !== null) {
      outputPath = tempBeside(options.out, 'enc', extname(options.out));
      temps.push(outputPath);
      await runFfmpeg(bin, ['-loglevel', 'error', '-i', copyPath, '-map', '0', ...encodeArgs, '-y', outputPath]);
      output = await analyse(bin, outputPath, false);
    }
    progress(4);

    const createdAt = claimTime(now);
    const claim = {
      v: 1,
      kind: 'derivative',
      createdAt,
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.description === undefined ? {} : { description: options.description }),
      parent: { manifestId: parent.id, claimDigest: parent.id },
      recipe,
      asset: {
        mediaType: output.mediaType,
        byteLength: output.byteLength,
        sha256: output.sha256,
        durationMs: output.durationMs,
        codec: output.codec,
        container: output.container,
        packets: output.packets,
        fingerprint: output.fingerprint,
      },
      ...(packetProof === undefined ? {} : { packetProof }),
    };
    const parsed = parseManifest({ claim, signatures: [] });
    const entry = signClaim(parsed.claimDigest, options.editor.key, 'editor', now());
    await rename(outputPath, options.out);
    await writeOutputFile(manifestPath, manifestText(parsed, [entry]), { force: replace });
    const parentKeys = await readKeyMaterial(options.manifest);
    const keysPath = await addKeyMaterial(manifestPath, [
      ...parentKeys.statements,
      ...statementsOf(options.editor.file),
    ]);
    const parentsPath = await writeParentsSidecar(manifestPath, [parent]);
    progress(5);
    const notes: string[] = [];
    if (output.fingerprintNote) notes.push(`no acoustic fingerprint for the clip: ${output.fingerprintNote}`);
    if (options.transcode) {
      notes.push('re-encoded: verifiers can only report the clip as consistent with the range, never as exact');
    }
    return {
      outPath: options.out,
      manifestPath,
      manifestId: parsed.id,
      parentId: parent.id,
      captureId: parent.id,
      recipe,
      policy,
      forced: failures.length > 0,
      packets: { start, end, t0Ms: trim.t0Ms, t1Ms: trim.t1Ms },
      exact: packetProof !== undefined,
      notes,
      keysPath,
      parentsPath,
    };
  } finally {
    for (const t of temps) await rm(t, { force: true });
  }
}
