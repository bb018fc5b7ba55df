/**
 * Replay of an image derivative in the browser: the revealed reference tiles must lead to the capture's signed tile
 * root; the whole recipe (capture onwards) is applied to them with core and compared with the pixels shown at the
 * signer's calibrated size and thresholds (signer/derive/replay-check.ts, which bundles node:crypto and so cannot
 * be imported here; tests/extension/replay.test.ts checks both agree). The signer also diagnoses a failure (colour,
 * geometry, local edit); the extension reports the plain `transform.replay.inconsistent`.
 */
import { hexToBytes } from '../../../core/bytes.ts';
import { isProvenantError } from '../../../core/errors.ts';
import type { ImageOp } from '../../../core/image/ops.ts';
import {
  compareForReplay,
  judgeReplay,
  type ReplayThresholds,
  replayExpected,
  requiredTiles,
} from '../../../core/image/replay.ts';
import { fitLongEdge, resize } from '../../../core/image/resize.ts';
import { compositeOnWhite, type RgbaImage } from '../../../core/image/rgba.ts';
import { revealedTilesFromJson, verifyTiles } from '../../../core/image/tile-tree.ts';
import { assembleTiles, tileLayout } from '../../../core/image/tiles.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';

export const REPLAY_COMPARE_LONG_EDGE = 64;
export const DERIVATIVE_REPLAY_THRESHOLDS: ReplayThresholds = { minPsnr: 25, maxWorstBlockDiff: 16 };

export interface CaptureGeometry {
  width: number;
  height: number;
  reference: { width: number; height: number; tileRoot: string };
}

export function replayDerivative(
  capture: CaptureGeometry,
  revealedJson: unknown,
  ops: readonly ImageOp[],
  shown: RgbaImage,
): StatusEntry {
  const layout = tileLayout(capture.reference.width, capture.reference.height);
  let revealed: ReturnType<typeof revealedTilesFromJson>;
  try {
    revealed = revealedTilesFromJson(revealedJson);
    if (!verifyTiles(hexToBytes(capture.reference.tileRoot, 32), layout, revealed)) {
      return status('transform.tiles.invalid', { detail: 'a tile proof does not lead to the capture’s tile root' });
    }
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    return status('transform.tiles.invalid', { detail: `malformed revealed tiles (${e.code})` });
  }
  const have = new Set(revealed.tiles.map((t) => t.index));
  const needed = requiredTiles(ops, capture.width, capture.height, capture.reference.width, capture.reference.height);
  const missing = needed.filter((i) => !have.has(i));
  if (missing.length > 0) {
    return status('transform.replay.skipped', { detail: `${missing.length} needed reference tile(s) not revealed` });
  }
  const expected = replayExpected(assembleTiles(layout, revealed.tiles), ops, capture.width, capture.height);
  const edge = Math.min(
    REPLAY_COMPARE_LONG_EDGE,
    Math.max(expected.width, expected.height),
    Math.max(shown.width, shown.height),
  );
  const { width, height } = fitLongEdge(shown.width, shown.height, edge);
  const m = compareForReplay(
    resize(compositeOnWhite(expected), width, height),
    resize(compositeOnWhite(shown), width, height),
  );
  const detail = `PSNR ${m.psnr.toFixed(1)} dB, worst ${m.blockSize}×${m.blockSize} block ${m.worstBlockDiff.toFixed(1)} at ${m.width}×${m.height}`;
  return judgeReplay(m, DERIVATIVE_REPLAY_THRESHOLDS) === 'consistent'
    ? status('transform.replay.consistent', { detail })
    : status('transform.replay.inconsistent', { detail });
}
