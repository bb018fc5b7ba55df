import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { describeBackends } from './backends.ts';

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
