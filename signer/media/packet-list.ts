/**
 * The packet leaves of one stream kept in memory with their times: a clip is located in its recording and proved
 * against the capture's packet root from these (signing itself only needs the O(log n) compact range). Times are ms
 * from the earliest packet's start, the same origin as the signed `durationMs`, so trim times and the duration agree.
 */
export interface PacketList {
  /** RFC 6962 leaf hashes, SHA-256(0x00 ‖ leaf data), in stream order. */
  readonly leafHashes: readonly Uint8Array[];
  /** Each packet's start and end, ms from the earliest packet's start (rounded to whole ms). */
  readonly startMs: readonly number[];
  readonly endMs: readonly number[];
}

export class PacketCollector {
  readonly #leaves: Uint8Array[] = [];
  readonly #pts: (number | null)[] = [];
  readonly #durations: (number | null)[] = [];

  /** `leafHash` is SHA-256(0x00 ‖ leaf data), kept as given (the caller does not reuse it). */
  add(leafHash: Uint8Array, pts: number | null, duration: number | null): void {
    this.#leaves.push(leafHash);
    this.#pts.push(pts);
    this.#durations.push(duration);
  }

  /** The list on the time base `tb` (num/den seconds per tick), with `originPts` as time 0. */
  list(tb: readonly [number, number] | null, originPts: number): PacketList {
    const toMs = (ticks: number) => (tb === null ? 0 : Math.round(((ticks - originPts) * 1000 * tb[0]) / tb[1]));
    const startMs: number[] = [];
    const endMs: number[] = [];
    let previousEnd = 0;
    for (let i = 0; i < this.#leaves.length; i++) {
      const pts = this.#pts[i] ?? null;
      const duration = this.#durations[i] ?? null;
      // A packet without timestamps carries no timing: it is placed right after the previous one.
      const start = pts === null ? previousEnd : toMs(pts);
      const end = pts === null || duration === null ? start : toMs(pts + duration);
      startMs.push(start);
      endMs.push(end);
      previousEnd = end;
    }
    return { leafHashes: this.#leaves, startMs, endMs };
  }
}
