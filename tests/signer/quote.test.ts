/**
 * `provenant quote` and `verify` of quote attestations through the CLI, on a generated recording and transcript:
 * exact quotes (with ellipsis and editorial brackets) verify; words not in the transcript are refused with the
 * closest passage; each kind of misquote in a signed attestation fails with its own code.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { loadKeyFile } from '../../signer/keyfile.ts';
import { codesOf, runCli } from './cli.ts';
import { ffmpegGenerate, tempDir } from './fixtures.ts';

const TRANSCRIPT = `00:00:01.000 - 00:00:06.000, Host: Welcome back. Today we talk about the city budget and the new schools.
00:00:06.000 - 00:00:12.500, Guest: Thank you. We will spend fifteen million on roads next year, not on the stadium.
00:00:12.500 - 00:00:18.000, Guest: And the council will vote in March, whatever the minister says.
00:00:18.000 - 00:00:22.000, Host: So the stadium is off the table?
00:00:22.000 - 00:00:27.000, Guest: The stadium is off the table for now.
`;

/** The parts of a quote claim the misquote cases edit. */
interface EditableClaim {
  quote: { text: string; speaker: string; t0: number };
  proof: { runs: { tokens: string[] }[] };
}

const { dir, cleanup } = tempDir('provenant-quote-');
afterAll(cleanup);
const key = (n: string) => join(dir, `${n}.json`);
const transcriptManifest = join(dir, 'episode.txt.provenant.json');

async function verify(...args: string[]) {
  const r = await runCli(['verify', ...args, '--json']);
  expect(r.code === 2 ? r.stderr : '').toBe('');
  return { code: r.code, codes: codesOf(r.stdout) };
}

async function quote(text: string, out: string, ...extra: string[]) {
  return runCli([
    ...['quote', '--transcript', transcriptManifest, '--text', text, '--key', key('newsroom')],
    ...['--out', join(dir, out), '--json', ...extra],
  ]);
}

/** A newsroom that edits its own signed attestation: change the claim, sign it again with its real key. */
async function resign(from: string, to: string, edit: (claim: EditableClaim) => void): Promise<string> {
  const m = JSON.parse(readFileSync(join(dir, from), 'utf8'));
  edit(m.claim);
  const parsed = parseManifest({ claim: m.claim, signatures: [] });
  const signer = await loadKeyFile(key('newsroom'));
  const entry = signClaim(parsed.claimDigest, signer.key, 'publisher', Date.now());
  writeFileSync(join(dir, to), JSON.stringify({ claim: parsed.manifest.claim, signatures: [entry] }));
  copyFileSync(join(dir, `${from}.parents.json`), join(dir, `${to}.parents.json`));
  copyFileSync(join(dir, `${from}.keys.json`), join(dir, `${to}.keys.json`));
  return join(dir, to);
}

beforeAll(async () => {
  for (const n of ['studio', 'guest', 'newsroom']) {
    expect((await runCli(['keygen', '--name', n, '--kind', 'person', '--out', key(n)])).code).toBe(0);
  }
  const wav = join(dir, 'episode.wav');
  ffmpegGenerate(['-f', 'lavfi', '-i', 'sine=frequency=330:duration=30', '-ac', '1', wav]);
  expect((await runCli(['sign', wav, '--key', key('studio')])).code).toBe(0);
  writeFileSync(join(dir, 'episode.txt'), TRANSCRIPT);
  const t = await runCli([
    ...['transcript', join(dir, 'episode.txt'), '--recording', `${wav}.provenant.json`],
    ...['--key', key('studio'), '--speaker', `Guest=${key('guest')}`],
  ]);
  expect(t.stderr).toBe('');
  expect((await runCli(['cosign', transcriptManifest, '--key', key('guest')])).code).toBe(0);
});

