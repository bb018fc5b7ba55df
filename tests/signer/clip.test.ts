/**
 * Clips of signed recordings through the CLI (`derive --trim [--transcode]`, then `verify`), on generated audio
 * (WAV, M4A/AAC, Opus) and video (H.264 MP4): a stream-copied trim verifies as an exact run of the capture's packet
 * leaves, a re-encoded excerpt is consistent and never exact, an altered packet or a clip of other media fails, and a
 * trim the policy forbids is refused.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { findFfmpeg } from '../../signer/ffmpeg.ts';
import { loadKeyFile } from '../../signer/keyfile.ts';
import { analyseTimed } from '../../signer/media/av.ts';
import { detectMedia } from '../../signer/media/detect.ts';
import { codesOf, runCli } from './cli.ts';
import { ffmpegGenerate, hasEncoder, tempDir } from './fixtures.ts';

const { dir, cleanup } = tempDir('provenant-clip-');
afterAll(cleanup);

const mic = join(dir, 'mic.json');
const editor = join(dir, 'editor.json');
const trust = join(dir, 'trust.json');
/** 12 s of music-like audio: a tone changing pitch every half second over a slowly beating chord. */
const MUSIC =
  'aevalsrc=exprs=0.4*sin(2*PI*(220+110*mod(floor(t*2)\\,5))*t)+0.2*sin(2*PI*330*t)*sin(2*PI*0.5*t):s=44100:d=12';
const wav = join(dir, 'episode.wav');
const m4a = join(dir, 'episode.m4a');
const opus = join(dir, 'episode.opus');
const other = join(dir, 'other.wav');

async function sign(file: string, policy = 'audio-standard') {
  const r = await runCli(['sign', file, '--key', mic, '--policy', policy, '--json']);
  expect(r.code).toBe(0);
  return `${file}.provenant.json`;
}

async function derive(recording: string, out: string, ...args: string[]) {
  const r = await runCli([
    'derive',
    recording,
    '--manifest',
    `${recording}.provenant.json`,
    '--key',
    editor,
    '--out',
    out,
    '--json',
    ...args,
  ]);
  return { ...r, json: r.stdout === '' ? null : JSON.parse(r.stdout) };
}

async function verify(...args: string[]) {
  const r = await runCli(['verify', ...args, '--trust', trust, '--json']);
  expect(r.code === 2 ? r.stderr : '').toBe('');
  const report = JSON.parse(r.stdout) as { state: string };
  return { code: r.code, codes: codesOf(r.stdout), state: report.state };
}

function claimOf(manifestPath: string) {
  const claim = parseManifest(readFileSync(manifestPath)).manifest.claim;
  if (claim.kind !== 'derivative') throw new Error(`expected a derivative, got ${claim.kind}`);
  return claim;
}

/** Packet leaf hashes of stream 0, computed here from ffmpeg's framehash text with node:crypto. */
function independentLeaves(file: string): string[] {
  const text = execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      file,
      '-map',
      '0:0',
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
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const hash = Buffer.from((l.split(',')[5] as string).trim(), 'hex');
      const leaf = Buffer.concat([Buffer.from([tag.length]), tag, hash]);
      return createHash('sha256')
        .update(Buffer.from([0]))
        .update(leaf)
        .digest('hex');
    });
}

/** A lying editor: keeps a clip claim but signs the hashes of `shown`, optionally naming another parent. */
async function resign(manifestPath: string, shown: string, parentManifest?: string): Promise<string> {
  const parsed = parseManifest(readFileSync(manifestPath));
  const a = await analyseTimed(await findFfmpeg(), shown, (await detectMedia(shown)) as never);
  const parent = parentManifest === undefined ? null : parseManifest(readFileSync(parentManifest)).id;
  const claim = {
    ...parsed.manifest.claim,
    ...(parent === null ? {} : { parent: { manifestId: parent, claimDigest: parent } }),
    asset: {
      ...(parsed.manifest.claim as { asset: object }).asset,
      byteLength: a.byteLength,
      sha256: a.sha256,
      packets: a.packets,
      fingerprint: a.fingerprint,
    },
  };
  const forged = parseManifest({ claim, signatures: [] });
  const entry = signClaim(forged.claimDigest, (await loadKeyFile(editor)).key, 'editor', Date.now());
  const out = `${shown}.forged.json`;
  writeFileSync(out, JSON.stringify({ claim: forged.manifest.claim, signatures: [entry] }));
  return out;
}

