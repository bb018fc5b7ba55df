/** What the replay needs to know about the capture: its raster size and its reference raster's tile tree. */
import type { ImageOp } from './ops.ts';
import { requiredTiles } from './replay.ts';

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
