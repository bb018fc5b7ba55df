/** Bodies over real HTTP (node-server): read from the Node request directly, or through Hono when chunked. */
import { request } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { fromUtf8 } from '../../core/bytes.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest } from './fixtures.ts';

function post(
  url: string,
  body: Uint8Array,
  { chunked = false, agent }: { chunked?: boolean; agent?: import('node:http').Agent } = {},
): Promise<{ status: number; json: { id?: string; error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(fromUtf8(new Uint8Array(Buffer.concat(parts)))) }),
        );
      },
    );
    req.on('error', reject);
    if (chunked) {
      // Several chunks, so that the body really arrives in pieces.
      const step = Math.ceil(body.length / 3);
      for (let i = 0; i < body.length; i += step) req.write(body.subarray(i, i + step));
      req.end();
    } else req.end(body);
  });
}

describeBackends('request bodies over HTTP', (backend) => {
  let svc: Service;
  let server: ReturnType<typeof serve>;
  let url: string;
  beforeAll(async () => {
    svc = await backend.start({ BODY_LIMIT_BYTES: '4096' });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/manifests`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    await svc?.close();
  });

  it('stores exactly the bytes sent, with Content-Length or chunked, over one kept-alive connection', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const key = newKey();
    for (const [n, chunked] of [
      [900, false],
      [901, true],
      [902, false],
    ] as const) {
      const m = signedManifest(photoClaim(n), [key]);
      const res = await post(url, m.bytes, { chunked, agent });
      expect(res.status).toBe(201);
      expect(res.json.id).toBe(m.id);
      const again = await post(url, m.bytes, { chunked: !chunked, agent });
      expect(again.status).toBe(200);
      const stored = await svc.app.request(`/v1/manifests/${m.id}`);
      const body = (await stored.json()) as { claimBytes: string; signatures: Array<{ entry: unknown }> };
      expect(body.signatures.map((g) => g.entry)).toEqual(m.manifest.signatures);
    }
    agent.destroy();
  });

  it('refuses a body over the limit, declared or chunked, with 413 input.tooLarge', async () => {
    const big = new Uint8Array(5000).fill(32);
    for (const chunked of [false, true]) {
      const res = await post(url, big, { chunked });
      expect(res.status).toBe(413);
      expect(res.json.error?.code).toBe('input.tooLarge');
    }
  });

  it('reports a malformed body as 400, not a failure', async () => {
    const res = await post(url, new TextEncoder().encode('{"claim":'));
    expect(res.status).toBe(400);
  });
});
