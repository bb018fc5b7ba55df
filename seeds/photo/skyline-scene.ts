/**
 * The demo's picture WITHOUT provenance: a city skyline at night (stars, a moon, towers with lit windows, a river
 * reflecting them). Generated like the harbour, but never signed: readers should see "no provenance", not "fake".
 */

import { seededUniform } from '../random.ts';
import { Canvas, edge, mix } from './canvas.ts';
import { valueNoise } from './noise.ts';

export const SKYLINE_SIZE = { width: 1200, height: 800 } as const;

export function paintSkyline(width: number = SKYLINE_SIZE.width, height: number = SKYLINE_SIZE.height): Canvas {
  const cv = new Canvas(width, height);
  const haze = valueNoise(53);
  const rand = seededUniform(59);
  const ground = height * 0.72;

  cv.paint((x, y) => {
    const t = y / ground;
    const sky = mix([6, 10, 30], [48, 40, 86], t ** 1.5);
    return { color: mix(sky, [90, 70, 110], Math.max(0, haze.fbm(x / 300, y / 90, 4) - 0.5) * t), alpha: 1 };
  });
  for (let i = 0; i < 260; i++) {
    const sx = rand() * width;
    const sy = rand() * ground * 0.8;
    const b = 120 + rand() * 135;
    cv.paint((x, y) => ({ color: [b, b, b * 0.95], alpha: edge(Math.hypot(x - sx, y - sy) - 0.6) }), {
      x0: sx - 2,
      y0: sy - 2,
      x1: sx + 2,
      y1: sy + 2,
    });
  }
  const moon = { x: width * 0.2, y: height * 0.18, r: height * 0.05 };
  cv.paint((x, y) => {
    const d = Math.hypot(x - moon.x, y - moon.y);
    const crater = haze.at(x / 6, y / 6) * 30;
    return d < moon.r + 2
      ? { color: [232 - crater, 228 - crater, 210 - crater], alpha: edge(d - moon.r) }
      : { color: [200, 200, 230], alpha: Math.exp(-(d - moon.r) / (height * 0.05)) * 0.25 };
  });

  // Towers: random widths and heights, each a grid of windows of which some are lit.
  let x0 = -10;
  while (x0 < width) {
    const w = 40 + rand() * 90;
    const h = height * (0.15 + rand() * 0.45);
    const top = ground - h;
    const shade = 18 + rand() * 20;
    const litShare = 0.25 + rand() * 0.4;
    const windowSeed = Math.floor(rand() * 1e9);
    const left = x0;
    cv.paint(
      (x, y) => {
        const col = Math.floor((x - left - 6) / 12);
        const row = Math.floor((y - top - 8) / 16);
        const inWindow = (x - left - 6) % 12 < 6 && (y - top - 8) % 16 < 9 && x - left > 6 && left + w - x > 6;
        const lit = inWindow && seededUniform(windowSeed + col * 977 + row * 131)() < litShare;
        return { color: lit ? [250, 214, 130] : [shade, shade, shade + 12], alpha: 1 };
      },
      { x0: left, y0: top, x1: left + w, y1: ground },
    );
    x0 += w + 4 + rand() * 14;
  }
  // The river mirrors the skyline with ripples.
  cv.paint(
    (x, y) => {
      const depth = (y - ground) / (height - ground);
      const wobble = (haze.at(x / 20, y / 3) - 0.5) * 14 * (0.3 + depth);
      const sy = Math.round(2 * ground - y + wobble);
      const sx = Math.min(width - 1, Math.max(0, Math.round(x + wobble)));
      const i = (Math.max(0, Math.min(height - 1, sy)) * width + sx) * 3;
      const k = 0.55 - depth * 0.25;
      return {
        color: [(cv.data[i] ?? 0) * k, (cv.data[i + 1] ?? 0) * k, (cv.data[i + 2] ?? 0) * k + 6],
        alpha: 1,
      };
    },
    { x0: 0, y0: ground, x1: width, y1: height },
  );
  return cv;
}
