/**
 * The replay comparator end to end, as a verifier runs it: the capture's reference raster and tile tree, the tiles an
 * editor reveals for a recipe, the replay from those tiles only, and the comparison with the (JPEG re-encoded)
 * pixels the derivative shows. Honest outputs must be 'consistent', edited ones 'inconsistent'.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  applyRecipe,
  assembleTiles,
  buildTileTree,
  compareForReplay,
  crop,
  type ImageOp,
  judgeReplay,
  PSNR_CAP_DB,
  proveTiles,
  REPLAY_THRESHOLDS,
  type RgbaImage,
  referenceRaster,
  replayExpected,
  replaySourceRect,
  requiredTiles,
  revealedTilesFromJson,
  revealedTilesToJson,
  tileLayout,
  verifyTiles,
} from '../../core/image/index.ts';
import { paste, scaleBrightness, scene, shapes, textLike, texture } from './synthetic.ts';

const W = 1600;
const H = 1200;

async function jpeg(img: RgbaImage, quality: number): Promise<RgbaImage> {
  const file = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 4 } })
    .jpeg({ quality })
    .toBuffer();
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

const RECIPES: Record<string, ImageOp[]> = {
  'crop, adjust, resize': [
    { op: 'crop', x: 241, y: 163, w: 961, h: 721 },
    { op: 'adjust', brightness: 1.1, contrast: 0.95, saturation: 1.2 },
    { op: 'resize', w: 640, h: 480 },
    { op: 'encode', format: 'jpeg', quality: 60 },
  ],
  'turn, crop, resize': [
    { op: 'orient', rot90: 90 },
    { op: 'crop', x: 111, y: 333, w: 801, h: 621 },
    { op: 'resize', w: 512, h: 397 },
  ],
  'redact, crop': [
    { op: 'redact', x: 100, y: 100, w: 160, h: 120 },
    { op: 'crop', x: 1, y: 1, w: 1597, h: 1197 },
  ],
  'small corner crop, darker': [
    { op: 'crop', x: 1201, y: 901, w: 383, h: 287 },
    { op: 'adjust', brightness: 0.85, contrast: 1.2, saturation: 0.8 },
  ],
  'upscale then crop, mirrored': [
    { op: 'resize', w: 2400, h: 1800 },
    { op: 'crop', x: 799, y: 621, w: 889, h: 710 },
    { op: 'orient', rot90: 180, flipH: true },
  ],
};

/** What a verifier does: reveal, serialise, parse, verify, assemble, replay. */
function replayFromTiles(full: RgbaImage, ops: ImageOp[]) {
  const ref = referenceRaster(full);
  const tree = buildTileTree(ref, new Uint8Array(32).fill(9));
  const needed = requiredTiles(ops, full.width, full.height, ref.width, ref.height);
  const revealed = revealedTilesFromJson(JSON.parse(JSON.stringify(revealedTilesToJson(proveTiles(tree, needed)))));
  expect(verifyTiles(tree.root, ref, revealed)).toBe(true);
  const partial = assembleTiles(tileLayout(ref.width, ref.height), revealed.tiles);
  return { expected: replayExpected(partial, ops, full.width, full.height), needed: needed.length, count: tree.count };
}

