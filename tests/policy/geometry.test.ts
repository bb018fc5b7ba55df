import { describe, expect, it } from 'vitest';
import { ImageGeometry } from '../../core/policy/geometry.ts';

// Where the top-left 100 × 50 block of the edited image comes from in a 4000 × 3000 original, worked by hand:
// rotating clockwise sends the original's bottom-left corner to the top-left, and so on.
const CASES = [
  { rot90: 0, flipH: false, dims: [4000, 3000], region: { x0: 0, y0: 0, x1: 100, y1: 50 } },
  { rot90: 90, flipH: false, dims: [3000, 4000], region: { x0: 0, y0: 2900, x1: 50, y1: 3000 } },
  { rot90: 180, flipH: false, dims: [4000, 3000], region: { x0: 3900, y0: 2950, x1: 4000, y1: 3000 } },
  { rot90: 270, flipH: false, dims: [3000, 4000], region: { x0: 3950, y0: 0, x1: 4000, y1: 100 } },
  { rot90: 0, flipH: true, dims: [4000, 3000], region: { x0: 3900, y0: 0, x1: 4000, y1: 50 } },
  // A clockwise quarter turn then a mirror is a transpose.
  { rot90: 90, flipH: true, dims: [3000, 4000], region: { x0: 0, y0: 0, x1: 50, y1: 100 } },
] as const;

describe('ImageGeometry', () => {
  for (const c of CASES) {
    it(`orient ${c.rot90}${c.flipH ? ' + flip' : ''}`, () => {
      const g = new ImageGeometry(4000, 3000);
      g.orient(c.rot90, c.flipH);
      expect([g.width, g.height]).toEqual(c.dims);
      expect(g.toOriginalRect(0, 0, 100, 50)).toEqual(c.region);
      expect(g.visibleRegion()).toEqual({ x0: 0, y0: 0, x1: 4000, y1: 3000 });
    });
  }

  it('tracks a crop through a resize and a turn', () => {
    const g = new ImageGeometry(4000, 3000);
    g.crop(1000, 500, 2000, 2000); // original [1000, 3000) × [500, 2500)
    g.resize(500, 500); // 4 original px per px
    g.orient(90, false); // still 500 × 500
    g.crop(0, 0, 250, 500); // the left half of the turned image = the bottom half of the pre-turn image
    expect(g.visibleRegion()).toEqual({ x0: 1000, y0: 1500, x1: 3000, y1: 2500 });
  });

  it('four quarter turns are the identity', () => {
    const g = new ImageGeometry(640, 480);
    for (let i = 0; i < 4; i++) g.orient(90, false);
    expect([g.width, g.height]).toEqual([640, 480]);
    expect(g.toOriginalRect(10, 20, 30, 40)).toEqual({ x0: 10, y0: 20, x1: 40, y1: 60 });
  });
});
