/**
 * Benchmark harness. Each `bench/*.bench.ts` exports `run(): Promise<BenchFigure[]>`; the runner prints
 * a human line per figure and, at the very end, one JSON line per figure (the machine-readable form).
 */
export interface BenchFigure {
  bench: string;
  value: number;
  unit: string;
  /** The same work done by a reference implementation in the same run (e.g. a bare node:crypto loop). */
  baseline: number;
  /** value / baseline. */
  ratio: number;
  /** The target for `value`, in `unit`. */
  goal: number;
  /** Free text shown in the human summary only. */
  note?: string;
}

export function figure(
  bench: string,
  value: number,
  unit: string,
  baseline: number,
  goal: number,
  note?: string,
): BenchFigure {
  const ratio = baseline === 0 ? 0 : value / baseline;
  return {
    bench,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(ratio),
    goal,
    ...(note ? { note } : {}),
  };
}

export function round(n: number): number {
  return Number(n.toPrecision(4));
}

/** Wall-clock milliseconds of `fn`, best of `runs` (the least-disturbed run on a shared machine). */
export async function bestOf(runs: number, fn: () => unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Operations per second of `fn` over at least `minMs` of wall time. */
export async function opsPerSecond(fn: () => unknown, minMs = 500): Promise<number> {
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 16; i++) await fn();
    n += 16;
    elapsed = performance.now() - t0;
  }
  return (n * 1000) / elapsed;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}