describe('honest derivatives replay as consistent; edited ones do not', () => {
  for (const [pname, make] of Object.entries({ scene, texture, shapes, textLike })) {
    const full = make(W, H, 21);
    for (const [rname, ops] of Object.entries(RECIPES)) {
      it(`${pname}: ${rname}`, async () => {
        const { expected } = replayFromTiles(full, ops);
        const shown = applyRecipe(full, ops);
        const honest = compareForReplay(expected, await jpeg(shown, 60));
        expect({ ...honest, verdict: judgeReplay(honest) }).toMatchObject({ verdict: 'consistent' });

        // An object pasted over 1 % of the picture.
        const patch = texture(Math.round(shown.width * 0.1), Math.round(shown.height * 0.1), 77);
        const pasted = paste(shown, patch, Math.round(shown.width * 0.6), Math.round(shown.height * 0.3));
        const edited = compareForReplay(expected, await jpeg(pasted, 60));
        expect({ ...edited, verdict: judgeReplay(edited) }).toMatchObject({ verdict: 'inconsistent' });

        // An undisclosed global colour change.
        const brighter = compareForReplay(expected, await jpeg(scaleBrightness(shown, 1.35), 60));
        if (pname !== 'textLike') expect(judgeReplay(brighter)).toBe('inconsistent');
      });
    }
  }

  it('a different crop than the one claimed is inconsistent', () => {
    const full = scene(W, H, 22);
    const claimed: ImageOp[] = [{ op: 'crop', x: 400, y: 300, w: 800, h: 600 }];
    const actual = crop(full, 440, 300, 800, 600); // 5 % of the width off
    const m = compareForReplay(replayFromTiles(full, claimed).expected, actual);
    expect(judgeReplay(m)).toBe('inconsistent');
  });
});

describe('compareForReplay and judgeReplay', () => {
  it('an image against itself (or a crop against the same crop) gives the capped PSNR and no block difference', () => {
    const img = texture(300, 200, 5);
    const c = crop(img, 10, 20, 150, 90);
    const m = compareForReplay(c, crop(img, 10, 20, 150, 90));
    expect(m).toEqual({ psnr: PSNR_CAP_DB, worstBlockDiff: 0, blockSize: 8, width: 128, height: 77 });
    expect(judgeReplay(m)).toBe('consistent');
  });

  it('compares at min(128, both long edges), shaped like the shown image', () => {
    const a = texture(300, 200, 1);
    expect([compareForReplay(a, texture(90, 60, 1)).width, compareForReplay(a, texture(90, 60, 1)).height]).toEqual([
      90, 60,
    ]);
    expect(compareForReplay(texture(50, 40, 1), a).width).toBe(50);
  });

  it('thresholds are inclusive', () => {
    const base = { blockSize: 8, width: 128, height: 96 };
    const { minPsnr, maxWorstBlockDiff } = REPLAY_THRESHOLDS;
    expect(judgeReplay({ ...base, psnr: minPsnr, worstBlockDiff: maxWorstBlockDiff })).toBe('consistent');
    expect(judgeReplay({ ...base, psnr: minPsnr - 0.01, worstBlockDiff: 0 })).toBe('inconsistent');
    expect(judgeReplay({ ...base, psnr: PSNR_CAP_DB, worstBlockDiff: maxWorstBlockDiff + 0.01 })).toBe('inconsistent');
    expect(() => judgeReplay({ ...base, psnr: Number.NaN, worstBlockDiff: 0 })).toThrow();
  });
});

describe('required tiles', () => {
  it('a crop needs only the tiles under it; the whole picture needs all', () => {
    const full = scene(W, H, 23);
    const ref = referenceRaster(full); // 1024 × 768
    expect(replaySourceRect([{ op: 'crop', x: 400, y: 300, w: 800, h: 600 }], W, H, 1024, 768)).toEqual({
      x: 256,
      y: 192,
      w: 512,
      h: 384,
    });
    expect(requiredTiles([{ op: 'crop', x: 400, y: 300, w: 800, h: 600 }], W, H, 1024, 768)).toHaveLength(8 * 6);
    expect(
      requiredTiles([{ op: 'adjust', brightness: 1, contrast: 1, saturation: 1.1 }], W, H, 1024, 768),
    ).toHaveLength(16 * 12);
    // Turned first: the crop is in the turned picture's coordinates.
    const turned: ImageOp[] = [
      { op: 'orient', rot90: 90 },
      { op: 'crop', x: 0, y: 0, w: 100, h: 100 },
    ];
    expect(replaySourceRect(turned, W, H, ref.width, ref.height)).toEqual({ x: 0, y: 704, w: 64, h: 64 });
    const { needed, count } = replayFromTiles(full, RECIPES['small corner crop, darker'] as ImageOp[]);
    expect(needed).toBeLessThan(count / 8);
  });
});
