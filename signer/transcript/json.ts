/**
 * JSON segments: an array (or `{segments: [...]}`) of `{speaker, t0, t1, text}` with times in integer milliseconds
 * and an optional `i` that must equal the position. Members are closed; the core schema checks the values.
 */
import { parseJson } from '../../core/canonical.ts';
import { ProvenantError } from '../../core/errors.ts';
import { MAX_SEGMENTS } from '../../core/transcript/segment.ts';
import { type ImportedSegment, MAX_TRANSCRIPT_BYTES } from './limits.ts';

const MEMBERS = new Set(['i', 'speaker', 't0', 't1', 'text']);

function bad(index: number, message: string): ProvenantError {
  return new ProvenantError('transcript.invalid', `segment ${index}: ${message}`, { details: [`segments[${index}]`] });
}

export function parseJsonSegments(text: string): ImportedSegment[] {
  let value: unknown;
  try {
    value = parseJson(text.replace(/^\uFEFF/, ''), MAX_TRANSCRIPT_BYTES);
  } catch (e) {
    throw new ProvenantError('transcript.invalid', 'the file is not valid JSON', { cause: e });
  }
  const list = Array.isArray(value) ? value : (value as { segments?: unknown } | null)?.segments;
  if (!Array.isArray(list))
    throw new ProvenantError('transcript.invalid', 'expected an array of segments or {segments: [...]}');
  if (list.length > MAX_SEGMENTS) throw new ProvenantError('input.tooLarge', `more than ${MAX_SEGMENTS} segments`);
  return list.map((s, k) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw bad(k, 'expected an object');
    const o = s as Record<string, unknown>;
    const extra = Object.keys(o).filter((m) => !MEMBERS.has(m));
    if (extra.length > 0) throw bad(k, `unknown member ${extra[0]}`);
    if (o.i !== undefined && o.i !== k) throw bad(k, 'i must equal the position in the list');
    if (typeof o.speaker !== 'string') throw bad(k, 'speaker must be a string');
    if (typeof o.text !== 'string') throw bad(k, 'text must be a string');
    if (!Number.isSafeInteger(o.t0) || !Number.isSafeInteger(o.t1))
      throw bad(k, 't0 and t1 must be integer milliseconds');
    return { speaker: o.speaker, t0: o.t0 as number, t1: o.t1 as number, text: o.text };
  });
}
