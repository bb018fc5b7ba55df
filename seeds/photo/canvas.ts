/**
 * A tiny RGB float canvas for the procedural pictures: per-pixel painters and alpha blending, then 8-bit RGBA out.
 * No anti-aliasing library, no fonts: every pixel is a function of the code, so the pictures are reproducible.
 */
export type Rgb = readonly [number, number, number];

export class Canvas {
  readonly data: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 3);
  }

  /** Calls `paint(x, y)` for every pixel and blends its colour in with its alpha (null: leave the pixel). */
  paint(paint: (x: number, y: number) => { color: Rgb; alpha: number } | null, box?: Box): void {
    const x0 = Math.max(0, Math.floor(box?.x0 ?? 0));
    const y0 = Math.max(0, Math.floor(box?.y0 ?? 0));
    const x1 = Math.min(this.width, Math.ceil(box?.x1 ?? this.width));
    const y1 = Math.min(this.height, Math.ceil(box?.y1 ?? this.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const p = paint(x, y);
        if (p === null || p.alpha <= 0) continue;
        const a = Math.min(1, p.alpha);
        const i = (y * this.width + x) * 3;
        for (let c = 0; c < 3; c++) {
          const old = this.data[i + c] ?? 0;
          this.data[i + c] = old + (p.color[c]! - old) * a;
        }
      }
    }
  }

  /** 8-bit RGBA, opaque, rounded and clamped. */
  toRgba(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    for (let p = 0, q = 0; p < this.data.length; p += 3, q += 4) {
      out[q] = clamp8(this.data[p] ?? 0);
      out[q + 1] = clamp8(this.data[p + 1] ?? 0);
      out[q + 2] = clamp8(this.data[p + 2] ?? 0);
      out[q + 3] = 255;
    }
    return out;
  }
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function clamp8(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const u = Math.max(0, Math.min(1, t));
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

/** Coverage of a hard edge at signed distance `d` (pixels, negative inside), with a one-pixel soft edge. */
export function edge(d: number): number {
  return Math.max(0, Math.min(1, 0.5 - d));
}
