/**
 * Is the clip shown the run of the recording its chain of recipes claims? (docs/PROTOCOL.md §11.6)
 *   - exact: no transcode in the chain, a `packetProof`, and the clip's hashed stream is presented as the stream copy
 *     (the claimed codec and exactly endPacket − startPacket packets): its leaves with the proof must recompute the
 *     capture's packet root → clip.exact, else clip.mismatch (altered or foreign packets); a video clip's audio, which
 *     the proof does not cover, must also match the recording's fingerprint there where both have one;
 *   - otherwise (transcoded, no proof, or a re-encoded copy of an exact clip): the clip's fingerprints against the
 *     recording's over [t0, t1) → clip.consistent (never exact) or clip.mismatch; no fingerprint on either side →
 *     transform.replay.skipped.
 */
import { base64urlToBytes, bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import type { Op } from '../../core/manifest/recipe.ts';
import { rootFromRange } from '../../core/merkle/range.ts';
import { type StatusEntry, status } from '../../core/report/entry.ts';
import { decodeChromaprint, type TimedAnalysis } from '../media/av.ts';
import {
  CHROMAPRINT_CLOSE_BER,
  chromaprintBitErrorRate,
  FRAMES_CLOSE_MEAN_BITS,
  frameSequenceDistance,
} from '../media/similarity.ts';
import type { TimedCaptureClaim } from './chain.ts';

/** One raw Chromaprint item per 4096/3 samples at 11,025 Hz (the library's frame hop). */
export const CHROMAPRINT_ITEM_MS = (1000 * 4096) / 3 / 11_025;
/** A consistent excerpt lasts as long as the range it claims, within 5 % + 200 ms (encoder padding, frame rounding). */
export const CLIP_DURATION_SLACK = { fraction: 0.05, ms: 200 } as const;

export interface ClipCheckInput {
  capture: TimedCaptureClaim;
  /** The chain's recipes, capture onwards, flattened. */
  ops: readonly Op[];
  packetProof: { proof: string[] } | undefined;
  /** The codec the clip's claim names for its hashed stream. */
  claimedCodec: string;
  /** The clip shown, hashed with its packet leaves kept; null when there is none or it cannot be read. */
  shown: TimedAnalysis | null;
  whyNoMedia?: string;
}

function span(t0Ms: number, t1Ms: number): string {
  return `${(t0Ms / 1000).toFixed(3)}–${(t1Ms / 1000).toFixed(3)} s`;
}

export function checkClip(input: ClipCheckInput): StatusEntry {
  const { capture, ops, shown } = input;
  const trim = ops.filter((op): op is Extract<Op, { op: 'trim' }> => op.op === 'trim').at(-1);
  const transcoded = ops.some((op) => op.op === 'transcode');
  const t0Ms = trim?.t0Ms ?? 0;
  const t1Ms = trim?.t1Ms ?? capture.asset.durationMs;
  if (shown === null) {
    return status('transform.replay.skipped', { detail: input.whyNoMedia ?? 'no clip to compare with' });
  }
  const presentedAsCopy =
    !transcoded &&
    trim !== undefined &&
    input.packetProof !== undefined &&
    shown.codec === input.claimedCodec &&
    shown.packets.count === trim.endPacket - trim.startPacket;
  if (presentedAsCopy && trim !== undefined && input.packetProof !== undefined) {
    return exactCheck(capture, trim, input.packetProof, shown);
  }
  return fingerprintCheck(capture, t0Ms, t1Ms, shown);
}

function exactCheck(
  capture: TimedCaptureClaim,
  trim: Extract<Op, { op: 'trim' }>,
  packetProof: { proof: string[] },
  shown: TimedAnalysis,
): StatusEntry {
  const leaves = shown.packetList?.leafHashes ?? [];
  const run = `packets [${trim.startPacket}, ${trim.endPacket}) = ${span(trim.t0Ms, trim.t1Ms)} of the recording`;
  let root: string;
  try {
    root = bytesToHex(
      rootFromRange(
        capture.asset.packets.count,
        trim.startPacket,
        leaves,
        packetProof.proof.map((h) => hexToBytes(h, 32)),
      ),
    );
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    return status('clip.mismatch', { detail: `the packet proof does not fit ${run} (${e.code})` });
  }
  if (root !== capture.asset.packets.root) {
    return status('clip.mismatch', { detail: `the clip's packets are not ${run}: altered, or cut from other media` });
  }
  // The proof covers a video's pictures; its audio must still sound like the recording there (when measurable).
  const ber = capture.kind === 'capture.video' ? audioBitErrorRate(capture, trim.t0Ms, trim.t1Ms, shown) : null;
  if (ber !== null && ber > CHROMAPRINT_CLOSE_BER) {
    return status('clip.mismatch', {
      detail: `the pictures are exactly ${run}, but the audio differs from the recording there (chromaprint bit error rate ${ber.toFixed(3)})`,
    });
  }
  return status('clip.exact', { detail: `exactly ${run}, proven against the capture's packet root` });
}

function chromaprintOf(fp: TimedCaptureClaim['asset']['fingerprint']): Uint32Array | null {
  return fp && 'chromaprint' in fp && typeof fp.chromaprint === 'string'
    ? decodeChromaprint(base64urlToBytes(fp.chromaprint))
    : null;
}

/** The clip's Chromaprint against the recording's over [t0, t1); null when either side has none (or too little). */
function audioBitErrorRate(capture: TimedCaptureClaim, t0Ms: number, t1Ms: number, shown: TimedAnalysis) {
  const recorded = chromaprintOf(capture.asset.fingerprint);
  if (!recorded || !shown.chromaprintValues) return null;
  const window = recorded.subarray(Math.floor(t0Ms / CHROMAPRINT_ITEM_MS), Math.ceil(t1Ms / CHROMAPRINT_ITEM_MS));
  return window.length === 0 ? null : chromaprintBitErrorRate(window, shown.chromaprintValues);
}

function fingerprintCheck(capture: TimedCaptureClaim, t0Ms: number, t1Ms: number, shown: TimedAnalysis): StatusEntry {
  const measures: string[] = [];
  let close: boolean | null = null;
  const ber = audioBitErrorRate(capture, t0Ms, t1Ms, shown);
  if (ber !== null) {
    measures.push(`chromaprint bit error rate ${ber.toFixed(3)}`);
    close = ber <= CHROMAPRINT_CLOSE_BER;
  }
  const frames = (capture.asset as { frames?: { perSecondPhash: string[] } }).frames?.perSecondPhash;
  if (frames && shown.frames) {
    const window = frames.slice(Math.round(t0Ms / 1000), Math.ceil(t1Ms / 1000));
    const d = frameSequenceDistance(window, shown.frames.perSecondPhash);
    if (d !== null) {
      measures.push(`per-second pHash mean distance ${d.toFixed(1)}/64`);
      close = (close ?? true) && d <= FRAMES_CLOSE_MEAN_BITS;
    }
  }
  if (close === null) {
    return status('transform.replay.skipped', {
      detail: 'no fingerprint to compare the clip with the recording (no chromaprint or frames on one side)',
    });
  }
  const claimed = t1Ms - t0Ms;
  if (Math.abs(shown.durationMs - claimed) > claimed * CLIP_DURATION_SLACK.fraction + CLIP_DURATION_SLACK.ms) {
    measures.push(`duration ${shown.durationMs} ms for a claimed ${claimed} ms`);
    close = false;
  }
  const measured = measures.join(', ');
  return close
    ? status('clip.consistent', {
        detail: `consistent with ${span(t0Ms, t1Ms)} of the recording (${measured}); re-encoded, so not exact`,
      })
    : status('clip.mismatch', { detail: `the clip does not match ${span(t0Ms, t1Ms)} of the recording (${measured})` });
}
