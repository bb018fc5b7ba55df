import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { hexToBytes, utf8 } from '../../core/bytes.ts';
import { issueKeyStatement } from '../../core/crypto/key-statement.ts';
import { issueRevocation } from '../../core/crypto/revocation.ts';
import { decodeLeaf } from '../../core/log/index.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest, T0 } from './fixtures.ts';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

const post = (svc: Service, path: string, value: unknown, headers: Record<string, string> = {}) =>
  svc.app.request(path, {
    method: 'POST',
    body: (typeof value === 'string' ? utf8(value) : utf8(JSON.stringify(value))) as BodyInit,
    headers: { 'content-type': 'application/json', ...headers },
  });

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describeBackends('keys API', (backend) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await backend.start({ ADMIN_TOKEN });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('an org key needs the admin token; an endorsed device key needs its endorser; both are logged', async () => {
    const maker = newKey();
    const makerStatement = issueKeyStatement({
      key: maker,
      subject: { name: 'Example Optics', kind: 'org' },
      issuedAt: T0,
    });
    const noToken = await post(svc, '/v1/keys', makerStatement);
    expect(noToken.status).toBe(401);
    expect(await codeOf(noToken)).toBe('auth.required');
    const wrongToken = await post(svc, '/v1/keys', makerStatement, {
      authorization: 'Bearer wrong-token-wrong-token-xx',
    });
    expect(wrongToken.status).toBe(403);
    expect(await codeOf(wrongToken)).toBe('auth.forbidden');

    const device = newKey('p256');
    const deviceStatement = issueKeyStatement({
      key: device,
      subject: { name: 'EO-1 #42', kind: 'device' },
      issuedAt: T0,
      endorser: maker,
    });
    const early = await post(svc, '/v1/keys', deviceStatement);
    expect(early.status).toBe(422);
    expect(await codeOf(early)).toBe('policy.refused');

    const made = await post(svc, '/v1/keys', makerStatement, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(made.status).toBe(201);
    const dev = await post(svc, '/v1/keys', deviceStatement);
    expect(dev.status).toBe(201);
    const { logIndex } = (await dev.json()) as { logIndex: number };
    expect((await post(svc, '/v1/keys', deviceStatement)).status).toBe(200);

    const got = (await (await svc.app.request(`/v1/keys/${device.keyId}`)).json()) as {
      status: string;
      endorsedBy: string;
    };
    expect(got).toMatchObject({ status: 'active', endorsedBy: maker.keyId });
    const page = (await (await svc.app.request(`/v1/log/entries?start=${logIndex}&end=${logIndex + 1}`)).json()) as {
      entries: Array<{ leaf: string }>;
    };
    const leaf = decodeLeaf(hexToBytes(page.entries[0]?.leaf as string));
    expect(leaf).toMatchObject({ kind: 'keyStatement', signer: device.keyId });
  });

  it('a revocation by the endorser is logged, flips the status, and refuses new signatures by the key', async () => {
    const maker = newKey();
    await post(
      svc,
      '/v1/keys',
      issueKeyStatement({ key: maker, subject: { name: 'Maker 2', kind: 'org' }, issuedAt: T0 }),
      {
        authorization: `Bearer ${ADMIN_TOKEN}`,
      },
    );
    const device = newKey();
    await post(
      svc,
      '/v1/keys',
      issueKeyStatement({ key: device, subject: { name: 'cam', kind: 'device' }, issuedAt: T0, endorser: maker }),
    );

    const stranger = newKey();
    const byStranger = issueRevocation(
      { keyId: device.keyId, effectiveAt: T0, reason: 'compromised', issuedAt: T0 },
      stranger,
    );
    const refused = await post(svc, `/v1/keys/${device.keyId}/revocations`, byStranger);
    expect(refused.status).toBe(400);
    expect(await codeOf(refused)).toBe('input.invalid');

    const revocation = issueRevocation(
      { keyId: device.keyId, effectiveAt: T0, reason: 'compromised', issuedAt: T0 },
      maker,
    );
    const res = await post(svc, `/v1/keys/${device.keyId}/revocations`, revocation);
    expect(res.status).toBe(201);
    expect((await post(svc, `/v1/keys/${device.keyId}/revocations`, revocation)).status).toBe(200);
    const got = (await (await svc.app.request(`/v1/keys/${device.keyId}`)).json()) as {
      status: string;
      revocations: unknown[];
    };
    expect(got.status).toBe('revoked');
    expect(got.revocations).toHaveLength(1);

    const m = signedManifest(photoClaim(300), [device]);
    const blocked = await svc.app.request('/v1/manifests', { method: 'POST', body: m.bytes as BodyInit });
    expect(blocked.status).toBe(422);
    expect(await codeOf(blocked)).toBe('policy.refused');
  });

  it('bad key input gets a 4xx with a code', async () => {
    expect(await codeOf(await post(svc, '/v1/keys', '{'))).toBe('json.invalid');
    expect(await codeOf(await post(svc, '/v1/keys', { statement: {}, signatures: [] }))).toBe('statement.invalid');
    expect(await codeOf(await svc.app.request('/v1/keys/nope'))).toBe('input.invalid');
    expect(await codeOf(await svc.app.request(`/v1/keys/${'a'.repeat(64)}`))).toBe('notFound');
    expect(await codeOf(await post(svc, `/v1/keys/${'a'.repeat(64)}/revocations`, {}))).toBe('notFound');
  });
});
