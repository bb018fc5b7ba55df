/**
 * The replay comparator end to end, as a verifier runs it: the capture's reference raster and tile tree, the tiles an
 * editor reveals for a recipe, the replay from those tiles only, and the comparison with the (JPEG re-encoded)
 * pixels the derivative shows, with the one rule verifiers apply (core/image/replay.ts: comparison size from the
 * replay's resolution, REPLAY_THRESHOLDS). Honest outputs must be 'consistent', edited ones 'inconsistent', except
 * the documented limit: a 1 % paste when the comparison is small (PROTOCOL §11.3).
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
  replayCompareSize,
  replayExpected,
  replayMetrics,
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

/** A 1 % paste is caught for sure only from this comparison long edge on (its patch then spans ≥ 16 px, two windows). */
const PASTE_1_RELIABLE_FROM = 160;
/** Below it, the 1 % pastes these pictures let through (texture averaged to grey over flat shapes): the limit. */
const missedSmallPastes: string[] = [];

describe('honest derivatives replay as consistent; edited ones do not', () => {
  for (const [pname, make] of Object.entries({ scene, texture, shapes, textLike })) {
    const full = make(W, H, 21);
    for (const [rname, ops] of Object.entries(RECIPES)) {
      it(`${pname}: ${rname}`, async () => {
        const { expected } = replayFromTiles(full, ops);
        const shown = applyRecipe(full, ops);
        const honest = compareForReplay(expected, await jpeg(shown, 60));
        expect({ ...honest, verdict: judgeReplay(honest) }).toMatchObject({ verdict: 'consistent' });

        // An object pasted over 2 % and over 1 % of the picture.
        const pastes = [Math.SQRT2 / 10, 0.1].map((edge) => {
          const patch = texture(Math.round(shown.width * edge), Math.round(shown.height * edge), 77);
          return paste(shown, patch, Math.round(shown.width * 0.6), Math.round(shown.height * 0.3));
        });
        const two = compareForReplay(expected, await jpeg(pastes[0] as RgbaImage, 60));
        expect({ ...two, verdict: judgeReplay(two) }).toMatchObject({ verdict: 'inconsistent' });
        const one = compareForReplay(expected, await jpeg(pastes[1] as RgbaImage, 60));
        if (Math.max(one.width, one.height) >= PASTE_1_RELIABLE_FROM) {
          expect({ ...one, verdict: judgeReplay(one) }).toMatchObject({ verdict: 'inconsistent' });
        } else if (judgeReplay(one) === 'consistent') {
          missedSmallPastes.push(`${pname}: ${rname} (${one.width}×${one.height}, ${one.worstBlockDiff.toFixed(1)})`);
        }

        // An undisclosed global colour change.
        const brighter = compareForReplay(expected, await jpeg(scaleBrightness(shown, 1.35), 60));
        if (pname !== 'textLike') expect(judgeReplay(brighter)).toBe('inconsistent');
      });
    }
  }

  it('limit: a 1 % paste can pass when the comparison is under 160 px (here: only on flat shapes)', () => {
    // Runs after the cases above (vitest keeps the order within a file). The replay of a 383-px output cut from a
    // 1024-px reference has 245 px of detail (comparison 81 px); an upscaled crop has 379 px (126 px). There a
    // band-limited patch averages to nearly the grey of what it covers; 2 % pastes are still caught.
    expect(missedSmallPastes.sort()).toEqual([
      'shapes: small corner crop, darker (81×61, 16.0)',
      'shapes: upscale then crop, mirrored (126×101, 15.0)',
    ]);
  });

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
    expect(m).toEqual({ psnr: PSNR_CAP_DB, worstBlockDiff: 0, blockSize: 8, width: 64, height: 38 });
    expect(judgeReplay(m)).toBe('consistent');
  });

  it('compares at min(m, clamp(⌊m / 3⌋, 64, 256)), m the smaller long edge, shaped like the shown image', () => {
    const size = (ew: number, eh: number, sw: number, sh: number) =>
      replayCompareSize({ width: ew, height: eh }, { width: sw, height: sh });
    expect(size(300, 200, 90, 60)).toEqual({ width: 64, height: 43 }); // m = 90: at least 64
    expect(size(50, 40, 300, 200)).toEqual({ width: 50, height: 33 }); // m = 50: never above either image
    expect(size(600, 450, 900, 600)).toEqual({ width: 200, height: 133 }); // m = 600: a third
    expect(size(1024, 768, 1600, 1200)).toEqual({ width: 256, height: 192 }); // m = 1024: at most 256
    expect(size(245, 184, 383, 287)).toEqual({ width: 81, height: 61 }); // the reference limits the detail
    const a = texture(300, 200, 1);
    expect([compareForReplay(a, texture(90, 60, 1)).width, compareForReplay(a, texture(90, 60, 1)).height]).toEqual([
      64, 43,
    ]);
  });

  it('the worst block is over every 8×8 window, not only the aligned ones', () => {
    const a = texture(64, 64, 2);
    const data = a.data.slice();
    // A 6×6 change straddling four aligned blocks (each would see 9 of its 64 pixels changed).
    for (let y = 5; y < 11; y++)
      for (let x = 5; x < 11; x++) data[(y * 64 + x) * 4] = 255 - (a.data[(y * 64 + x) * 4] as number);
    const m = replayMetrics(a, { width: 64, height: 64, data });
    let sum = 0;
    for (let y = 5; y < 11; y++)
      for (let x = 5; x < 11; x++) sum += Math.abs(255 - 2 * (a.data[(y * 64 + x) * 4] as number));
    expect(m.worstBlockDiff).toBeCloseTo(sum / (64 * 3), 9);
    expect(() => replayMetrics(a, texture(32, 64, 2))).toThrow();
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
