import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { utf8 } from '../../core/bytes.ts';
import { issueKeyStatement } from '../../core/crypto/key-statement.ts';
import { issueRevocation } from '../../core/crypto/revocation.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest, T0 } from './fixtures.ts';

/** Generated inputs per backend, by kind; together at least 10,000 (asserted at the end). */
const RUNS = { manifests: 5000, statements: 4000, bytes: 1000 };

/** Replaces the value at a random path of a JSON value with an arbitrary JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const pick = (head as number) % entries.length;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const [k, v] = entries[pick] as readonly [string, unknown];
  (out as Record<string, unknown>)[k] = mutate(v, rest, replacement);
  return out;
}

describeBackends('API fuzz', (backend) => {
  let svc: Service;
  const base = signedManifest(photoClaim(900), [newKey()]).manifest;
  const person = newKey();
  const keyStatement = issueKeyStatement({
    key: person,
    subject: { name: 'Fuzz Person', kind: 'person' },
    issuedAt: T0,
  });
  const revocation = issueRevocation(
    { keyId: person.keyId, effectiveAt: T0 + 1, reason: 'compromised', issuedAt: T0 + 1 },
    person,
  );
  let sent = 0;
  beforeAll(async () => {
    svc = await backend.start({ RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const expectCoded4xx = async (path: string, body: Uint8Array) => {
    sent++;
    const res = await svc.app.request(path, { method: 'POST', body: body as BodyInit });
    const json = (await res.json()) as { error?: { code: string } };
    if (res.status >= 300) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(typeof json.error?.code).toBe('string');
    }
  };

  it('mutated manifests never give a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (path, replacement) => {
          await expectCoded4xx('/v1/manifests', utf8(JSON.stringify(mutate(base, path, replacement))));
        },
      ),
      { numRuns: RUNS.manifests },
    );
  });

  it('mutated key statements and revocations never give a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (isKey, path, replacement) => {
          const target = isKey ? '/v1/keys' : `/v1/keys/${person.keyId}/revocations`;
          await expectCoded4xx(
            target,
            utf8(JSON.stringify(mutate(isKey ? keyStatement : revocation, path, replacement))),
          );
        },
      ),
      { numRuns: RUNS.statements },
    );
  });

  it('arbitrary bytes to every POST endpoint never give a 5xx', async () => {
    const paths = [
      '/v1/manifests',
      `/v1/manifests/${'ab'.repeat(32)}/signatures`,
      '/v1/keys',
      `/v1/keys/${'ab'.repeat(32)}/revocations`,
      '/v1/quotes',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.json().map(utf8)),
        async (path, body) => {
          await expectCoded4xx(path, body);
        },
      ),
      { numRuns: RUNS.bytes },
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
  });
});
