import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../core/manifest/parse.ts';
import { codesOf, runCli } from './cli.ts';
import { ffmpegGenerate, hasEncoder, MUSIC_EXPR, tempDir } from './fixtures.ts';

const { dir, cleanup } = tempDir();
const key = join(dir, 'mic.json');
let wav: string;
afterAll(cleanup);
beforeAll(async () => {
  expect((await runCli(['keygen', '--name', 'Studio mic', '--kind', 'device', '--out', key])).code).toBe(0);
  wav = join(dir, 'episode.wav');
  ffmpegGenerate(['-f', 'lavfi', '-i', MUSIC_EXPR, '-ac', '1', wav]);
});

async function sign(file: string) {
  const r = await runCli(['sign', file, '--key', key, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return parseManifest(readFileSync(JSON.parse(r.stdout).manifest));
}

async function verify(...args: string[]) {
  const r = await runCli(['verify', ...args, '--json']);
  return { code: r.code, codes: r.code === 2 ? [] : codesOf(r.stdout), stdout: r.stdout, stderr: r.stderr };
}

/** RFC 6962 root over packet leaves, computed here with node:crypto from ffmpeg's framehash output. */
function independentPacketRoot(file: string, stream: number): { root: string; count: number } {
  const text = execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      file,
      '-map',
      `0:${stream}`,
      '-c',
      'copy',
      '-f',
      'framehash',
      '-hash',
      'sha256',
      '-',
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const tag = Buffer.from('provenant/v1/packet');
  const leaves = text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const hash = Buffer.from((l.split(',')[5] as string).trim(), 'hex');
      const data = Buffer.concat([Buffer.from([tag.length]), tag, hash]);
      return createHash('sha256')
        .update(Buffer.from([0]))
        .update(data)
        .digest();
    });
  const mth = (xs: Buffer[]): Buffer => {
    if (xs.length === 1) return xs[0] as Buffer;
    let k = 1;
    while (k * 2 < xs.length) k *= 2;
    return createHash('sha256')
      .update(Buffer.from([1]))
      .update(mth(xs.slice(0, k)))
      .update(mth(xs.slice(k)))
      .digest();
  };
  return { root: mth(leaves).toString('hex'), count: leaves.length };
}

