/**
 * Transcript import: picks the parser by --format or the file extension (.vtt, .srt, .json, .txt), bounds the file
 * size, and validates the segments with core's schema (numbering them from 0).
 */
import { fromUtf8 } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { parseSegments, type SegmentInput } from '../../core/transcript/segment.ts';
import { readSmallFile } from '../files.ts';
import { parseJsonSegments } from './json.ts';
import { type ImportedSegment, MAX_TRANSCRIPT_BYTES } from './limits.ts';
import { parseLines } from './lines.ts';
import { parseSrt } from './srt.ts';
import { parseVtt } from './vtt.ts';

export const TRANSCRIPT_FORMATS = ['vtt', 'srt', 'json', 'lines'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

const BY_EXTENSION: Readonly<Record<string, TranscriptFormat>> = { vtt: 'vtt', srt: 'srt', json: 'json', txt: 'lines' };

export function transcriptFormatOf(path: string, format?: string): TranscriptFormat {
  const name = format ?? BY_EXTENSION[path.split('.').pop()?.toLowerCase() ?? ''];
  if (name === undefined || !(TRANSCRIPT_FORMATS as readonly string[]).includes(name)) {
    throw new ProvenantError(
      'input.invalid',
      `give a .vtt, .srt, .json or .txt file, or --format ${TRANSCRIPT_FORMATS.join('|')}`,
    );
  }
  return name as TranscriptFormat;
}

/** Parses transcript text of a known format into validated segments. */
export function parseTranscriptText(text: string, format: TranscriptFormat): SegmentInput[] {
  const parsers: Record<TranscriptFormat, (t: string) => ImportedSegment[]> = {
    vtt: parseVtt,
    srt: parseSrt,
    json: parseJsonSegments,
    lines: parseLines,
  };
  const segments = parsers[format](text);
  if (segments.length === 0) throw new ProvenantError('transcript.invalid', 'the transcript has no segments');
  return parseSegments(segments.map((s, i) => ({ i, ...s })));
}

export async function importTranscript(path: string, format?: string): Promise<SegmentInput[]> {
  const f = transcriptFormatOf(path, format);
  const bytes = await readSmallFile(path, MAX_TRANSCRIPT_BYTES, 'transcript');
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch (e) {
    throw new ProvenantError('transcript.invalid', `${path} is not UTF-8 text`, { cause: e });
  }
  return parseTranscriptText(text, f);
}
