/**
 * Which reference tiles a derivative reveals, and how it gets them. A first-generation editor holds the capture's
 * picture and its secret tile seed: it rebuilds the salted tile tree, checks it against the signed tile root, and
 * proves exactly the tiles the replay needs. A later editor only holds the previous derivative: the tiles it needs
 * are a subset of what that one revealed (crops only shrink the visible region), so it republishes those, which
 * are public already.
 */
import { bytesToHex } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { type CaptureGeometry, tilesNeeded } from '../../core/image/capture-geometry.ts';
import type { ImageOp } from '../../core/image/ops.ts';
import { referenceRaster } from '../../core/image/reference.ts';
import type { RgbaImage } from '../../core/image/rgba.ts';
import { buildTileTree, proveTiles, type RevealedTilesJson, revealedTilesToJson } from '../../core/image/tile-tree.ts';
import { nodeSha256Oneshot } from './hash.ts';

/** Reveals the needed tiles from the capture's own pixels and its tile seed; refuses a seed of another capture. */
export function revealFromCapture(
  capture: CaptureGeometry,
  capturePixels: RgbaImage,
  tileSeed: Uint8Array,
  ops: readonly ImageOp[],
): RevealedTilesJson {
  const ref = referenceRaster(capturePixels);
  const tree = buildTileTree(ref, tileSeed, nodeSha256Oneshot);
  if (bytesToHex(tree.root) !== capture.reference.tileRoot) {
    throw new ProvenantError('input.invalid', 'the tile seed does not belong to this capture (tile roots differ)');
  }
  return revealedTilesToJson(proveTiles(tree, tilesNeeded(capture, ops)));
}

/** Republishes the parent's revealed tiles when they cover what the new recipe needs. */
export function revealFromParent(
  capture: CaptureGeometry,
  parentTiles: RevealedTilesJson | undefined,
  ops: readonly ImageOp[],
): RevealedTilesJson {
  if (parentTiles === undefined) {
    throw new ProvenantError('input.invalid', 'the parent derivative reveals no reference tiles to build on');
  }
  const have = new Set(parentTiles.indices);
  const missing = tilesNeeded(capture, ops).filter((i) => !have.has(i));
  if (missing.length > 0) {
    throw new ProvenantError(
      'input.invalid',
      `the recipe needs ${missing.length} reference tile(s) the parent did not reveal (the visible region grew?)`,
    );
  }
  return parentTiles;
}
