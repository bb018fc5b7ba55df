/**
 * Where the current image of a recipe sits in the ORIGINAL image, as an exact map (no rounding): a point (u, v) of
 * the current image is the original's (a·u + b·v + c, d·u + e·v + f). Crops translate, resizes scale, quarter
 * turns and flips permute and negate axes, so the map stays axis-aligned. Continuous coordinates: pixel (i, j)
 * covers [i, i+1) × [j, j+1).
 */

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export class Frame {
  width: number;
  height: number;
  a = 1;
  b = 0;
  c = 0;
  d = 0;
  e = 1;
  f = 0;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
  }

  /** Compose with t (new coordinates → current coordinates). */
  #then(ta: number, tb: number, tc: number, td: number, te: number, tf: number): void {
    const { a, b, c, d, e, f } = this;
    this.a = a * ta + b * td;
    this.b = a * tb + b * te;
    this.c = a * tc + b * tf + c;
    this.d = d * ta + e * td;
    this.e = d * tb + e * te;
    this.f = d * tc + e * tf + f;
  }

  crop(x: number, y: number, w: number, h: number): void {
    this.#then(1, 0, x, 0, 1, y);
    this.width = w;
    this.height = h;
  }

  resize(w: number, h: number): void {
    this.#then(this.width / w, 0, 0, 0, this.height / h, 0);
    this.width = w;
    this.height = h;
  }

  /** Rotate clockwise by rot90, then mirror left–right if flipH (the recipe's orient). */
  orient(rot90: 0 | 90 | 180 | 270, flipH: boolean): void {
    const w = this.width;
    const h = this.height;
    if (rot90 === 90) {
      // new (u, v) shows old (v, h − u)
      this.#then(0, 1, 0, -1, 0, h);
      [this.width, this.height] = [h, w];
    } else if (rot90 === 180) {
      this.#then(-1, 0, w, 0, -1, h);
    } else if (rot90 === 270) {
      // new (u, v) shows old (w − v, u)
      this.#then(0, -1, w, 1, 0, 0);
      [this.width, this.height] = [h, w];
    }
    if (flipH) this.#then(-1, 0, this.width, 0, 1, 0);
  }

  /** A rectangle of the current image, in the original's coordinates. */
  toOriginalRect(x: number, y: number, w: number, h: number): Rect {
    const xs = [this.a * x + this.b * y + this.c, this.a * (x + w) + this.b * (y + h) + this.c];
    const ys = [this.d * x + this.e * y + this.f, this.d * (x + w) + this.e * (y + h) + this.f];
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  }

  /** The part of the original the current image shows. */
  visibleRegion(): Rect {
    return this.toOriginalRect(0, 0, this.width, this.height);
  }

  /** True if the current image's x axis runs along the original's y axis (an odd number of quarter turns). */
  get swapsAxes(): boolean {
    return this.a === 0;
  }
}
