/**
 * Plain-text transcripts in the common line format `HH:MM:SS.mmm - HH:MM:SS.mmm, Speaker X: text`. A line that does
 * not start with a time range continues the previous segment's text; blank lines are ignored.
 */
import { type ImportedSegment, lineError, parseTimestamp, splitLines } from './limits.ts';

const LINE =
  /^\s*(\d{1,3}:\d{2}:\d{2}(?:\.\d{1,3})?)\s*[-–—]\s*(\d{1,3}:\d{2}:\d{2}(?:\.\d{1,3})?)\s*,\s*([^:]{1,128}?)\s*:\s?(.*)$/;
const STARTS_LIKE_A_TIME = /^\s*\d{1,3}:\d{2}/;

export function parseLines(text: string): ImportedSegment[] {
  const out: ImportedSegment[] = [];
  splitLines(text).forEach((line, k) => {
    if (line.trim() === '') return;
    const m = LINE.exec(line);
    if (!m) {
      if (STARTS_LIKE_A_TIME.test(line)) {
        throw lineError(k + 1, 'expected "HH:MM:SS.mmm - HH:MM:SS.mmm, Speaker: text"');
      }
      const prev = out[out.length - 1];
      if (!prev) throw lineError(k + 1, 'text before the first "HH:MM:SS.mmm - HH:MM:SS.mmm, Speaker: text" line');
      prev.text = `${prev.text} ${line.trim()}`.trim();
      return;
    }
    const t0 = parseTimestamp(m[1] as string, '.');
    const t1 = parseTimestamp(m[2] as string, '.');
    if (t0 === null || t1 === null) throw lineError(k + 1, 'a time must be HH:MM:SS.mmm');
    if (t1 < t0) throw lineError(k + 1, 'the segment ends before it starts');
    out.push({ speaker: (m[3] as string).trim(), t0, t1, text: (m[4] as string).trim() });
  });
  return out;
}