describe('sign and verify audio', () => {
  const formats: { ext: string; encoder: string | null; args: string[]; codec: string; mediaType: string }[] = [
    { ext: 'wav', encoder: null, args: [], codec: 'pcm_s16le', mediaType: 'audio/wav' },
    {
      ext: 'mp3',
      encoder: 'libmp3lame',
      args: ['-c:a', 'libmp3lame', '-b:a', '96k'],
      codec: 'mp3',
      mediaType: 'audio/mpeg',
    },
    { ext: 'flac', encoder: 'flac', args: ['-c:a', 'flac'], codec: 'flac', mediaType: 'audio/flac' },
    { ext: 'm4a', encoder: 'aac', args: ['-c:a', 'aac', '-b:a', '96k'], codec: 'aac', mediaType: 'audio/mp4' },
    {
      ext: 'opus',
      encoder: 'libopus',
      args: ['-c:a', 'libopus', '-b:a', '48k'],
      codec: 'opus',
      mediaType: 'audio/ogg',
    },
  ];
  for (const f of formats) {
    const available = f.encoder === null || hasEncoder(f.encoder);
    it.skipIf(!available)(`${f.ext}: packet root, duration, codec, chromaprint; verifies`, async () => {
      const file = join(dir, `take.${f.ext}`);
      if (f.ext === 'wav') ffmpegGenerate(['-i', wav, file]);
      else ffmpegGenerate(['-i', wav, ...f.args, file]);
      const parsed = await sign(file);
      const claim = parsed.manifest.claim;
      if (claim.kind !== 'capture.audio') throw new Error(`expected capture.audio, got ${claim.kind}`);
      expect(claim.asset.mediaType).toBe(f.mediaType);
      expect(claim.asset.codec).toBe(f.codec);
      expect(Math.abs(claim.asset.durationMs - 8000)).toBeLessThan(150);
      expect(claim.asset.packets).toMatchObject(independentPacketRoot(file, claim.asset.packets.stream));
      expect(claim.asset.fingerprint).toHaveProperty('chromaprint');
      expect(claim.asset.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
      const v = await verify(file);
      expect(v.code).toBe(0);
      expect(v.codes).toEqual(expect.arrayContaining(['binding.file.match', 'signature.valid']));
    });
  }

  it('a re-muxed copy (same packets, other container) is a packet match', async () => {
    const mp3 = join(dir, 'remux-src.mp3');
    ffmpegGenerate(['-i', wav, '-c:a', 'libmp3lame', '-b:a', '128k', mp3]);
    await sign(mp3);
    const mka = join(dir, 'remuxed.mka');
    ffmpegGenerate(['-i', mp3, '-c', 'copy', mka]);
    const v = await verify(mka, '--manifest', `${mp3}.provenant.json`);
    expect(v.codes).toContain('binding.packets.match');
    expect(v.code).toBe(0);
  });

  it('a re-encoded copy is reported close via Chromaprint, exit 0; other audio is far, exit 1', async () => {
    await sign(wav);
    const mp3 = join(dir, 'reencoded.mp3');
    ffmpegGenerate(['-i', wav, '-c:a', 'libmp3lame', '-b:a', '64k', mp3]);
    const close = await verify(mp3, '--manifest', `${wav}.provenant.json`);
    expect(close.codes).toContain('binding.fingerprint.close');
    expect(close.code).toBe(0);
    const other = join(dir, 'other.wav');
    ffmpegGenerate(['-f', 'lavfi', '-i', 'anoisesrc=d=8:c=pink:seed=42:a=0.3', '-ac', '1', other]);
    const far = await verify(other, '--manifest', `${wav}.provenant.json`);
    expect(far.codes).toContain('binding.fingerprint.far');
    expect(far.code).toBe(1);
  });
});

describe('sign and verify video', () => {
  it('mp4: hashes the video stream, per-second frame fingerprints, audio chromaprint; re-encode is close', async () => {
    const mp4 = join(dir, 'clip.mp4');
    ffmpegGenerate([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=192x108:rate=25:duration=6',
      '-f',
      'lavfi',
      '-i',
      MUSIC_EXPR,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-t',
      '6',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      mp4,
    ]);
    const parsed = await sign(mp4);
    const claim = parsed.manifest.claim;
    if (claim.kind !== 'capture.video') throw new Error(`expected capture.video, got ${claim.kind}`);
    expect(claim.asset.mediaType).toBe('video/mp4');
    expect(claim.asset.codec).toBe('h264');
    expect(claim.asset.packets.count).toBe(150);
    expect(claim.asset.packets).toMatchObject(independentPacketRoot(mp4, claim.asset.packets.stream));
    const frames = (claim.asset as { frames?: { perSecondPhash: string[] } }).frames?.perSecondPhash ?? [];
    expect(frames.length).toBeGreaterThanOrEqual(6);
    expect(frames.length).toBeLessThanOrEqual(7);
    expect(claim.asset.fingerprint).toHaveProperty('chromaprint');
    expect((await verify(mp4)).code).toBe(0);

    const reencoded = join(dir, 'clip-reencoded.mp4');
    ffmpegGenerate([
      '-i',
      mp4,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '35',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      reencoded,
    ]);
    const v = await verify(reencoded, '--manifest', `${mp4}.provenant.json`);
    expect(v.codes).toContain('binding.fingerprint.close');
    expect(v.code).toBe(0);

    const otherPictures = join(dir, 'other-pictures.mp4');
    ffmpegGenerate([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=192x108:rate=25:duration=6',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      otherPictures,
    ]);
    const far = await verify(otherPictures, '--manifest', `${mp4}.provenant.json`);
    expect(far.codes).toContain('binding.fingerprint.far');
    expect(far.code).toBe(1);
  });

  it.skipIf(!hasEncoder('libvpx-vp9'))('webm (VP9 + Opus) signs as video/webm', async () => {
    const webm = join(dir, 'clip.webm');
    ffmpegGenerate([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=128x72:rate=10:duration=3',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=500:duration=3',
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-b:v',
      '200k',
      '-c:a',
      'libopus',
      webm,
    ]);
    const claim = (await sign(webm)).manifest.claim;
    expect(claim.kind).toBe('capture.video');
    if (claim.kind !== 'capture.video') return;
    expect(claim.asset.mediaType).toBe('video/webm');
    expect(claim.asset.codec).toBe('vp9');
    expect((await verify(webm)).code).toBe(0);
  });
});
