/** Collects status entries and derives the report's state (see state.ts for the rules). */
import { DIMENSIONS, type Dimension, type StatusCode, type StatusKind } from './codes.ts';
import { type StatusEntry, type StatusOptions, status } from './entry.ts';
import { deriveState, type ReportState } from './state.ts';

export interface Report {
  readonly state: ReportState;
  /** In the order the checks ran. */
  readonly entries: readonly StatusEntry[];
}

export class ReportBuilder {
  readonly #entries: StatusEntry[] = [];

  add(code: StatusCode, options?: StatusOptions): this {
    this.#entries.push(status(code, options));
    return this;
  }

  addEntries(entries: Iterable<StatusEntry>): this {
    for (const e of entries) this.#entries.push(e);
    return this;
  }

  get entries(): readonly StatusEntry[] {
    return [...this.#entries];
  }

  build(): Report {
    const entries = Object.freeze([...this.#entries]);
    return Object.freeze({ state: deriveState(entries), entries });
  }
}

export function buildReport(entries: Iterable<StatusEntry>): Report {
  return new ReportBuilder().addEntries(entries).build();
}

/** Per dimension, the worst kind among its entries; null when nothing in that dimension was checked. */
export type DimensionSummary = Readonly<Record<Dimension, StatusKind | null>>;

const SEVERITY: Readonly<Record<StatusKind, number>> = { success: 0, informational: 1, failure: 2 };

export function worstKind(kinds: Iterable<StatusKind>): StatusKind | null {
  let worst: StatusKind | null = null;
  for (const k of kinds) if (worst === null || SEVERITY[k] > SEVERITY[worst]) worst = k;
  return worst;
}

export function summarise(report: Pick<Report, 'entries'>): DimensionSummary {
  const out = {} as Record<Dimension, StatusKind | null>;
  for (const d of DIMENSIONS) out[d] = worstKind(report.entries.filter((e) => e.dimension === d).map((e) => e.kind));
  return out;
}
