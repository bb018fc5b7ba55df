/** One line of a verification report: a status code with its kind and dimension taken from the table. */
import * as z from 'zod';
import {
  DIMENSIONS,
  type Dimension,
  STATUS_CODES,
  STATUS_KINDS,
  type StatusCode,
  type StatusCodeInfo,
  type StatusKind,
} from './codes.ts';

export interface StatusEntry {
  readonly code: StatusCode;
  readonly kind: StatusKind;
  readonly dimension: Dimension;
  /** Human-readable specifics (e.g. "2 of 3 signed"). Never asserted by tests; never needed to decide anything. */
  readonly detail?: string;
  /** What the entry is about: a key id, a manifest id, a recipe position such as "recipe/2". */
  readonly subject?: string;
}

export interface StatusOptions {
  detail?: string;
  subject?: string;
}

/** Builds an entry; kind and dimension always come from STATUS_CODES, so they cannot disagree with the table. */
export function status(code: StatusCode, options: StatusOptions = {}): StatusEntry {
  const info = STATUS_CODES[code];
  const entry: { -readonly [K in keyof StatusEntry]: StatusEntry[K] } = {
    code,
    kind: info.kind,
    dimension: info.dimension,
  };
  if (options.detail !== undefined) entry.detail = options.detail;
  if (options.subject !== undefined) entry.subject = options.subject;
  return entry;
}

const MAX_TEXT = 4096;

/** For entries that arrive as JSON (e.g. from `POST /v1/verify`): kind and dimension must agree with the table. */
export const StatusEntrySchema = z
  .strictObject({
    code: z.string().refine((c) => Object.hasOwn(STATUS_CODES, c), 'unknown status code'),
    kind: z.enum(STATUS_KINDS),
    dimension: z.enum(DIMENSIONS),
    detail: z.string().max(MAX_TEXT).optional(),
    subject: z.string().max(MAX_TEXT).optional(),
  })
  .superRefine((e, ctx) => {
    const info: StatusCodeInfo | undefined = STATUS_CODES[e.code as StatusCode];
    if (info === undefined) return; // already reported by the code refinement
    if (info.kind !== e.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: `must be ${info.kind}` });
    if (info.dimension !== e.dimension) {
      ctx.addIssue({ code: 'custom', path: ['dimension'], message: `must be ${info.dimension}` });
    }
  })
  .transform((e) => e as StatusEntry);