beforeAll(async () => {
  expect((await runCli(['keygen', '--name', 'Studio mic', '--kind', 'device', '--out', mic])).code).toBe(0);
  expect((await runCli(['keygen', '--name', 'Desk editor', '--kind', 'person', '--out', editor])).code).toBe(0);
  const ids = await Promise.all([mic, editor].map(async (k) => (await loadKeyFile(k)).key.keyId));
  writeFileSync(trust, JSON.stringify(ids));
  ffmpegGenerate(['-f', 'lavfi', '-i', MUSIC, '-ac', '1', wav]);
  ffmpegGenerate(['-i', wav, '-c:a', 'aac', '-b:a', '96k', m4a]);
  ffmpegGenerate(['-f', 'lavfi', '-i', 'anoisesrc=d=12:c=pink:seed=7:a=0.3', '-ac', '1', other]);
  await Promise.all([sign(wav), sign(m4a), sign(other)]);
  if (hasEncoder('libopus')) {
    ffmpegGenerate(['-i', wav, '-c:a', 'libopus', '-b:a', '48k', opus]);
    await sign(opus);
  }
});

describe('stream-copied clips', () => {
  const formats = [
    { name: 'wav', file: wav, available: true },
    { name: 'm4a', file: m4a, available: true },
    { name: 'opus', file: opus, available: hasEncoder('libopus') },
  ];
  for (const f of formats) {
    it.skipIf(!f.available)(`${f.name}: the trim is an exact, proven run of the recording's packets`, async () => {
      const out = join(dir, `clip.${f.name}`);
      const d = await derive(f.file, out, '--trim', '3.3,8.1');
      expect(d.code).toBe(0);
      const claim = claimOf(`${out}.provenant.json`);
      const trim = claim.recipe[0];
      if (trim?.op !== 'trim') throw new Error('expected a trim op');
      expect(claim.recipe).toHaveLength(1);
      expect(claim.packetProof?.proof.length).toBeGreaterThan(0);
      // Whole packets (at most 47 ms each here) starting in [t0, t1), on the recording's timeline.
      expect(Math.abs(trim.t0Ms - 3300)).toBeLessThanOrEqual(60);
      expect(Math.abs(trim.t1Ms - 8100)).toBeLessThanOrEqual(60);
      // The leaf range names exactly the recording's packets the clip holds (checked without the code under test).
      expect(independentLeaves(out)).toEqual(independentLeaves(f.file).slice(trim.startPacket, trim.endPacket));

      const v = await verify(out);
      expect(v.codes).toEqual(
        expect.arrayContaining(['binding.file.match', 'transform.chain.ok', 'policy.trim.ok', 'clip.exact']),
      );
      expect(v.codes).not.toContain('clip.consistent');
      expect(v.code).toBe(0);
      expect(v.state).toBe('valid');
    });
  }

  it('a clip with one packet changed fails, also when the editor signs the changed file', async () => {
    const out = join(dir, 'tampered.wav');
    expect((await derive(wav, out, '--trim', '2,7')).code).toBe(0);
    const bytes = readFileSync(out);
    const mid = Math.floor(bytes.length / 2); // inside the data chunk: one PCM packet
    bytes[mid] = (bytes[mid] as number) ^ 0x5a;
    writeFileSync(out, bytes);
    const v = await verify(out);
    expect(v.codes).toContain('clip.mismatch');
    expect(v.codes).not.toContain('clip.exact');
    expect(v.code).toBe(1);

    // The binding now matches the signed asset: only the range proof against the capture catches it.
    const forged = await resign(`${out}.provenant.json`, out);
    const f = await verify(out, '--manifest', forged);
    expect(f.codes).toEqual(expect.arrayContaining(['binding.file.match', 'transform.chain.ok', 'clip.mismatch']));
    expect(f.code).toBe(1);
  });

  it('a clip of another recording fails', async () => {
    const mine = join(dir, 'mine.wav');
    const theirs = join(dir, 'theirs.wav');
    expect((await derive(wav, mine, '--trim', '4,9')).code).toBe(0);
    expect((await derive(other, theirs, '--trim', '4,9')).code).toBe(0);
    // Shown with the honest clip's manifest.
    const shown = await verify(theirs, '--manifest', `${mine}.provenant.json`);
    expect(shown.codes).toContain('clip.mismatch');
    expect(shown.code).toBe(1);
    // Signed as a clip of the first recording: bound to its bytes, chained, but not a run of that recording.
    const forged = await resign(`${theirs}.provenant.json`, theirs, `${wav}.provenant.json`);
    const f = await verify(theirs, '--manifest', forged, '--parent', `${wav}.provenant.json`);
    expect(f.codes).toEqual(expect.arrayContaining(['binding.file.match', 'transform.chain.ok', 'clip.mismatch']));
    expect(f.code).toBe(1);
    // derive refuses media that is not the recording the manifest signs.
    const r = await runCli(['derive', other, '--manifest', `${wav}.provenant.json`, '--key', editor, '--trim', '1,3']);
    expect(r.code).toBe(2);
  });

  it('refuses a trim outside the policy, records it with --force, and verify fails it', async () => {
    const out = join(dir, 'short.wav');
    const refused = await derive(wav, out, '--trim', '2,2.5');
    expect(refused.code).toBe(1);
    expect(refused.json.error.code).toBe('policy.refused');
    expect(refused.json.error.details.some((d: string) => d.endsWith('policy.trim.tooShort'))).toBe(true);

    const forced = await derive(wav, out, '--trim', '2,2.5', '--force');
    expect(forced.code).toBe(0);
    const v = await verify(out);
    expect(v.codes).toEqual(expect.arrayContaining(['policy.trim.tooShort', 'clip.exact']));
    expect(v.code).toBe(1);

    const none = join(dir, 'locked.wav');
    ffmpegGenerate(['-i', wav, '-c', 'copy', none]);
    await sign(none, 'none');
    const locked = await derive(none, join(dir, 'locked-clip.wav'), '--trim', '2,6');
    expect(locked.code).toBe(1);
    expect(locked.json.error.details.some((d: string) => d.endsWith('policy.op.forbidden'))).toBe(true);

    const codec = await derive(wav, join(dir, 'clip.ogg'), '--trim', '2,6', '--transcode', 'vorbis');
    expect(codec.code).toBe(1);
    expect(codec.json.error.details.some((d: string) => d.endsWith('policy.transcode.codecForbidden'))).toBe(true);
  });

  it('flags that mix a clip with photo edits, or a bad range, are input errors', async () => {
    const out = join(dir, 'bad.wav');
    expect((await derive(wav, out, '--trim', '2,6', '--crop', '0,0,10,10')).code).toBe(2);
    expect((await derive(wav, out, '--trim', '6,2')).code).toBe(2);
    expect((await derive(wav, out, '--trim', '13,14')).code).toBe(2);
    expect((await derive(wav, out, '--transcode', 'mp3')).code).toBe(2);
  });
});

