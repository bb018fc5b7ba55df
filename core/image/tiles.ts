/**
 * The reference raster cut into 64-px tiles, row-major (index = row · cols + col; the last column and row may be
 * narrower). A tile's content bytes are u16be(col) ‖ u16be(row) ‖ u16be(w) ‖ u16be(h) ‖ RGB (w·h·3 bytes, row-major),
 * so a revealed tile says where it belongs and a verifier can rebuild that part of the raster.
 */
import { assertSafeInteger } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { REFERENCE_MAX_EDGE } from './reference.ts';
import { assertDimensions, assertRgbaImage, blankRgba, compositeOnWhite, type RgbaImage } from './rgba.ts';

export const TILE_SIZE = 64;
export const TILE_HEADER_BYTES = 8;

export interface TileLayout {
  readonly width: number;
  readonly height: number;
  readonly tileSize: typeof TILE_SIZE;
  readonly cols: number;
  readonly rows: number;
  readonly count: number;
}

/** A pixel rectangle [x, x+w) × [y, y+h). */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The tiling of a reference raster of width × height (each edge ≤ 1024). */
export function tileLayout(width: number, height: number): TileLayout {
  assertDimensions(width, height, 'reference');
  if (width > REFERENCE_MAX_EDGE || height > REFERENCE_MAX_EDGE) {
    throw new ProvenantError('input.invalid', `reference edges must be at most ${REFERENCE_MAX_EDGE} pixels`);
  }
  const cols = Math.ceil(width / TILE_SIZE);
  const rows = Math.ceil(height / TILE_SIZE);
  return { width, height, tileSize: TILE_SIZE, cols, rows, count: cols * rows };
}

function assertTileIndex(layout: TileLayout, index: number): void {
  assertSafeInteger(index, 'tile index', 0, layout.count - 1);
}

export function tileRect(layout: TileLayout, index: number): PixelRect & { col: number; row: number } {
  assertTileIndex(layout, index);
  const col = index % layout.cols;
  const row = Math.floor(index / layout.cols);
  const x = col * TILE_SIZE;
  const y = row * TILE_SIZE;
  return { col, row, x, y, w: Math.min(TILE_SIZE, layout.width - x), h: Math.min(TILE_SIZE, layout.height - y) };
}

/** Content bytes of tile `index` of an OPAQUE image laid out by `layout` (no argument checks). */
export function tileContentUnchecked(ref: RgbaImage, layout: TileLayout, index: number): Uint8Array {
  const { col, row, x, y, w, h } = tileRect(layout, index);
  const out = new Uint8Array(TILE_HEADER_BYTES + w * h * 3);
  const view = new DataView(out.buffer);
  view.setUint16(0, col);
  view.setUint16(2, row);
  view.setUint16(4, w);
  view.setUint16(6, h);
  const d = ref.data;
  let o = TILE_HEADER_BYTES;
  for (let yy = y; yy < y + h; yy++) {
    for (let p = (yy * ref.width + x) * 4, end = p + w * 4; p < end; p += 4) {
      out[o++] = d[p] as number;
      out[o++] = d[p + 1] as number;
      out[o++] = d[p + 2] as number;
    }
  }
  return out;
}

/** Content bytes of one tile of the visible (composited) reference raster. */
export function tileContent(ref: RgbaImage, index: number): Uint8Array {
  assertRgbaImage(ref, 'reference');
  return tileContentUnchecked(compositeOnWhite(ref), tileLayout(ref.width, ref.height), index);
}

export interface ParsedTile {
  readonly col: number;
  readonly row: number;
  readonly w: number;
  readonly h: number;
  readonly rgb: Uint8Array;
}

/**
 * Parses tile content and checks it is exactly tile `index` of `layout`: the header names that tile's column,
 * row and size, and the pixel bytes have that size. Anything else is proof.malformed.
 */
export function parseTileContent(layout: TileLayout, index: number, content: Uint8Array): ParsedTile {
  if (!(content instanceof Uint8Array) || content.length < TILE_HEADER_BYTES) {
    throw new ProvenantError('proof.malformed', 'tile content is too short');
  }
  const expected = tileRect(layout, index);
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const col = view.getUint16(0);
  const row = view.getUint16(2);
  const w = view.getUint16(4);
  const h = view.getUint16(6);
  if (col !== expected.col || row !== expected.row || w !== expected.w || h !== expected.h) {
    throw new ProvenantError('proof.malformed', `tile ${index} content names another tile or size`);
  }
  if (content.length !== TILE_HEADER_BYTES + w * h * 3) {
    throw new ProvenantError('proof.malformed', `tile ${index} content must have ${w * h * 3} pixel bytes`);
  }
  return { col, row, w, h, rgb: content.subarray(TILE_HEADER_BYTES) };
}

/** Ascending indices of the tiles that intersect `rect`, which must lie inside the reference raster. */
export function tilesCoveringRect(refW: number, refH: number, rect: PixelRect): number[] {
  const layout = tileLayout(refW, refH);
  const { x, y, w, h } = rect;
  assertSafeInteger(x, 'rect.x');
  assertSafeInteger(y, 'rect.y');
  assertSafeInteger(w, 'rect.w', 1);
  assertSafeInteger(h, 'rect.h', 1);
  if (x + w > refW || y + h > refH) throw new ProvenantError('input.invalid', 'rect must lie inside the reference');
  const out: number[] = [];
  const c0 = Math.floor(x / TILE_SIZE);
  const c1 = Math.floor((x + w - 1) / TILE_SIZE);
  for (let r = Math.floor(y / TILE_SIZE); r <= Math.floor((y + h - 1) / TILE_SIZE); r++) {
    for (let c = c0; c <= c1; c++) out.push(r * layout.cols + c);
  }
  return out;
}

/**
 * The reference raster rebuilt from revealed tiles: their pixels opaque, every other pixel transparent black
 * (0, 0, 0, 0). Call only after verifyTiles; the contents are parsed and checked against the layout again here.
 */
export function assembleTiles(
  layout: TileLayout,
  tiles: readonly { readonly index: number; readonly content: Uint8Array }[],
): RgbaImage {
  const img = blankRgba(layout.width, layout.height);
  const d = img.data;
  for (const { index, content } of tiles) {
    const { col, row, w, h, rgb } = parseTileContent(layout, index, content);
    const x = col * TILE_SIZE;
    const y = row * TILE_SIZE;
    let s = 0;
    for (let yy = y; yy < y + h; yy++) {
      for (let p = (yy * layout.width + x) * 4, end = p + w * 4; p < end; p += 4) {
        d[p] = rgb[s++] as number;
        d[p + 1] = rgb[s++] as number;
        d[p + 2] = rgb[s++] as number;
        d[p + 3] = 255;
      }
    }
  }
  return img;
}
