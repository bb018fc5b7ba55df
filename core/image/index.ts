/** Pure-pixel image code shared by the signer and the extension (docs/PROTOCOL.md, "Images"). */
export { type CaptureGeometry, tilesNeeded } from './capture-geometry.ts';
export { claimFingerprints, type PerceptualFingerprints, perceptualFingerprints } from './fingerprints.ts';
export { hammingDistance } from './hamming.ts';
export {
  adjust,
  applyOp,
  applyRecipe,
  checkOp,
  crop,
  type ImageOp,
  orient,
  redact,
  scaleRecipe,
} from './ops.ts';
export { PDQ_BITS, PDQ_HEX_LENGTH, type PdqResult, pdqCoefficients, pdqHash } from './pdq.ts';
export { PHASH_BITS, PHASH_HEX_LENGTH, pHash, phashCoefficients } from './phash.ts';
export { RASTER_CHANNELS, rasterDigest, rasterDigestHex, type StreamingSha256 } from './raster-digest.ts';
export { REFERENCE_MAX_EDGE, referenceRaster, referenceSize } from './reference.ts';
export {
  compareForReplay,
  judgeReplay,
  PSNR_CAP_DB,
  REPLAY_BLOCK,
  REPLAY_DETAIL_DIVISOR,
  REPLAY_MAX_LONG_EDGE,
  REPLAY_MIN_LONG_EDGE,
  REPLAY_THRESHOLDS,
  type ReplayMetrics,
  type ReplayThresholds,
  replayCompareSize,
  replayComparisonPair,
  replayExpected,
  replayMetrics,
  replaySourceRect,
  requiredTiles,
} from './replay.ts';
export { checkReplay, type ReplayCheck, type ReplayCheckOptions } from './replay-check.ts';
export {
  diagnoseComparison,
  diagnoseReplay,
  LOCAL_MAX_BLOCK_FRACTION,
  MAX_SHIFT,
  type ReplayDiagnosis,
} from './replay-diagnosis.ts';
export { downscale, fitLongEdge, resize } from './resize.ts';
export {
  assertDimensions,
  assertRgbaImage,
  blankRgba,
  compositeOnWhite,
  isOpaque,
  luma8,
  lumaF64,
  MAX_IMAGE_EDGE,
  MAX_IMAGE_PIXELS,
  type RgbaImage,
  rgbaFromImageData,
} from './rgba.ts';
export {
  ASPECT_TOLERANCE,
  comparePhotos,
  PDQ_CLOSE_BITS,
  PDQ_FLAT_QUALITY,
  PDQ_MIN_QUALITY,
  PHASH_CLOSE_BITS,
  type PhotoComparison,
} from './similarity.ts';
export {
  buildTileTree,
  proveTiles,
  type RevealedTile,
  type RevealedTiles,
  type RevealedTilesJson,
  revealedTilesFromJson,
  revealedTilesToJson,
  type TileRun,
  type TileTree,
  verifyTiles,
} from './tile-tree.ts';
export {
  assembleTiles,
  type PixelRect,
  parseTileContent,
  TILE_HEADER_BYTES,
  TILE_SIZE,
  type TileLayout,
  tileContent,
  tileLayout,
  tileRect,
  tilesCoveringRect,
} from './tiles.ts';