describe('re-encoded excerpts', () => {
  it.skipIf(!hasEncoder('libmp3lame'))('are consistent with t0–t1 via the fingerprint, never exact', async () => {
    const out = join(dir, 'excerpt.mp3');
    const d = await derive(m4a, out, '--trim', '3,9', '--transcode', 'mp3', '--bitrate', '64k');
    expect(d.code).toBe(0);
    const claim = claimOf(`${out}.provenant.json`);
    expect(claim.recipe.map((o) => o.op)).toEqual(['trim', 'transcode']);
    expect(claim.packetProof).toBeUndefined();
    const v = await verify(out);
    expect(v.codes).toEqual(expect.arrayContaining(['policy.trim.ok', 'policy.transcode.ok', 'clip.consistent']));
    expect(v.codes).not.toContain('clip.exact');
    expect(v.code).toBe(0);
    expect(v.state).toBe('valid-partial');

    // An exact clip re-encoded after the fact is a copy: consistent, not exact, not a failure.
    const exact = join(dir, 'exact.m4a');
    expect((await derive(m4a, exact, '--trim', '3,9')).code).toBe(0);
    const copy = join(dir, 'exact-reencoded.mp3');
    ffmpegGenerate(['-i', exact, '-c:a', 'libmp3lame', '-b:a', '96k', copy]);
    const c = await verify(copy, '--manifest', `${exact}.provenant.json`);
    expect(c.codes).toEqual(expect.arrayContaining(['binding.fingerprint.close', 'clip.consistent']));
    expect(c.code).toBe(0);

    // Another excerpt signed as this range: the fingerprint does not match the recording there.
    const elsewhere = join(dir, 'elsewhere.mp3');
    ffmpegGenerate(['-i', other, '-ss', '3', '-to', '9', '-c:a', 'libmp3lame', '-b:a', '64k', elsewhere]);
    const forged = await resign(`${out}.provenant.json`, elsewhere);
    const f = await verify(elsewhere, '--manifest', forged, '--parent', `${m4a}.provenant.json`);
    expect(f.codes).toEqual(expect.arrayContaining(['binding.file.match', 'clip.mismatch']));
    expect(f.code).toBe(1);
  });
});

