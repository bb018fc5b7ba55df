import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import { failureReason, ffmpegMuxers, findFfmpeg, runFfmpeg } from '../../signer/ffmpeg.ts';
import { runCli } from './cli.ts';
import { ffmpegGenerate, tempDir } from './fixtures.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return isProvenantError(e) ? e.code : `other: ${String(e)}`;
  }
}

describe('finding ffmpeg', () => {
  it('uses FFMPEG_PATH first, then ffmpeg-static, then PATH', async () => {
    const onPath = await findFfmpeg({ env: { PATH: '/usr/local/bin:/usr/bin:/bin' }, staticPath: () => null });
    expect(onPath.source).toBe('PATH');
    expect((await findFfmpeg({ env: { FFMPEG_PATH: onPath.path, PATH: '' } })).source).toBe('FFMPEG_PATH');
    const fromPackage = await findFfmpeg({ env: { PATH: '' }, staticPath: () => onPath.path });
    expect(fromPackage).toEqual({ path: onPath.path, source: 'ffmpeg-static' });
  });

  it('fails with ffmpeg.missing naming all three places when there is none', async () => {
    for (const env of [{ PATH: '' }, { FFMPEG_PATH: join(dir, 'nowhere', 'ffmpeg'), PATH: '' }]) {
      try {
        await findFfmpeg({ env, staticPath: () => join(dir, 'also-nowhere') });
        expect.unreachable();
      } catch (e) {
        expect(isProvenantError(e, 'ffmpeg.missing')).toBe(true);
        const message = (e as Error).message;
        for (const place of ['FFMPEG_PATH', 'ffmpeg-static', 'PATH']) expect(message).toContain(place);
      }
    }
  });

  it('`provenant sign` of a recording exits 2 with ffmpeg.missing when ffmpeg cannot be found', async () => {
    const wav = join(dir, 'tone.wav');
    ffmpegGenerate(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', wav]);
    const key = join(dir, 'k.json');
    expect((await runCli(['keygen', '--name', 'Mic', '--kind', 'device', '--out', key])).code).toBe(0);
    const r = await runCli(['sign', wav, '--key', key], { FFMPEG_PATH: join(dir, 'nowhere'), PATH: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ffmpeg.missing');
  });
});

describe('running ffmpeg', () => {
  it('turns a failing run into ffmpeg.failed with a short reason', async () => {
    const bin = await findFfmpeg();
    const code = await codeOf(runFfmpeg(bin, ['-i', join(dir, 'does-not-exist.wav'), '-f', 'null', '-']));
    expect(code).toBe('ffmpeg.failed');
    expect(failureReason('line one\nsize=  1kB\nError opening input: No such file\n')).toBe(
      'line one / Error opening input: No such file',
    );
  });

  it('kills a run that exceeds its timeout', async () => {
    const bin = await findFfmpeg();
    const endless = ['-f', 'lavfi', '-i', 'sine=frequency=440', '-f', 'null', '-'];
    expect(await codeOf(runFfmpeg(bin, endless, { timeoutMs: 300 }))).toBe('ffmpeg.failed');
  });

  it('lists muxers (framehash is always there)', async () => {
    const muxers = await ffmpegMuxers(await findFfmpeg());
    expect(muxers.has('framehash')).toBe(true);
    expect(muxers.has('null')).toBe(true);
  });
});
