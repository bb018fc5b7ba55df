/**
 * The verifier's replay of a derivative chain: check the revealed tiles against the capture's signed tile root,
 * rebuild that part of the reference raster, apply the whole recipe (capture onwards) to it and compare with the
 * pixels shown (replay.ts), at the calibrated size and thresholds below. One status entry. The signer
 * (signer/verify-derivative.ts) and the browser verifier (verifier-extension/src/verify/verify-media.ts) both run it.
 */
import { hexToBytes } from '../bytes.ts';
import { isProvenantError } from '../errors.ts';
import { type StatusEntry, status } from '../report/entry.ts';
import { type CaptureGeometry, tilesNeeded } from './capture-geometry.ts';
import type { ImageOp } from './ops.ts';
import { compareForReplay, judgeReplay, type ReplayMetrics, type ReplayThresholds, replayExpected } from './replay.ts';
import { diagnoseReplay } from './replay-diagnosis.ts';
import { fitLongEdge, resize } from './resize.ts';
import { compositeOnWhite, type RgbaImage } from './rgba.ts';
import { revealedTilesFromJson, verifyTiles } from './tile-tree.ts';
import { assembleTiles, tileLayout } from './tiles.ts';

/**
 * Calibration (tests/signer/replay-corpus.test.ts prints these figures): 36 generated pictures of 256–512 px (photo-
 * like gradients with noise, band-limited textures, text-like glyph rows, flat shapes, flat areas, mixed scenes), 4
 * honest recipes each (crop; crop + colour + resize; quarter turn + crop to WebP; crop + redact + colour), every
 * output also re-encoded by a third party at JPEG quality 60 with 4:2:0 chroma, and 4 tampering classes (local
 * clone, dark box over 2 %, recipe lying about brightness, recipe lying about the crop offset by 6 %/4 %).
 *
 * At core's 128-px comparison the honest q60 re-encodes of these small pictures overlapped the clones (chroma
 * subsampling and different resampling paths of 3–5 px detail: honest worst block up to 29.7, clones from 21.1).
 * At 64 px the populations separate:
 *   honest: PSNR ≥ 27.2 dB, worst 8×8 block ≤ 13.9;   tampered: worst block ≥ 17.9 (clone), ≥ 19.9 (2 % box),
 *   ≥ 39.7 (brightness lie), ≥ 38.3 (crop-offset lie); PSNR alone does not separate them (clones ≥ 21.4 dB).
 * So the block limit sits between 13.9 and 17.9, and the PSNR floor ~2 dB under the honest minimum (it is there for
 * global mismatches the block limit would also catch, as a second line). Core's REPLAY_THRESHOLDS (30 dB / 12 at
 * 128 px) were set on 1600-px pictures and are stricter than these small pictures allow.
 */
export const REPLAY_COMPARE_LONG_EDGE = 64;
export const DERIVATIVE_REPLAY_THRESHOLDS: ReplayThresholds = { minPsnr: 25, maxWorstBlockDiff: 16 };

/** Both images composited on white and resized (core's area/bilinear resize) to the comparison size. */
function atCompareSize(expected: RgbaImage, shown: RgbaImage): [RgbaImage, RgbaImage] {
  const l = Math.min(
    REPLAY_COMPARE_LONG_EDGE,
    Math.max(expected.width, expected.height),
    Math.max(shown.width, shown.height),
  );
  const { width, height } = fitLongEdge(shown.width, shown.height, l);
  return [resize(compositeOnWhite(expected), width, height), resize(compositeOnWhite(shown), width, height)];
}

export interface ReplayCheck {
  readonly entry: StatusEntry;
  readonly metrics: ReplayMetrics | null;
}

const DIAGNOSIS_CODE = {
  colorMismatch: 'transform.replay.colorMismatch',
  geometryMismatch: 'transform.replay.geometryMismatch',
  localEdit: 'transform.replay.localEdit',
  inconsistent: 'transform.replay.inconsistent',
} as const;

function fmt(m: ReplayMetrics): string {
  return `PSNR ${m.psnr.toFixed(1)} dB, worst ${m.blockSize}×${m.blockSize} block ${m.worstBlockDiff.toFixed(1)} at ${m.width}×${m.height}`;
}

export interface ReplayCheckOptions {
  readonly thresholds?: ReplayThresholds;
  /**
   * Name the kind of mismatch of an inconsistent replay (replay-diagnosis.ts: colour, geometry, local edit);
   * default true. False reports every mismatch as the plain `transform.replay.inconsistent` (the extension's
   * behaviour so far).
   */
  readonly diagnose?: boolean;
}

export function checkReplay(
  capture: CaptureGeometry,
  revealedJson: unknown,
  ops: readonly ImageOp[],
  shown: RgbaImage,
  options: ReplayCheckOptions = {},
): ReplayCheck {
  const thresholds = options.thresholds ?? DERIVATIVE_REPLAY_THRESHOLDS;
  const layout = tileLayout(capture.reference.width, capture.reference.height);
  let revealed: ReturnType<typeof revealedTilesFromJson>;
  try {
    revealed = revealedTilesFromJson(revealedJson);
    if (!verifyTiles(hexToBytes(capture.reference.tileRoot, 32), layout, revealed)) {
      return {
        entry: status('transform.tiles.invalid', { detail: 'a tile proof does not lead to the tile root' }),
        metrics: null,
      };
    }
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    return {
      entry: status('transform.tiles.invalid', { detail: `malformed revealed tiles (${e.code})` }),
      metrics: null,
    };
  }
  const have = new Set(revealed.tiles.map((t) => t.index));
  const missing = tilesNeeded(capture, ops).filter((i) => !have.has(i));
  if (missing.length > 0) {
    return {
      entry: status('transform.replay.skipped', {
        detail: `${missing.length} reference tile(s) the replay needs are not revealed`,
      }),
      metrics: null,
    };
  }
  const expected = replayExpected(assembleTiles(layout, revealed.tiles), ops, capture.width, capture.height);
  const [a, b] = atCompareSize(expected, shown);
  const metrics = compareForReplay(a, b);
  if (judgeReplay(metrics, thresholds) === 'consistent') {
    return { entry: status('transform.replay.consistent', { detail: fmt(metrics) }), metrics };
  }
  if (options.diagnose === false) {
    return { entry: status('transform.replay.inconsistent', { detail: fmt(metrics) }), metrics };
  }
  const diagnosis = diagnoseReplay(a, b, thresholds);
  return { entry: status(DIAGNOSIS_CODE[diagnosis], { detail: fmt(metrics) }), metrics };
}
