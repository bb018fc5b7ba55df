/** DCT-II basis rows, and the median threshold that turns coefficients into hash bits. */

/**
 * Rows `frequencies` of the orthonormal n-point DCT-II matrix: M[r][x] = α(u)·cos(π·(2x+1)·u / (2n)) with
 * u = frequencies[r], α(0) = √(1/n), α(u > 0) = √(2/n). Row-major, frequencies.length × n.
 */
export function dctRows(n: number, frequencies: readonly number[]): Float64Array {
  const out = new Float64Array(frequencies.length * n);
  frequencies.forEach((u, r) => {
    const alpha = Math.sqrt((u === 0 ? 1 : 2) / n);
    for (let x = 0; x < n; x++) out[r * n + x] = alpha * Math.cos((Math.PI * (2 * x + 1) * u) / (2 * n));
  });
  return out;
}

/** B = M·A·Mᵀ for an n×n row-major A and a k×n basis M: the k×k low-frequency block, B[u][v] (u vertical). */
export function dct2d(a: Float64Array, n: number, m: Float64Array, k: number): Float64Array {
  const t = new Float64Array(k * n);
  for (let u = 0; u < k; u++) {
    for (let x = 0; x < n; x++) {
      let s = 0;
      for (let y = 0; y < n; y++) s += (m[u * n + y] as number) * (a[y * n + x] as number);
      t[u * n + x] = s;
    }
  }
  const b = new Float64Array(k * k);
  for (let u = 0; u < k; u++) {
    for (let v = 0; v < k; v++) {
      let s = 0;
      for (let x = 0; x < n; x++) s += (t[u * n + x] as number) * (m[v * n + x] as number);
      b[u * k + v] = s;
    }
  }
  return b;
}

/**
 * Bits of a hash: bit i set iff values[i] > threshold. Encoded as the big-endian integer Σ 2^i (bit i is bit i % 8
 * of byte len − 1 − ⌊i/8⌋), which is how PDQ and pHash print their hashes in hex.
 */
export function thresholdBits(values: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(values.length / 8);
  for (let i = 0; i < values.length; i++) {
    if ((values[i] as number) > threshold) {
      const byte = out.length - 1 - (i >> 3);
      out[byte] = (out[byte] as number) | (1 << (i & 7));
    }
  }
  return out;
}

/** Ascending copy. */
export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}
