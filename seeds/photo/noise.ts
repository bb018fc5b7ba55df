/** Seeded value noise and fractal sums of it: the texture (clouds, water, rock, grain) of the generated pictures. */
import { seededUniform } from '../random.ts';

const GRID = 256;

export interface Noise2 {
  /** Smooth noise in [0, 1) at (x, y) in grid units. */
  at(x: number, y: number): number;
  /** Fractal sum of `octaves` octaves, in [0, 1). */
  fbm(x: number, y: number, octaves: number): number;
}

const smooth = (t: number) => t * t * (3 - 2 * t);

export function valueNoise(seed: number): Noise2 {
  const rand = seededUniform(seed);
  const table = new Float64Array(GRID * GRID);
  for (let i = 0; i < table.length; i++) table[i] = rand();
  const cell = (i: number, j: number) => table[(((j % GRID) + GRID) % GRID) * GRID + (((i % GRID) + GRID) % GRID)] ?? 0;
  const at = (x: number, y: number) => {
    const i = Math.floor(x);
    const j = Math.floor(y);
    const u = smooth(x - i);
    const v = smooth(y - j);
    const top = cell(i, j) * (1 - u) + cell(i + 1, j) * u;
    const bottom = cell(i, j + 1) * (1 - u) + cell(i + 1, j + 1) * u;
    return top * (1 - v) + bottom * v;
  };
  return {
    at,
    fbm(x, y, octaves) {
      let sum = 0;
      let amp = 0.5;
      let norm = 0;
      for (let o = 0; o < octaves; o++) {
        sum += amp * at(x * 2 ** o + o * 17.3, y * 2 ** o + o * 31.7);
        norm += amp;
        amp /= 2;
      }
      return sum / norm;
    },
  };
}
