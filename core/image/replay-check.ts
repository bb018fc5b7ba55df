/**
 * The verifier's replay of a derivative chain: check the revealed tiles against the capture's signed tile root,
 * rebuild that part of the reference raster, apply the whole recipe (capture onwards) to it and compare with the
 * pixels shown with replay.ts's one rule (comparison size, metrics and REPLAY_THRESHOLDS, calibrated there). One
 * status entry. The signer (signer/verify-derivative.ts) and the browser verifier
 * (verifier-extension/src/verify/verify-media.ts) both run it.
 */
import { hexToBytes } from '../bytes.ts';
import { isProvenantError } from '../errors.ts';
import { type StatusEntry, status } from '../report/entry.ts';
import { type CaptureGeometry, tilesNeeded } from './capture-geometry.ts';
import type { ImageOp } from './ops.ts';
import { judgeReplay, type ReplayMetrics, replayComparisonPair, replayExpected, replayMetrics } from './replay.ts';
import { diagnoseComparison } from './replay-diagnosis.ts';
import type { RgbaImage } from './rgba.ts';
import { revealedTilesFromJson, verifyTiles } from './tile-tree.ts';
import { assembleTiles, tileLayout } from './tiles.ts';

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
  const [a, b] = replayComparisonPair(expected, shown);
  const metrics = replayMetrics(a, b);
  if (judgeReplay(metrics) === 'consistent') {
    return { entry: status('transform.replay.consistent', { detail: fmt(metrics) }), metrics };
  }
  if (options.diagnose === false) {
    return { entry: status('transform.replay.inconsistent', { detail: fmt(metrics) }), metrics };
  }
  const diagnosis = diagnoseComparison(a, b);
  return { entry: status(DIAGNOSIS_CODE[diagnosis], { detail: fmt(metrics) }), metrics };
}
