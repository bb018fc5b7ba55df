/**
 * The demo's signed photograph: a harbour at dawn, generated pixel by pixel. Sky gradient with noise clouds, a low
 * sun, two hill ridges in haze, a sea with a shimmering sun path, a rocky spit with a striped lighthouse, a sailing
 * boat and dock cranes. Enough structure and texture for meaningful perceptual fingerprints, none of it copied.
 */
import { Canvas, edge, mix, type Rgb } from './canvas.ts';
import { valueNoise } from './noise.ts';

export const HARBOUR_SIZE = { width: 1600, height: 1200 } as const;

export function paintHarbour(width: number = HARBOUR_SIZE.width, height: number = HARBOUR_SIZE.height): Canvas {
  const cv = new Canvas(width, height);
  const clouds = valueNoise(11);
  const terrain = valueNoise(23);
  const water = valueNoise(37);
  const grain = valueNoise(41);
  const horizon = height * 0.6;
  const sun = { x: width * 0.66, y: horizon - height * 0.07, r: height * 0.045 };

  // Sky: indigo overhead to amber at the horizon, streaked clouds lit from below.
  cv.paint(
    (x, y) => {
      const t = y / horizon;
      let color = mix([28, 36, 84], [122, 92, 140], t * 1.2);
      color = mix(color, [246, 166, 92], Math.max(0, (t - 0.55) / 0.45) ** 1.4);
      const c = clouds.fbm(x / 260, y / 60, 5);
      const cover = Math.max(0, (c - 0.52) * 3.2) * (0.4 + 0.6 * t);
      const lit = mix([78, 60, 96], [250, 190, 140], t ** 2);
      color = mix(color, lit, cover);
      const glow = Math.exp(-(((x - sun.x) ** 2 + (y - sun.y) ** 2) / (height * 0.2) ** 2));
      return { color: mix(color, [255, 214, 150], glow * 0.7), alpha: 1 };
    },
    { x0: 0, y0: 0, x1: width, y1: horizon + 1 },
  );
  // The sun disc.
  cv.paint((x, y) => ({ color: [255, 236, 196], alpha: edge(Math.hypot(x - sun.x, y - sun.y) - sun.r) }), {
    x0: sun.x - sun.r - 2,
    y0: sun.y - sun.r - 2,
    x1: sun.x + sun.r + 2,
    y1: sun.y + sun.r + 2,
  });
  // Far ridge, then a nearer one, both hazed toward the sky colour.
  const ridge = (base: number, amp: number, scale: number, color: Rgb, seedX: number) =>
    cv.paint((x, y) => {
      const top = base - amp * terrain.fbm(x / scale + seedX, seedX, 4);
      if (y < top - 1) return null;
      const tex = terrain.fbm(x / 40, y / 40, 3) * 18 - 9;
      return { color: [color[0] + tex, color[1] + tex, color[2] + tex], alpha: edge(top - y) };
    });
  ridge(horizon + 1, height * 0.12, 420, [120, 96, 128], 3.1);
  ridge(horizon + 1, height * 0.06, 230, [78, 64, 96], 7.7);

  // Sea: darker toward the viewer, ripples, and a broken column of sunlight.
  cv.paint(
    (x, y) => {
      const depth = (y - horizon) / (height - horizon);
      let color = mix([150, 112, 120], [22, 48, 70], depth ** 0.6);
      const ripple = water.fbm(x / (30 + 200 * depth), y / (4 + 30 * depth), 4);
      color = mix(color, [10, 26, 44], Math.max(0, ripple - 0.55) * 1.8);
      const pathWidth = height * (0.03 + 0.22 * depth);
      const inPath = Math.exp(-(((x - sun.x) / pathWidth) ** 2));
      const sparkle = Math.max(0, water.at(x / 9, y / (1.5 + 6 * depth)) - 0.45) * 2.4;
      return { color: mix(color, [255, 206, 140], inPath * sparkle * (1 - depth * 0.5)), alpha: 1 };
    },
    { x0: 0, y0: horizon, x1: width, y1: height },
  );

  // A rocky spit on the left with a lighthouse.
  // The spit's crest stays low near the lighthouse, then slopes down into the water.
  const spitTop = (x: number) => {
    const t = Math.max(0, Math.min(1, (x - width * 0.2) / (width * 0.2)));
    return horizon + height * 0.03 + height * 0.5 * t * t * (3 - 2 * t);
  };
  cv.paint((x, y) => {
    if (x > width * 0.42) return null;
    const top = spitTop(x) - terrain.fbm(x / 25, 5.5, 3) * height * 0.02;
    if (y < top - 1) return null;
    const tex = terrain.fbm(x / 14, y / 14, 4);
    return { color: mix([34, 30, 38], [92, 78, 80], tex), alpha: edge(top - y) };
  });
  const lh = { x: width * 0.15, base: spitTop(width * 0.15) - height * 0.005, h: height * 0.26, w: width * 0.032 };
  cv.paint(
    (x, y) => {
      const t = (lh.base - y) / lh.h;
      if (t < 0 || t > 1) return null;
      const half = lh.w * (1 - 0.35 * t);
      const d = Math.abs(x - lh.x) - half;
      const band = Math.floor(t * 6) % 2 === 0 ? ([236, 228, 220] as Rgb) : ([178, 44, 42] as Rgb);
      const shade = 0.65 + 0.35 * ((x - lh.x + half) / (2 * half));
      return { color: [band[0] * shade, band[1] * shade, band[2] * shade], alpha: edge(d) };
    },
    { x0: lh.x - lh.w - 2, y0: lh.base - lh.h - 2, x1: lh.x + lh.w + 2, y1: lh.base + 1 },
  );
  const lamp = { x: lh.x, y: lh.base - lh.h - height * 0.02 };
  cv.paint((x, y) => {
    const d = Math.hypot(x - lamp.x, y - lamp.y);
    return { color: [255, 244, 200], alpha: Math.exp(-d / (height * 0.018)) * 0.9 };
  });

  // A sailing boat in the sun path.
  const boat = { x: width * 0.58, y: horizon + height * 0.18, w: width * 0.09 };
  cv.paint(
    (x, y) => {
      const dy = y - boat.y;
      if (dy < 0 || dy > boat.w * 0.18) return null;
      const half = boat.w / 2 - dy * 0.9;
      return { color: [24, 22, 30], alpha: edge(Math.abs(x - boat.x) - half) };
    },
    { x0: boat.x - boat.w, y0: boat.y, x1: boat.x + boat.w, y1: boat.y + boat.w * 0.2 },
  );
  cv.paint(
    (x, y) => {
      const t = (boat.y - y) / (boat.w * 1.1);
      if (t < 0 || t > 1) return null;
      const left = boat.x - boat.w * 0.02;
      const right = left + boat.w * 0.42 * (1 - t);
      const inside = Math.min(x - left, right - x);
      return { color: mix([240, 226, 206], [200, 150, 120], t), alpha: edge(-inside) };
    },
    { x0: boat.x - boat.w * 0.1, y0: boat.y - boat.w * 1.2, x1: boat.x + boat.w * 0.5, y1: boat.y },
  );

  // Dock cranes on the right: lattice-less silhouettes with a jib and a hanging line.
  for (const [cx, scale] of [
    [0.84, 1],
    [0.93, 0.8],
  ] as const) {
    const x0 = width * cx;
    const top = horizon - height * 0.2 * scale;
    const jib = { y: top + height * 0.015, x1: x0 - width * 0.11 * scale, x2: x0 + width * 0.04 * scale };
    cv.paint((x, y) => {
      const mast = Math.abs(x - x0) - width * 0.006 * scale;
      const onMast = y >= top && y <= horizon + 2 ? mast : 99;
      const onJib = x >= jib.x1 && x <= jib.x2 ? Math.abs(y - jib.y) - height * 0.004 : 99;
      const lineX = jib.x1 + width * 0.01;
      const onLine = y >= jib.y && y <= jib.y + height * 0.09 * scale ? Math.abs(x - lineX) - 0.8 : 99;
      const d = Math.min(onMast, onJib, onLine);
      return d > 1 ? null : { color: [30, 26, 40], alpha: edge(d) };
    });
  }

  // Film grain over everything, and a slight vignette.
  cv.paint((x, y) => {
    const g = grain.at(x * 0.9, y * 0.9) - 0.5;
    const r = Math.hypot((x - width / 2) / width, (y - height / 2) / height);
    const v = Math.max(0, r - 0.35) * 0.9;
    const i = (y * width + x) * 3;
    const base: Rgb = [cv.data[i] ?? 0, cv.data[i + 1] ?? 0, cv.data[i + 2] ?? 0];
    const k = (1 - v) * (1 + g * 0.08);
    return { color: [base[0] * k, base[1] * k, base[2] * k], alpha: 1 };
  });
  return cv;
}
