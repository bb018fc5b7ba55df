/**
 * The pixel formulas the image vectors are defined by. Each vector names a formula by id and spells it out; the
 * tests check the spelling here equals the one in the JSON, so the two cannot drift. `/` is integer division
 * (floor, operands are non-negative), `%` the non-negative remainder.
 */
import type { Img } from './naive-reference.ts';

type Rgba = [number, number, number, number];

export const FORMULAS: Record<string, { text: string; pixel: (x: number, y: number) => Rgba }> = {
  ramps: {
    text: 'pixel(x,y) = [(x*7 + y*3) % 256, (x*x + y*5) % 256, (x*y) % 256, 255]',
    pixel: (x, y) => [(x * 7 + y * 3) % 256, (x * x + y * 5) % 256, (x * y) % 256, 255],
  },
  blocks: {
    text: 'pixel(x,y) = [((x/23)*53 + (y/17)*97) % 256, ((x/23)*29 + (y/17)*61 + 40) % 256, ((x/23)*(y/17)*37 + 90) % 256, 255]',
    pixel: (x, y) => {
      const bx = Math.floor(x / 23);
      const by = Math.floor(y / 17);
      return [(bx * 53 + by * 97) % 256, (bx * 29 + by * 61 + 40) % 256, (bx * by * 37 + 90) % 256, 255];
    },
  },
  rings: {
    text: 'pixel(x,y) = [((x-150)*(x-150) + (y-90)*(y-90))/40 % 256, (x*3 + (y/9)*41) % 256, (255 - (x+y)/3 % 256), 255]',
    pixel: (x, y) => [
      Math.floor(((x - 150) * (x - 150) + (y - 90) * (y - 90)) / 40) % 256,
      (x * 3 + Math.floor(y / 9) * 41) % 256,
      255 - (Math.floor((x + y) / 3) % 256),
      255,
    ],
  },
  translucent: {
    text: 'pixel(x,y) = [(x*5) % 256, (y*9) % 256, (x+y) % 256, (x*y + 37) % 256]',
    pixel: (x, y) => [(x * 5) % 256, (y * 9) % 256, (x + y) % 256, (x * y + 37) % 256],
  },
};

export function formulaImage(id: string, width: number, height: number): Img {
  const f = FORMULAS[id];
  if (!f) throw new Error(`unknown formula ${id}`);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(f.pixel(x, y), (y * width + x) * 4);
  }
  return { width, height, data };
}
