/**
 * One-axis resampling kernels: output i of an axis is Σ_k weight_k · source[index_k] / divisor. The kernels here have
 * INTEGER weights that sum to `divisor` for every output, so the resamplers built on them are exact; the PDQ tent
 * kernel (pdq.ts) reuses the shape with fractional weights and divisor 1.
 */

/** Compressed rows: output i uses entries start[i] … start[i+1] − 1 of index/weight. */
export interface AxisWeights {
  readonly source: number;
  readonly target: number;
  readonly divisor: number;
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly weight: Float64Array;
}

function build(source: number, target: number, divisor: number, entries: [number, number][][]): AxisWeights {
  const start = new Int32Array(target + 1);
  let n = 0;
  for (let i = 0; i < target; i++) {
    start[i] = n;
    n += (entries[i] as [number, number][]).length;
  }
  start[target] = n;
  const index = new Int32Array(n);
  const weight = new Float64Array(n);
  let k = 0;
  for (const list of entries) {
    for (const [j, w] of list) {
      index[k] = j;
      weight[k++] = w;
    }
  }
  return { source, target, divisor, start, index, weight };
}

/**
 * Area averaging (a box filter whose footprint is the output pixel). Scaling both axes by `target`: output i covers
 * [i·s, (i+1)·s) and source j covers [j·t, (j+1)·t); the weight is the length of the overlap, the divisor is s.
 * Works in both directions (an upscale replicates pixels, blending at the seams).
 */
export function areaWeights(source: number, target: number): AxisWeights {
  const s = source;
  const t = target;
  const entries: [number, number][][] = [];
  for (let i = 0; i < t; i++) {
    const lo = i * s;
    const hi = lo + s;
    const list: [number, number][] = [];
    for (let j = Math.floor(lo / t); j * t < hi; j++) {
      const w = Math.min(hi, (j + 1) * t) - Math.max(lo, j * t);
      if (w > 0) list.push([j, w]);
    }
    entries.push(list);
  }
  return build(s, t, s, entries);
}

/**
 * Bilinear interpolation with pixel centres at half-integers and edges clamped: output i samples the source at
 * x = (i + ½)·s/t − ½ = ((2i+1)·s − t) / (2t). With num = (2i+1)·s − t and den = 2t: if num ≤ 0 take source 0;
 * else j = ⌊num/den⌋, f = num − j·den and, if j ≥ s − 1, take source s − 1; else weights (den − f) on j and f on
 * j + 1. Divisor 2t.
 */
export function bilinearWeights(source: number, target: number): AxisWeights {
  const s = source;
  const t = target;
  const den = 2 * t;
  const entries: [number, number][][] = [];
  for (let i = 0; i < t; i++) {
    const num = (2 * i + 1) * s - t;
    if (num <= 0) {
      entries.push([[0, den]]);
      continue;
    }
    const j = Math.floor(num / den);
    const f = num - j * den;
    if (j >= s - 1) entries.push([[s - 1, den]]);
    else if (f === 0) entries.push([[j, den]]);
    else
      entries.push([
        [j, den - f],
        [j + 1, f],
      ]);
  }
  return build(s, t, den, entries);
}

/** The recipe's resize kernel on one axis: area averaging when shrinking (or equal), bilinear when growing. */
export function resizeWeights(source: number, target: number): AxisWeights {
  return target <= source ? areaWeights(source, target) : bilinearWeights(source, target);
}

/**
 * Area averaging of the real interval [x0, x1) of a `source`-pixel axis onto `target` pixels (for the replay, which
 * maps recipe geometry onto the reference without rounding it to whole pixels). Output i covers
 * [x0 + i·L/t, x0 + (i+1)·L/t) with L = x1 − x0; weights are the overlaps with each source pixel, normalised to sum
 * to 1 (divisor 1). Not integer-exact; the replay comparison is approximate by design.
 */
export function fractionalAreaWeights(x0: number, x1: number, target: number, source: number): AxisWeights {
  const lo = Math.max(0, Math.min(x0, source));
  const hi = Math.max(lo, Math.min(x1, source));
  const step = (hi - lo) / target;
  const entries: [number, number][][] = [];
  for (let i = 0; i < target; i++) {
    const a = lo + i * step;
    const b = i === target - 1 ? hi : lo + (i + 1) * step;
    const list: [number, number][] = [];
    let sum = 0;
    for (let j = Math.max(0, Math.floor(a)); j < Math.min(source, Math.ceil(b)); j++) {
      const w = Math.min(b, j + 1) - Math.max(a, j);
      if (w > 0) {
        list.push([j, w]);
        sum += w;
      }
    }
    if (sum === 0) {
      // A zero-width footprint (degenerate region): take the nearest pixel.
      list.push([Math.min(source - 1, Math.max(0, Math.floor(a))), 1]);
      sum = 1;
    }
    entries.push(list.map(([j, w]) => [j, w / sum]));
  }
  return build(source, target, 1, entries);
}
