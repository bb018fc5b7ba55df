/**
 * SubRip (SRT) import: blocks of a sequence number, a timing line `HH:MM:SS,mmm --> HH:MM:SS,mmm` and text lines,
 * separated by blank lines. The speaker is a `Name: ` prefix (or `[Name]`), else the previous block's speaker.
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

export function parseSrt(text: string): ImportedSegment[] {
  const lines = splitLines(text);
  const out: ImportedSegment[] = [];
  let speaker = UNKNOWN_SPEAKER;
  let k = 0;
  while (k < lines.length) {
    while (k < lines.length && (lines[k] as string).trim() === '') k++;
    if (k >= lines.length) break;
    if (!/^\d{1,9}$/.test((lines[k] as string).trim())) throw lineError(k + 1, 'expected a subtitle number');
    k++;
    const m = /^(\S+)\s*-->\s*(\S+)(?:\s.*)?$/.exec((lines[k] ?? '').trim());
    if (!m) throw lineError(k + 1, 'expected a timing line "HH:MM:SS,mmm --> HH:MM:SS,mmm"');
    // Many tools write '.' instead of ','; both are read.
    const t0 = parseTimestamp(m[1] as string, ',') ?? parseTimestamp(m[1] as string, '.');
    const t1 = parseTimestamp(m[2] as string, ',') ?? parseTimestamp(m[2] as string, '.');
    if (t0 === null || t1 === null) throw lineError(k + 1, 'a subtitle time must be HH:MM:SS,mmm');
    if (t1 < t0) throw lineError(k + 1, 'the subtitle ends before it starts');
    const payload: string[] = [];
    for (k++; k < lines.length && (lines[k] as string).trim() !== ''; k++) payload.push(lines[k] as string);
    let raw = decodeEntities(stripTags(payload.join('\n')))
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    const bracket = /^\[([^\]]{1,128})\]\s*(.*)$/s.exec(raw);
    const prefixed = bracket
      ? { speaker: (bracket[1] as string).trim(), text: bracket[2] as string }
      : speakerPrefix(raw);
    if (prefixed) {
      speaker = prefixed.speaker;
      raw = prefixed.text.trim();
    }
    out.push({ speaker, t0, t1, text: raw });
  }
  return out;
}
