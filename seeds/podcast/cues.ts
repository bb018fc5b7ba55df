/**
 * The cue timings and speakers of the committed transcript.vtt, which the audio synthesis follows so that every
 * segment's words fall where the transcript says. Only the WebVTT subset this file uses (`<v Speaker>` voice spans,
 * one line per cue) is read here; the signer's transcript import is what turns the file into signed segments.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const TRANSCRIPT_VTT = fileURLToPath(new URL('./transcript.vtt', import.meta.url));

export interface Cue {
  speaker: string;
  t0: number;
  t1: number;
  text: string;
}

const TIMING = /^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$/;
const VOICE = /^<v ([^>]+)>(.*)$/;

const ms = (h?: string, m?: string, s?: string, f?: string) =>
  ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f);

export function parseCues(text: string): Cue[] {
  const lines = text.split(/\r?\n/);
  const cues: Cue[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = TIMING.exec(lines[i] ?? '');
    if (!t) continue;
    const v = VOICE.exec(lines[i + 1] ?? '');
    if (!v) throw new Error(`transcript.vtt: cue at line ${i + 1} has no <v Speaker> line`);
    cues.push({
      speaker: v[1] as string,
      t0: ms(t[1], t[2], t[3], t[4]),
      t1: ms(t[5], t[6], t[7], t[8]),
      text: v[2] as string,
    });
  }
  return cues;
}

export async function readTranscriptCues(): Promise<Cue[]> {
  return parseCues(await readFile(TRANSCRIPT_VTT, 'utf8'));
}