describe('video clips', () => {
  it('mp4: a keyframe-aligned stream copy is exact, not with other audio; a re-encode is consistent', async () => {
    const mp4 = join(dir, 'scene.mp4');
    ffmpegGenerate([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x90:rate=25:duration=10',
      '-f',
      'lavfi',
      '-i',
      MUSIC.replace('d=12', 'd=10'),
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '25',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '96k',
      mp4,
    ]);
    const policy = JSON.stringify({ trim: { minDurationMs: 1000 }, transcode: { codecs: ['h264'] } });
    await sign(mp4, policy);
    const out = join(dir, 'scene-clip.mp4');
    const d = await derive(mp4, out, '--trim', '1.5,7.5');
    expect(d.code).toBe(0);
    const trim = claimOf(`${out}.provenant.json`).recipe[0];
    if (trim?.op !== 'trim') throw new Error('expected a trim op');
    expect(trim.startPacket).toBe(50); // the first keyframe in range (one every 25 frames)
    const v = await verify(out);
    expect(v.codes).toContain('clip.exact');
    expect(v.code).toBe(0);

    // The proof covers the pictures; audio from elsewhere under them is caught by the fingerprint.
    const dubbed = join(dir, 'scene-dubbed.mp4');
    ffmpegGenerate([
      '-i',
      out,
      '-i',
      other,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-shortest',
      dubbed,
    ]);
    const forged = await resign(`${out}.provenant.json`, dubbed);
    const dub = await verify(dubbed, '--manifest', forged, '--parent', `${mp4}.provenant.json`);
    expect(dub.codes).toEqual(expect.arrayContaining(['binding.file.match', 'clip.mismatch']));
    expect(dub.code).toBe(1);
    // The same hole in a capture's binding: its pictures re-muxed with other audio are not a packet match.
    const dubbedCapture = join(dir, 'scene-dubbed-capture.mp4');
    ffmpegGenerate([
      '-i',
      mp4,
      '-i',
      other,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-shortest',
      dubbedCapture,
    ]);
    const capture = await verify(dubbedCapture, '--manifest', `${mp4}.provenant.json`);
    expect(capture.codes).toContain('binding.fingerprint.far');
    expect(capture.codes).not.toContain('binding.packets.match');
    expect(capture.code).toBe(1);

    const excerpt = join(dir, 'scene-excerpt.mp4');
    expect((await derive(mp4, excerpt, '--trim', '1.5,7.5', '--transcode', 'h264')).code).toBe(0);
    const e = await verify(excerpt);
    expect(e.codes).toContain('clip.consistent');
    expect(e.codes).not.toContain('clip.exact');
    expect(e.code).toBe(0);
  });
});
