/** What the replay needs to know about the capture (node-free, so a browser verifier can share the replay code). */
import type { ImageOp } from '../../core/image/ops.ts';
import { requiredTiles } from '../../core/image/replay.ts';

export interface CaptureGeometry {
  /** The capture's raster size (the recipe's coordinates). */
  readonly width: number;
  readonly height: number;
  readonly reference: { readonly width: number; readonly height: number; readonly tileRoot: string };
}

/** The tiles the concatenated recipe (capture onwards) needs. */
export function tilesNeeded(capture: CaptureGeometry, ops: readonly ImageOp[]): number[] {
  return requiredTiles(ops, capture.width, capture.height, capture.reference.width, capture.reference.height);
}
