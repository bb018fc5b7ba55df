import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { utf8 } from '../../core/bytes.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest } from './fixtures.ts';

describeBackends('app', (backend) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await backend.start({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('/openapi.json documents exactly the routes the app serves', async () => {
    const res = await svc.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = svc.app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/:([a-z]+)/g, '{$1}')}`);
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  it('answers CORS preflights and tags responses with a request id', async () => {
    const res = await svc.app.request('/v1/manifests', {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await svc.app.request('/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rate-limits a client with 429 rateLimited once its bucket is empty', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await svc.app.request('/v1/log/checkpoints')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const last = await svc.app.request('/v1/log/checkpoints');
    expect(last.status).toBe(429);
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe('rateLimited');
  });
});

describeBackends('app: metrics, pages, limits', (backend) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await backend.start({ RATE_LIMIT_PER_KEY_PER_MINUTE: '2', BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => {
    await svc?.close();
  });
  const post = (path: string, body: Uint8Array) => svc.app.request(path, { method: 'POST', body: body as BodyInit });

  it('rate-limits submissions per signing key, whatever the address', async () => {
    const key = newKey();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await post('/v1/manifests', signedManifest(photoClaim(800 + i), [key]).bytes)).status);
    expect(statuses).toEqual([201, 201, 429]);
    // Another key is not affected, and forged entries naming a key do not spend its budget.
    expect((await post('/v1/manifests', signedManifest(photoClaim(810), [newKey()]).bytes)).status).toBe(201);
    const other = newKey();
    const forged = signedManifest(photoClaim(811), [other]);
    forged.manifest.signatures[0] = { ...forged.manifest.signatures[0], keyId: key.keyId } as never;
    expect((await post('/v1/manifests', utf8(JSON.stringify(forged.manifest)))).status).toBe(400);
    const res = await post('/v1/manifests', signedManifest(photoClaim(812), [other]).bytes);
    expect(res.status).toBe(201);
  });

  it('limits JSON bodies with 413 input.tooLarge', async () => {
    const res = await post('/v1/manifests', new Uint8Array(4096).fill(32));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('input.tooLarge');
  });

  it('lets a chrome-extension:// origin read responses', async () => {
    const res = await svc.app.request('/v1/log/checkpoints', {
      headers: { origin: 'chrome-extension://abcdefghijklmnop' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('GET /metrics counts requests by route pattern and status, and reports the log size and batch sizes', async () => {
    await svc.app.request(`/v1/manifests/${'ab'.repeat(32)}`);
    const res = await svc.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));
    expect(line('provenant_http_requests_total{method="GET",route="/v1/manifests/:id",status="404"}')).toMatch(/ 1$/);
    expect(line('provenant_http_requests_total{method="POST",route="/v1/manifests",status="201"}')).toMatch(/ 4$/);
    expect(line('provenant_log_entries ')).toBe('provenant_log_entries 4');
    expect(line('provenant_sequencer_batch_appends_count')).toMatch(/ [1-9][0-9]*$/);
    expect(line('provenant_http_request_duration_seconds_bucket{route="/v1/manifests",le="+Inf"}')).toMatch(/ [1-9]/);
  });

  it('serves self-contained HTML pages: the reference and the verify page', async () => {
    for (const path of ['/docs', '/verify']) {
      const res = await svc.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await res.text();
      // No external resources: no absolute URLs in src/href attributes.
      expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
    }
    const docs = await (await svc.app.request('/docs')).text();
    expect(docs).toContain('/v1/manifests/{id}/proof');
    expect(docs).toContain('/v1/verify');
  });
});
