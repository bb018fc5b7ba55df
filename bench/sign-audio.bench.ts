/**
 * Signing a 60-minute recording (file SHA-256, per-packet SHA-256 Merkle root, duration, codec, Chromaprint — the
 * probe, one stream-copy run for the packets and a decode piped into a fingerprinting ffmpeg, all in parallel — plus
 * claim validation and an Ed25519 signature), against `ffmpeg -i file -f null -` (a plain decode, one core).
 * Goal: ≤ 1.2× the decode time. The 60-minute MP3 (mono, 64 kb/s, ≈ 29 MB) is generated first and not timed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey } from '../core/crypto/keys.ts';
import { signClaim } from '../core/crypto/signature-entry.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { policyPreset } from '../core/policy/presets.ts';
import { findFfmpeg, runFfmpeg } from '../signer/ffmpeg.ts';
import { analyseTimed } from '../signer/media/av.ts';
import { detectMedia } from '../signer/media/detect.ts';
import { timedClaim } from '../signer/sign.ts';
import { type BenchFigure, bestOf, figure, round } from './lib.ts';

const MINUTES = 60;
const RUNS = 2;

export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'provenant-bench-'));
  try {
    const bin = await findFfmpeg();
    const file = join(dir, 'episode.mp3');
    const expr = 'aevalsrc=exprs=0.3*sin(2*PI*(200+40*mod(floor(t*3)\\,7))*t)+0.1*sin(2*PI*523*t):s=22050';
    execFileSync(bin.path, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      '-f',
      'lavfi',
      '-i',
      expr,
      '-t',
      String(MINUTES * 60),
      '-ac',
      '1',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '64k',
      file,
    ]);
    const detected = await detectMedia(file);
    if (detected.sort !== 'timed') throw new Error('expected audio');
    const key = generateKey('ed25519');
    const decode = await bestOf(RUNS, () => runFfmpeg(bin, ['-i', file, '-f', 'null', '-']));
    let packets = 0;
    const sign = await bestOf(RUNS, async () => {
      const analysis = await analyseTimed(bin, file, detected);
      packets = analysis.packets.count;
      const claim = timedClaim(analysis, policyPreset('audio-standard'), { v: 1, createdAt: Date.now() });
      signClaim(parseManifest({ claim, signatures: [] }).claimDigest, key, 'capture', Date.now());
    });
    return [
      figure(
        'sign-audio-60min',
        sign,
        'ms',
        decode,
        round(1.2 * decode),
        `${MINUTES}-min MP3, ${packets} packets; baseline = ffmpeg -f null decode; goal ≤ 1.2×`,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
