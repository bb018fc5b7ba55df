import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { base64urlToBytes, hexToBytes } from '../../core/bytes.ts';
import { verifySignatureEntry } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { verifyQuoteProof } from '../../core/transcript/index.ts';
import { describeBackends } from './backends.ts';
import { newKey } from './fixtures.ts';
import { signedQuote, signedTranscript } from './quote-fixtures.ts';

interface QuoteHit {
  id: string;
  match: string;
  claimBytes: string;
  claim: { quote: { text: string; speaker: string; t0: number; t1: number }; proof: unknown };
  signatures: Array<{ entry: unknown }>;
  source: { id: string; claimBytes: string; claim: { transcript: { root: string; segmentCount: number } } };
}

describeBackends('quotes API', (backend) => {
  let svc: Service;
  const transcriber = newKey();
  const newsroom = newKey();
  const transcript = signedTranscript(transcriber);
  const quote = signedQuote(transcript, 'We will publish the full data set … every single month', newsroom);
  const post = (path: string, body: Uint8Array) => svc.app.request(path, { method: 'POST', body: body as BodyInit });
  const search = async (text: string) => {
    const res = await svc.app.request(`/v1/quotes?text=${encodeURIComponent(text)}`);
    return { status: res.status, body: (await res.json()) as { quotes?: QuoteHit[]; error?: { code: string } } };
  };

  beforeAll(async () => {
    svc = await backend.start();
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('refuses a quote whose transcript is not logged yet', async () => {
    const res = await post('/v1/quotes', quote.bytes);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('policy.refused');
  });

  it('logs a proven quote (201, then 200), and refuses other kinds on /v1/quotes', async () => {
    expect((await post('/v1/quotes', transcript.bytes)).status).toBe(400);
    expect((await post('/v1/manifests', transcript.bytes)).status).toBe(201);
    const res = await post('/v1/quotes', quote.bytes);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; logIndex: number };
    expect(body.id).toBe(quote.id);
    expect((await post('/v1/quotes', quote.bytes)).status).toBe(200);
  });

  it('refuses a quote whose words or speaker the proof does not show', async () => {
    const words = signedQuote(transcript, 'We will publish the full data set', newsroom, (c) => {
      (c.quote as { text: string }).text = 'We will publish the partial data set';
    });
    const speaker = signedQuote(transcript, 'every single month', newsroom, (c) => {
      (c.quote as { speaker: string }).speaker = 'Host';
    });
    for (const m of [words, speaker]) {
      const res = await post('/v1/quotes', m.bytes);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('policy.refused');
    }
  });

  it('finds the attestation by its text, by a part of it and by text around it; the client can verify it', async () => {
    const cases: Array<[string, string]> = [
      ['We will publish the full data set … every single month', 'exact'],
      ['“we will PUBLISH the full data set”', 'exact'],
      ['publish the full data', 'part'],
      ['He said: we will publish the full data set, and more.', 'whole'],
    ];
    for (const [text, match] of cases) {
      const r = await search(text);
      expect(r.status, text).toBe(200);
      expect(
        r.body.quotes?.map((q) => [q.id, q.match]),
        text,
      ).toEqual([[quote.id, match]]);
    }
    const hit = (await search('every single month')).body.quotes?.[0] as QuoteHit;
    // Everything needed to verify comes with the hit: exact claim bytes, signatures, the source transcript's root.
    const parsed = parseManifest({ claim: hit.claim, signatures: hit.signatures.map((g) => g.entry) });
    expect(parsed.claimBytes).toEqual(base64urlToBytes(hit.claimBytes));
    expect(verifySignatureEntry(parsed.manifest.signatures[0] as never, hexToBytes(hit.id))).toBe(true);
    const { root, segmentCount } = hit.source.claim.transcript;
    const verdict = verifyQuoteProof(hit.claim.quote.text, hit.claim.proof, root, segmentCount, hit.claim.quote);
    expect(verdict.match).toBe('exact');
  });

  it('returns no candidates for words no attestation has, and refuses empty text', async () => {
    expect((await search('nothing like this was ever said here')).body.quotes).toEqual([]);
    for (const text of ['', '… , .']) {
      const r = await search(text);
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('input.invalid');
    }
  });
});
