/**
 * WebVTT import (W3C WebVTT: the file starts with `WEBVTT`; cues are an optional identifier line, a timing line
 * `start --> end [settings]` and payload lines up to a blank line; NOTE, STYLE and REGION blocks are skipped).
 * The speaker is the cue's voice span `<v Name>` or a `Name: ` prefix, else the previous cue's speaker.
 */
import {
  decodeEntities,
  type ImportedSegment,
  lineError,
  parseTimestamp,
  speakerPrefix,
  splitLines,
  stripTags,
  UNKNOWN_SPEAKER,
} from './limits.ts';

const TIMING = /^(\S+)\s+-->\s+(\S+)(?:\s.*)?$/;

export function parseVtt(text: string): ImportedSegment[] {
  const lines = splitLines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw lineError(1, 'a WebVTT file starts with "WEBVTT"');
  const out: ImportedSegment[] = [];
  let speaker = UNKNOWN_SPEAKER;
  let k = 1;
  // The header block runs to the first blank line.
  while (k < lines.length && (lines[k] as string).trim() !== '') k++;
  while (k < lines.length) {
    while (k < lines.length && (lines[k] as string).trim() === '') k++;
    if (k >= lines.length) break;
    const blockStart = k;
    const first = lines[k] as string;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      while (k < lines.length && (lines[k] as string).trim() !== '') k++;
      continue;
    }
    let timingLine = k;
    if (!first.includes('-->')) timingLine = k + 1; // an identifier line first
    const m = TIMING.exec((lines[timingLine] ?? '').trim());
    if (!m) {
      // Neither line of the block holds a timing: the block's first line is the one that is wrong.
      const at = (lines[timingLine] ?? '').includes('-->') ? timingLine : blockStart;
      throw lineError(at + 1, 'expected a cue timing line "start --> end"');
    }
    const t0 = parseTimestamp(m[1] as string, '.');
    const t1 = parseTimestamp(m[2] as string, '.');
    if (t0 === null || t1 === null) throw lineError(timingLine + 1, 'a cue time must be [HH:]MM:SS.mmm');
    if (t1 < t0) throw lineError(timingLine + 1, 'the cue ends before it starts');
    const payload: string[] = [];
    for (k = timingLine + 1; k < lines.length && (lines[k] as string).trim() !== ''; k++) {
      payload.push(lines[k] as string);
    }
    let raw = payload.join('\n');
    const voice = /<v(?:\.[^\s>]*)?\s+([^>]{1,128})>/.exec(raw);
    if (voice) speaker = (voice[1] as string).trim();
    raw = decodeEntities(stripTags(raw))
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    if (!voice) {
      const prefixed = speakerPrefix(raw);
      if (prefixed) {
        speaker = prefixed.speaker;
        raw = prefixed.text.trim();
      }
    }
    if (speaker === '') throw lineError(blockStart + 1, 'empty speaker name');
    out.push({ speaker, t0, t1, text: raw });
  }
  return out;
}