describe('honest quotes', () => {
  it('an exact quote across two segments of one speaker verifies, with speaker and time', async () => {
    const r = await quote(
      'We will spend fifteen million on roads next year, not on the stadium. And the council will vote',
      'q1.json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ speaker: 'Guest', t0: 6000, t1: 18000, segments: [1, 2] });
    const v = await verify(join(dir, 'q1.json'));
    expect(v.code).toBe(0);
    expect(v.codes).toEqual(
      expect.arrayContaining([
        'signature.valid',
        'quote.source.ok',
        'binding.recording.ok',
        'cosign.complete',
        'quote.exact',
      ]),
    );
  });

  it('an ellipsis and editorial brackets, with curly quotes and odd spacing', async () => {
    const r = await quote(
      '“We will spend … on roads [in the city] next year”',
      'q2.json',
      '--url',
      'https://news.example/a?b=1',
    );
    expect(r.code).toBe(0);
    const claim = JSON.parse(readFileSync(join(dir, 'q2.json'), 'utf8')).claim;
    expect(claim.article.url).toBe('https://news.example/a?b=1');
    // Only the quoted words are revealed: none of the other words of the segment appear in the proof.
    expect(JSON.stringify(claim.proof)).not.toContain(Buffer.from('stadium').toString('base64url'));
    const v = await verify(join(dir, 'q2.json'));
    expect(v.code).toBe(0);
    expect(v.codes).toContain('quote.exact');
  });
});

describe('words not in the transcript', () => {
  it('are refused with quote.notFound (exit 1) and the closest passage as a word diff', async () => {
    const r = await quote('We will spend fifty million on roads next year', 'nope.json');
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('quote.notFound');
    expect(err.closest.speaker).toBe('Guest');
    expect(err.closest.diff).toContainEqual({ op: 'changed', quote: 'fifty', transcript: 'fifteen' });
    const human = await quote('We will spend fifty million on roads next year', 'nope.json');
    expect(human.code).toBe(1);
  });

  it('words said by two speakers are not one quote', async () => {
    const r = await quote('So the stadium is off the table? The stadium is off the table', 'two.json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('quote.notFound');
  });
});

describe('misquotes in signed attestations fail with their own code (exit 1)', () => {
  beforeAll(async () => {
    expect((await quote('We will spend fifteen million on roads next year', 'base.json')).code).toBe(0);
    expect((await quote('We will spend fifteen million … whatever the minister says', 'spliced.json')).code).toBe(0);
  });

  const cases: [string, string, (c: EditableClaim) => void, string][] = [
    [
      'substitution',
      'sub.json',
      (c) => {
        c.quote.text = 'We will spend fifty million on roads next year';
      },
      'quote.words.substituted',
    ],
    [
      'insertion',
      'ins.json',
      (c) => {
        c.quote.text = 'We will only spend fifteen million on roads next year';
      },
      'quote.words.inserted',
    ],
    [
      'deletion',
      'del.json',
      (c) => {
        c.quote.text = 'We will spend fifteen million on next year';
      },
      'quote.words.deleted',
    ],
    [
      'speaker swap',
      'swap.json',
      (c) => {
        c.quote.speaker = 'Host';
      },
      'quote.speaker.mismatch',
    ],
    [
      'another time',
      'time.json',
      (c) => {
        c.quote.t0 = 0;
      },
      'quote.time.mismatch',
    ],
  ];
  for (const [name, file, edit, code] of cases) {
    it(name, async () => {
      const v = await verify(await resign('base.json', file, edit));
      expect(v.code).toBe(1);
      expect(v.codes).toContain('signature.valid');
      expect(v.codes).toContain(code);
    });
  }

  it('splice: two passages joined without the ellipsis', async () => {
    const v = await verify(
      await resign('spliced.json', 'splice.json', (c) => {
        c.quote.text = 'We will spend fifteen million whatever the minister says';
      }),
    );
    expect(v.code).toBe(1);
    expect(v.codes).toContain('quote.splice');
  });

  it('an edited attestation without a new signature', async () => {
    const m = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8'));
    m.claim.quote.text = 'We will spend fifty million on roads next year';
    writeFileSync(join(dir, 'unsigned.json'), JSON.stringify(m));
    copyFileSync(join(dir, 'base.json.parents.json'), join(dir, 'unsigned.json.parents.json'));
    const v = await verify(join(dir, 'unsigned.json'));
    expect(v.code).toBe(1);
    expect(v.codes).toContain('signature.invalid');
  });

  it('a proof with a changed word fails the proof itself', async () => {
    const v = await verify(
      await resign('base.json', 'badproof.json', (c) => {
        const run = c.proof.runs[0] as { tokens: string[] };
        run.tokens[3] = Buffer.from('fifty').toString('base64url');
        c.quote.text = 'We will spend fifty million on roads next year';
      }),
    );
    expect(v.code).toBe(1);
    expect(v.codes).toContain('quote.proof.invalid');
  });

  it('a quote whose transcript cannot be found', async () => {
    const path = join(dir, 'orphan.json');
    copyFileSync(join(dir, 'base.json'), path);
    writeFileSync(`${path}.parents.json`, JSON.stringify({ v: 1, type: 'provenant-parents', manifests: [] }));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'far'));
    copyFileSync(path, join(dir, 'far', 'orphan.json'));
    const v = await verify(join(dir, 'far', 'orphan.json'));
    expect(v.code).toBe(1);
    expect(v.codes).toContain('quote.source.missing');
  });
});
