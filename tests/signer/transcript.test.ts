/**
 * Transcript import (one parser per format, hostile input refused with coded, line-numbered errors) and
 * `provenant transcript` / `verify` for transcript manifests through the CLI: binding to the recording and
 * co-signing k of n by the mapped speakers.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import { buildTranscriptTree } from '../../core/transcript/tree.ts';
import { importTranscript, parseTranscriptText } from '../../signer/transcript/import.ts';
import { MAX_TRANSCRIPT_BYTES } from '../../signer/transcript/limits.ts';
import { codesOf, runCli } from './cli.ts';
import { ffmpegGenerate, tempDir, writePicture } from './fixtures.ts';

const VTT = `WEBVTT - episode 12

NOTE produced by hand

intro
00:00:01.000 --> 00:00:04.500 align:start
<v Host>Welcome back to the show &amp; thanks for listening.</v>

00:04.500 --> 00:00:09.000
<v Guest>It's good to be here, <i>really</i>.

00:00:09.000 --> 00:00:12.250
We'll talk about the budget.
`;

const SRT = `1
00:00:01,000 --> 00:00:04,500
Host: Welcome back to the show & thanks for listening.

2
00:00:04,500 --> 00:00:09,000
[Guest] It's good to be here, <i>really</i>.

3
00:00:09,000 --> 00:00:12,250
We'll talk about the budget.
`;

const LINES = `00:00:01.000 - 00:00:04.500, Host: Welcome back to the show & thanks
for listening.
00:00:04.500 - 00:00:09.000, Guest: It's good to be here, really.

00:00:09.000 - 00:00:12.250, Guest: We'll talk about the budget.
`;

const JSON_SEGMENTS = JSON.stringify([
  { speaker: 'Host', t0: 1000, t1: 4500, text: 'Welcome back to the show & thanks for listening.' },
  { speaker: 'Guest', t0: 4500, t1: 9000, text: "It's good to be here, really." },
  { i: 2, speaker: 'Guest', t0: 9000, t1: 12250, text: "We'll talk about the budget." },
]);

function codeOf(fn: () => unknown): { code: string; details: readonly string[] } {
  try {
    fn();
  } catch (e) {
    if (isProvenantError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected an error');
}

describe('importers', () => {
  it('read the same segments from WebVTT, SRT, lines and JSON', () => {
    const expected = [
      { i: 0, speaker: 'Host', t0: 1000, t1: 4500 },
      { i: 1, speaker: 'Guest', t0: 4500, t1: 9000 },
      { i: 2, speaker: 'Guest', t0: 9000, t1: 12250 },
    ];
    const seed = new Uint8Array(32).fill(3);
    const roots = (
      [
        [VTT, 'vtt'],
        [SRT, 'srt'],
        [LINES, 'lines'],
        [JSON_SEGMENTS, 'json'],
      ] as const
    ).map(([text, format]) => {
      const segments = parseTranscriptText(text, format);
      expect(segments.map(({ text: _t, ...rest }) => rest)).toEqual(expected);
      return buildTranscriptTree(segments, seed).segments.map((s) => s.tokens.map((t) => t.norm).join(' '));
    });
    for (const r of roots) expect(r).toEqual(roots[0]);
    expect(roots[0]?.[0]).toBe('welcome back to the show thanks for listening');
  });

  it('refuse malformed input with transcript.invalid and the line number', () => {
    expect(codeOf(() => parseTranscriptText('WEBVT\n\n00:01.000 --> 00:02.000\nhi\n', 'vtt'))).toEqual({
      code: 'transcript.invalid',
      details: ['line 1'],
    });
    expect(codeOf(() => parseTranscriptText('WEBVTT\n\n00:01.000 -> 00:02.000\nhi\n', 'vtt')).details).toEqual([
      'line 3',
    ]);
    expect(codeOf(() => parseTranscriptText('WEBVTT\n\n00:03.000 --> 00:02.000\nhi\n', 'vtt')).details).toEqual([
      'line 3',
    ]);
    expect(codeOf(() => parseTranscriptText('1\n00:00:01,000 --> 00:00:61,000\nhi\n', 'srt')).details).toEqual([
      'line 2',
    ]);
    expect(codeOf(() => parseTranscriptText('x\n00:00:01,000 --> 00:00:02,000\nhi\n', 'srt')).details).toEqual([
      'line 1',
    ]);
    expect(codeOf(() => parseTranscriptText('before any time\n', 'lines')).details).toEqual(['line 1']);
    expect(
      codeOf(() => parseTranscriptText('00:00:01.000 - 00:00:02.000, A: x\n00:00:99.000 - 1, B: y\n', 'lines')).details,
    ).toEqual(['line 2']);
    expect(
      codeOf(() => parseTranscriptText('[{"speaker":"A","t0":0,"t1":1,"text":"x","extra":1}]', 'json')).details,
    ).toEqual(['segments[0]']);
    expect(codeOf(() => parseTranscriptText('[{"speaker":"A","t0":0.5,"t1":1,"text":"x"}]', 'json')).code).toBe(
      'transcript.invalid',
    );
    expect(codeOf(() => parseTranscriptText('{"segments": []}', 'json')).code).toBe('transcript.invalid');
    expect(
      codeOf(() => parseTranscriptText(`WEBVTT\n\n00:01.000 --> 00:02.000\n${'x'.repeat(70_000)}\n`, 'vtt')).details,
    ).toEqual(['line 4']);
    // A speaker label with a bidi override is refused by core's segment schema.
    expect(codeOf(() => parseTranscriptText('00:00:01.000 - 00:00:02.000, Ho\u202Est: x\n', 'lines')).code).toBe(
      'transcript.invalid',
    );
  });

  it('bound the file size before reading', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const big = join(dir, 'big.txt');
      writeFileSync(big, Buffer.alloc(MAX_TRANSCRIPT_BYTES + 1, 0x20));
      await expect(importTranscript(big)).rejects.toMatchObject({ code: 'input.tooLarge' });
      const bad = join(dir, 'bad.srt');
      writeFileSync(bad, Buffer.from([0x31, 0x0a, 0xff, 0xfe]));
      await expect(importTranscript(bad)).rejects.toMatchObject({ code: 'transcript.invalid' });
      await expect(importTranscript(join(dir, 'x.doc'))).rejects.toMatchObject({ code: 'input.invalid' });
    } finally {
      cleanup();
    }
  });
});

describe('provenant transcript', () => {
  const { dir, cleanup } = tempDir('provenant-transcript-');
  afterAll(cleanup);
  const key = (n: string) => join(dir, `${n}.json`);
  const ids: Record<string, string> = {};
  const recording = join(dir, 'episode.wav');
  const recManifest = `${recording}.provenant.json`;
  const vtt = join(dir, 'episode.vtt');

  async function verify(...args: string[]) {
    const r = await runCli(['verify', ...args, '--json']);
    expect(r.code === 2 ? r.stderr : '').toBe('');
    return { code: r.code, codes: codesOf(r.stdout), state: JSON.parse(r.stdout).state as string };
  }

  beforeAll(async () => {
    for (const n of ['studio', 'host', 'guest']) {
      const r = await runCli(['keygen', '--name', n, '--kind', 'person', '--out', key(n), '--json']);
      expect(r.code).toBe(0);
      ids[n] = JSON.parse(r.stdout).keyId;
    }
    ffmpegGenerate(['-f', 'lavfi', '-i', 'sine=frequency=440:duration=15', '-ac', '1', recording]);
    expect((await runCli(['sign', recording, '--key', key('studio')])).code).toBe(0);
    writeFileSync(vtt, VTT);
  });

  it('signs a transcript bound to the recording; the mapped speakers must co-sign (k of n)', async () => {
    const r = await runCli([
      ...['transcript', vtt, '--recording', recManifest, '--key', key('studio')],
      ...['--speaker', `Host=${key('host')}`, '--speaker', `Guest=${ids.guest}`, '--json'],
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.requiredSigners).toEqual([ids.host, ids.guest]);
    expect(out.segments).toBe(3);
    expect(statSync(out.secret).mode & 0o777).toBe(0o600);
    const manifest = out.manifest as string;
    const claim = JSON.parse(readFileSync(manifest, 'utf8')).claim;
    expect(claim.kind).toBe('transcript');
    expect(claim.recording.manifestId).toBe(out.recording);

    let v = await verify(manifest);
    expect(v.code).toBe(0);
    expect(v.codes).toEqual(expect.arrayContaining(['binding.recording.ok', 'signature.valid', 'cosign.partial']));
    expect((await runCli(['cosign', manifest, '--key', key('guest')])).code).toBe(0);
    v = await verify(manifest);
    expect(v.codes).toContain('cosign.partial');
    expect((await runCli(['cosign', manifest, '--key', key('host')])).code).toBe(0);
    v = await verify(manifest);
    expect(v.code).toBe(0);
    expect(v.codes).toContain('cosign.complete');
  });

  it('reports a recording it cannot find, and fails a transcript whose signature was broken', async () => {
    const lonely = join(dir, 'lonely.vtt.provenant.json');
    const r = await runCli(['transcript', vtt, '--recording', recManifest, '--key', key('studio'), '--out', lonely]);
    expect(r.code).toBe(0);
    writeFileSync(`${lonely}.parents.json`, JSON.stringify({ v: 1, type: 'provenant-parents', manifests: [] }));
    const moved = join(dir, 'sub');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(moved);
    copyFileSync(lonely, join(moved, 'lonely.json'));
    const v = await verify(join(moved, 'lonely.json'));
    expect(v.codes).toContain('binding.recording.missing');
    const withParent = await verify(join(moved, 'lonely.json'), '--parent', recManifest);
    expect(withParent.codes).toContain('binding.recording.ok');

    const m = JSON.parse(readFileSync(lonely, 'utf8'));
    m.claim.transcript.wordCount += 1;
    writeFileSync(lonely, JSON.stringify(m));
    const broken = await verify(lonely);
    expect(broken.code).toBe(1);
    expect(broken.codes).toContain('signature.invalid');
  });

  it('signTranscript with a given seed is deterministic (the library entry the demo seeds use)', async () => {
    const { signTranscript } = await import('../../signer/index.ts');
    const { loadKeyFile } = await import('../../signer/keyfile.ts');
    const signer = await loadKeyFile(key('studio'));
    const seed = new Uint8Array(32).fill(9);
    const roots = [];
    for (const out of ['d1.json', 'd2.json']) {
      const r = await signTranscript({
        file: vtt,
        recording: recManifest,
        signer,
        seed,
        now: () => 1,
        out: join(dir, out),
      });
      roots.push(JSON.parse(readFileSync(r.manifestPath, 'utf8')).claim.transcript.root);
      expect(r.manifestId).toHaveLength(64);
    }
    expect(roots[0]).toBe(roots[1]);
  });

  it('refuses a transcript longer than the recording, a non-recording manifest and an unknown speaker (exit 2)', async () => {
    const late = join(dir, 'late.txt');
    writeFileSync(late, '00:00:01.000 - 00:00:40.000, Host: too long\n');
    const a = await runCli(['transcript', late, '--recording', recManifest, '--key', key('studio')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('transcript.invalid');
    const photo = join(dir, 'p.png');
    await writePicture(photo, 'flat-shapes', 'png', { width: 64, height: 64 });
    expect((await runCli(['sign', photo, '--key', key('studio')])).code).toBe(0);
    const b = await runCli([
      'transcript',
      vtt,
      '--recording',
      `${photo}.provenant.json`,
      '--key',
      key('studio'),
      '--out',
      join(dir, 'b.json'),
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('input.invalid');
    const c = await runCli([
      ...['transcript', vtt, '--recording', recManifest, '--key', key('studio'), '--out', join(dir, 'c.json')],
      ...['--speaker', `Nobody=${key('host')}`],
    ]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('input.invalid');
  });
});
