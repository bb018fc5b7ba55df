/**
 * Tracks where the current image sits inside the original while a recipe is applied, so that crops,
 * redactions and aspect ratios can be judged relative to the ORIGINAL however many crops, quarter turns
 * and resizes came before. Coordinates are continuous: pixel (i, j) covers [i, i+1) × [j, j+1).
 */

/** A point (u, v) of the current image maps to the original's (a·u + b·v + c, d·u + e·v + f). */
interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

/** An axis-aligned rectangle in the original's coordinates, x0 < x1, y0 < y1. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function rectArea(r: Rect): number {
  return (r.x1 - r.x0) * (r.y1 - r.y0);
}

export function intersectRects(p: Rect, q: Rect): Rect | null {
  const x0 = Math.max(p.x0, q.x0);
  const y0 = Math.max(p.y0, q.y0);
  const x1 = Math.min(p.x1, q.x1);
  const y1 = Math.min(p.y1, q.y1);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

/** m ∘ t: first t (new coordinates → previous coordinates), then m (previous → original). */
function compose(m: Affine, t: Affine): Affine {
  return {
    a: m.a * t.a + m.b * t.d,
    b: m.a * t.b + m.b * t.e,
    c: m.a * t.c + m.b * t.f + m.c,
    d: m.d * t.a + m.e * t.d,
    e: m.d * t.b + m.e * t.e,
    f: m.d * t.c + m.e * t.f + m.f,
  };
}

export class ImageGeometry {
  readonly originalWidth: number;
  readonly originalHeight: number;
  #width: number;
  #height: number;
  #toOriginal: Affine = { a: 1, b: 0, c: 0, d: 0, e: 1, f: 0 };

  constructor(width: number, height: number) {
    this.originalWidth = width;
    this.originalHeight = height;
    this.#width = width;
    this.#height = height;
  }

  get width(): number {
    return this.#width;
  }

  get height(): number {
    return this.#height;
  }

  get originalArea(): number {
    return this.originalWidth * this.originalHeight;
  }

  /** Whether [x, x+w) × [y, y+h) lies inside the current image. */
  contains(x: number, y: number, w: number, h: number): boolean {
    return x >= 0 && y >= 0 && x + w <= this.#width && y + h <= this.#height;
  }

  /** A rectangle of the current image, in the original's coordinates (quarter turns keep it axis-aligned). */
  toOriginalRect(x: number, y: number, w: number, h: number): Rect {
    const m = this.#toOriginal;
    const xs = [m.a * x + m.b * y + m.c, m.a * (x + w) + m.b * (y + h) + m.c];
    const ys = [m.d * x + m.e * y + m.f, m.d * (x + w) + m.e * (y + h) + m.f];
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  }

  /** The part of the original the current image shows. */
  visibleRegion(): Rect {
    return this.toOriginalRect(0, 0, this.#width, this.#height);
  }

  crop(x: number, y: number, w: number, h: number): void {
    this.#toOriginal = compose(this.#toOriginal, { a: 1, b: 0, c: x, d: 0, e: 1, f: y });
    this.#width = w;
    this.#height = h;
  }

  resize(w: number, h: number): void {
    const kx = this.#width / w;
    const ky = this.#height / h;
    this.#toOriginal = compose(this.#toOriginal, { a: kx, b: 0, c: 0, d: 0, e: ky, f: 0 });
    this.#width = w;
    this.#height = h;
  }

  /** Rotate clockwise by rot90 degrees, then mirror left–right if flipH (the recipe's orient op). */
  orient(rot90: 0 | 90 | 180 | 270, flipH: boolean): void {
    const w = this.#width;
    const h = this.#height;
    // Each t maps a point of the rotated image back to the image before rotation.
    if (rot90 === 90) {
      // (u, v) → (h − v, u), so back: u = v′, v = h − u′.
      this.#toOriginal = compose(this.#toOriginal, { a: 0, b: 1, c: 0, d: -1, e: 0, f: h });
      this.#width = h;
      this.#height = w;
    } else if (rot90 === 180) {
      this.#toOriginal = compose(this.#toOriginal, { a: -1, b: 0, c: w, d: 0, e: -1, f: h });
    } else if (rot90 === 270) {
      // (u, v) → (v, w − u), so back: u = w − v′, v = u′.
      this.#toOriginal = compose(this.#toOriginal, { a: 0, b: -1, c: w, d: 1, e: 0, f: 0 });
      this.#width = h;
      this.#height = w;
    }
    if (flipH) this.#toOriginal = compose(this.#toOriginal, { a: -1, b: 0, c: this.#width, d: 0, e: 1, f: 0 });
  }
}
