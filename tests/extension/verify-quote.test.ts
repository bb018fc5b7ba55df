/** "Verify quote" against the real API: exact, with omitted words, a misquote, unrelated text, a hostile source. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../verifier-extension/src/settings.ts';
import { createApiClient, type FetchLike } from '../../verifier-extension/src/verify/api-client.ts';
import { verifyQuote } from '../../verifier-extension/src/verify/verify-quote.ts';
import { ffmpegGenerate, MUSIC_EXPR } from '../signer/fixtures.ts';
import { type Seeded, seedQuote, signAndSubmit, startSeededApi } from './fixtures.ts';

let s: Seeded;

const verify = (text: string, fetch: FetchLike = s.fetch) =>
  verifyQuote(text, {
    api: createApiClient('http://api.test', fetch),
    trust: { ...DEFAULT_SETTINGS.trust, roots: [s.org.key.keyId] },
    chain: null,
  });
const codes = (v: { entries: readonly { code: string }[] }) => v.entries.map((e) => e.code);

beforeAll(async () => {
  s = await startSeededApi();
  const audio = join(s.dir, 'interview.wav');
  ffmpegGenerate(['-f', 'lavfi', '-i', MUSIC_EXPR, '-c:a', 'pcm_s16le', audio]);
  await signAndSubmit(s, audio);
  await seedQuote(s, `${audio}.provenant.json`, 'we will not raise harbour fees for local fishermen');
  await seedQuote(s, `${audio}.provenant.json`, 'We will rebuild the north pier … we will not raise harbour fees');
});
afterAll(async () => {
  await s?.close();
});

describe('verifyQuote', () => {
  it('an exact quote: speaker, time range, transcript co-signed 2 of 2', async () => {
    const v = await verify('We will not raise harbour fees for local fishermen');
    expect(codes(v)).toEqual(
      expect.arrayContaining(['signature.valid', 'quote.exact', 'cosign.complete', 'identity.trusted']),
    );
    expect(v.state).toBe('valid');
    expect(v.quote).toMatchObject({
      speaker: 'Mayor Lind',
      t0: 4_000,
      t1: 12_500,
      episode: 'Harbour Talk, episode 12',
    });
    expect(v.cosigning).toEqual({ signed: 2, required: 2, threshold: 2 });
  });

  it('a quote with an ellipsis shows how many words were left out', async () => {
    const v = await verify('We will rebuild the north pier … we will not raise harbour fees');
    expect(codes(v)).toContain('quote.exact');
    expect(v.quote?.omittedWordCounts).toEqual([3]);
  });

  it('a misquote (a word dropped, one added) is close, not exact, with the diff', async () => {
    const v = await verify('We will rebuild the north pier and we will raise harbour fees');
    expect(codes(v)).toContain('quote.close');
    expect(v.state).toBe('valid-partial');
    expect(v.quote?.diff?.filter((d) => d.op !== 'same')).toEqual([
      { op: 'added', shown: 'and' },
      { op: 'missing', attested: 'not' },
    ]);
  });

  it('text nobody attested has no provenance', async () => {
    const v = await verify('The harbour will close forever next week');
    expect(codes(v)).toEqual(['provenance.none']);
  });

  it('a transcript swapped by the API fails the proof check', async () => {
    const swapped: FetchLike = async (url, init) => {
      const res = await s.fetch(url, init);
      if (!new URL(url).pathname.startsWith('/v1/quotes')) return res;
      const body = (await res.json()) as { quotes: { source: { claimBytes: string } }[] };
      for (const q of body.quotes) {
        const claim = JSON.parse(Buffer.from(q.source.claimBytes, 'base64url').toString('utf8'));
        claim.transcript.root = 'ab'.repeat(32);
        q.source.claimBytes = Buffer.from(JSON.stringify(claim)).toString('base64url');
      }
      return { ok: res.ok, status: res.status, json: async () => body };
    };
    const v = await verify('We will not raise harbour fees for local fishermen', swapped);
    expect(codes(v)).toContain('quote.proof.invalid');
    expect(v.state).toBe('invalid');
  });
});
