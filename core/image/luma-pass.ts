/**
 * One pass over an image's rows computing BT.601 float luma (rgba.ts lumaRow) once per row and handing it to
 * every fingerprint accumulator that needs that row: the 12-MP capture is read once for PDQ and pHash together and
 * no full-size luma buffer is allocated.
 */
import { lumaRow, type RgbaImage } from './rgba.ts';
import type { AxisWeights } from './weights.ts';

export interface LumaRowConsumer {
  /** Whether row y contributes to this consumer's output. */
  needsRow(y: number): boolean;
  addRow(y: number, luma: Float64Array): void;
}

export function feedLumaRows(img: RgbaImage, consumers: readonly LumaRowConsumer[]): void {
  const row = new Float64Array(img.width);
  for (let y = 0; y < img.height; y++) {
    let needed = false;
    for (const c of consumers) needed ||= c.needsRow(y);
    if (!needed) continue;
    lumaRow(img, y, row);
    for (const c of consumers) if (c.needsRow(y)) c.addRow(y, row);
  }
}

/** For each source index, the (output index, weight) pairs it feeds: the transpose of an AxisWeights. */
export interface InverseWeights {
  readonly start: Int32Array;
  readonly target: Int32Array;
  readonly weight: Float64Array;
}

export function invertWeights(w: AxisWeights): InverseWeights {
  const counts = new Int32Array(w.source + 1);
  for (let k = 0; k < w.index.length; k++) {
    const at = (w.index[k] as number) + 1;
    counts[at] = (counts[at] as number) + 1;
  }
  for (let s = 0; s < w.source; s++) counts[s + 1] = (counts[s + 1] as number) + (counts[s] as number);
  const start = counts.slice();
  const fill = counts.slice(0, w.source);
  const target = new Int32Array(w.index.length);
  const weight = new Float64Array(w.index.length);
  for (let i = 0; i < w.target; i++) {
    for (let k = w.start[i] as number; k < (w.start[i + 1] as number); k++) {
      const s = w.index[k] as number;
      const at = fill[s] as number;
      fill[s] = at + 1;
      target[at] = i;
      weight[at] = w.weight[k] as number;
    }
  }
  return { start, target, weight };
}

/**
 * Accumulates out[i][j] = Σ_y Σ_x wy(i, y) · wx(j, x) · luma(y, x) for separable kernels (row-major
 * rows.target × cols.target), without dividing by the divisors.
 */
export class SeparableLumaSampler implements LumaRowConsumer {
  readonly out: Float64Array;
  readonly #cols: AxisWeights;
  readonly #rowsInverse: InverseWeights;
  readonly #rowSample: Float64Array;

  constructor(rows: AxisWeights, cols: AxisWeights) {
    this.#cols = cols;
    this.#rowsInverse = invertWeights(rows);
    this.#rowSample = new Float64Array(cols.target);
    this.out = new Float64Array(rows.target * cols.target);
  }

  needsRow(y: number): boolean {
    return (this.#rowsInverse.start[y + 1] as number) > (this.#rowsInverse.start[y] as number);
  }

  addRow(y: number, luma: Float64Array): void {
    const { start, index, weight, target: n } = this.#cols;
    const sample = this.#rowSample;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = start[j] as number, end = start[j + 1] as number; k < end; k++) {
        s += (weight[k] as number) * (luma[index[k] as number] as number);
      }
      sample[j] = s;
    }
    const inv = this.#rowsInverse;
    for (let k = inv.start[y] as number, end = inv.start[y + 1] as number; k < end; k++) {
      const base = (inv.target[k] as number) * n;
      const w = inv.weight[k] as number;
      for (let j = 0; j < n; j++) this.out[base + j] = (this.out[base + j] as number) + w * (sample[j] as number);
    }
  }
}
