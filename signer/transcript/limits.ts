/**
 * Bounds and shared helpers for transcript importers. Every importer reads untrusted text: sizes are bounded before
 * parsing, and every problem is a `transcript.invalid` error naming the line (details `line N`).
 */
import { ProvenantError } from '../../core/errors.ts';
import type { SegmentInput } from '../../core/transcript/segment.ts';

/** A 60-minute transcript is ~100 KB; 32 MiB leaves room for days of speech and markup. */
export const MAX_TRANSCRIPT_BYTES = 32 << 20;
/** Longest line an importer accepts (a pathological line is an attack or a wrong file, not a transcript). */
export const MAX_LINE_CHARS = 64 * 1024;
/** Used when a cue names no speaker and no earlier cue did either. */
export const UNKNOWN_SPEAKER = 'Unknown speaker';

export type ImportedSegment = Omit<SegmentInput, 'i'>;

export function lineError(line: number, message: string): ProvenantError {
  return new ProvenantError('transcript.invalid', `line ${line}: ${message}`, { details: [`line ${line}`] });
}

/** Splits text into lines (LF, CRLF or CR), refusing over-long lines; strips a leading BOM. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((l, k) => {
    if (l.length > MAX_LINE_CHARS) throw lineError(k + 1, `longer than ${MAX_LINE_CHARS} characters`);
  });
  return lines;
}

/**
 * `[[HH:]MM:]SS[.mmm]` (separator `.` or, for SRT, `,`) to milliseconds; minutes and seconds below 60, at most
 * 168 hours. Returns null if the text is not a timestamp.
 */
export function parseTimestamp(text: string, fraction: '.' | ','): number | null {
  const sep = fraction === '.' ? '\\.' : ',';
  const m = new RegExp(`^(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})(?:${sep}(\\d{1,3}))?$`).exec(text.trim());
  if (!m) return null;
  const h = Number(m[1] ?? 0);
  const min = Number(m[2]);
  const s = Number(m[3]);
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  if (min >= 60 || s >= 60 || h > 168) return null;
  const total = ((h * 60 + min) * 60 + s) * 1000 + ms;
  return total <= 7 * 24 * 3600 * 1000 ? total : null;
}

/** `Name: text` → speaker and text, for a short name without markup; null if the line has no such prefix. */
export function speakerPrefix(text: string): { speaker: string; text: string } | null {
  const m = /^\s*([^\s:<>[\]][^:<>[\]]{0,126}?)\s*:\s+(.*)$/s.exec(text);
  if (!m || /^\d+$/.test(m[1] as string)) return null;
  return { speaker: (m[1] as string).trim(), text: m[2] as string };
}

/** Decodes the HTML-style character references WebVTT and SRT files use. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|lrm|rlm|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (all, name: string) => {
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      nbsp: '\u00a0',
      lrm: '\u200e',
      rlm: '\u200f',
    };
    if (named[name] !== undefined) return named[name] as string;
    const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
  });
}

/** Removes markup tags (`<i>`, `<c.loud>`, `<00:01.000>`, `<font …>`), keeping their text. */
export function stripTags(text: string): string {
  return text.replace(/<[^<>]{0,512}>/g, '');
}
