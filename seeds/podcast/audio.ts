/**
 * Synthetic audio for the demo episode, made by ffmpeg's lavfi sources from the transcript cues: each cue is a
 * "voice" (a harmonic tone with the speaker's pitch, a slow vibrato and a syllable-rate envelope, different for
 * every cue) followed by the pause before the next cue, over pink-noise room tone. It sounds like murmuring, not
 * words: the point is a real recording whose timeline matches the transcript. Bit-exact flags keep the Ogg Opus
 * bytes identical from run to run.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findFfmpeg } from '../../signer/index.ts';
import type { Cue } from './cues.ts';

const run = promisify(execFile);

export const SAMPLE_RATE = 24_000;
/** Silence kept after the last cue. */
const TAIL_MS = 1200;

export interface Voice {
  /** Fundamental frequency in Hz. */
  f0: number;
  /** Weights of harmonics 1..4: the speaker's timbre. */
  harmonics: readonly [number, number, number, number];
}

function voiceExpression(v: Voice, index: number): string {
  const phase = ((index * 1.7) % 6.28).toFixed(3);
  const rate = (3.6 + (index % 5) * 0.25).toFixed(2);
  const vib = (0.06 * v.f0) / 0.8;
  const phi = `(2*PI*${v.f0}*t-${vib.toFixed(3)}*cos(2*PI*0.8*t+${phase}))`;
  const tone = v.harmonics.map((w, k) => `${w}*sin(${k + 1}*${phi})`).join('+');
  const syllables = `pow(0.5-0.5*cos(2*PI*${rate}*t+${phase}),1.5)`;
  const phrase = `(0.65+0.35*sin(2*PI*0.37*t+${phase}))`;
  return `0.22*(${tone})*${syllables}*${phrase}`;
}

/** The filter graph: cue i → voice, faded in and out, padded with the pause that follows it; all concatenated. */
export function episodeGraph(cues: readonly Cue[], voices: Readonly<Record<string, Voice>>): string {
  const parts: string[] = [];
  const labels: string[] = [];
  cues.forEach((cue, i) => {
    const voice = voices[cue.speaker];
    if (!voice) throw new Error(`no voice for speaker ${cue.speaker}`);
    const dur = (cue.t1 - cue.t0) / 1000;
    const next = cues[i + 1];
    const pause = ((next ? next.t0 : cue.t1 + TAIL_MS) - cue.t1) / 1000;
    const lead = i === 0 ? `,adelay=${cue.t0}` : '';
    parts.push(
      `aevalsrc='${voiceExpression(voice, i)}':s=${SAMPLE_RATE}:d=${dur.toFixed(3)},` +
        `afade=t=in:d=0.08,afade=t=out:st=${(dur - 0.12).toFixed(3)}:d=0.12${lead},apad=pad_dur=${pause.toFixed(3)}[c${i}]`,
    );
    labels.push(`[c${i}]`);
  });
  const totalMs = (cues[cues.length - 1]?.t1 ?? 0) + TAIL_MS;
  parts.push(`${labels.join('')}concat=n=${cues.length}:v=0:a=1[voices]`);
  parts.push(`anoisesrc=color=pink:seed=7:amplitude=0.015:r=${SAMPLE_RATE}:d=${(totalMs / 1000).toFixed(3)}[room]`);
  parts.push('[voices][room]amix=inputs=2:duration=longest:normalize=0,aformat=channel_layouts=mono[out]');
  return parts.join(';');
}

export async function writeEpisodeAudio(
  cues: readonly Cue[],
  voices: Readonly<Record<string, Voice>>,
  out: string,
): Promise<void> {
  const ffmpeg = await findFfmpeg();
  await run(
    ffmpeg.path,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-filter_complex',
      episodeGraph(cues, voices),
      '-map',
      '[out]',
      '-c:a',
      'libopus',
      '-b:a',
      '40k',
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      out,
    ],
    { maxBuffer: 1 << 20, timeout: 120_000 },
  );
}
