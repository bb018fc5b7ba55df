import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { logEntries } from '../../api/db/schema/index.ts';
import { Sequencer } from '../../api/log/sequencer.ts';
import type { Service } from '../../api/service.ts';
import { issueKeyStatement } from '../../core/crypto/key-statement.ts';
import { issueRevocation } from '../../core/crypto/revocation.ts';
import { decodeLeaf } from '../../core/log/index.ts';
import { leafHash, merkleRoot } from '../../core/merkle/index.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest } from './fixtures.ts';

const post = (svc: Pick<Service, 'app'>, body: Uint8Array) =>
  svc.app.request('/v1/manifests', {
    method: 'POST',
    body: body as BodyInit,
    headers: { 'content-type': 'application/json' },
  });

describeBackends('sequencer', (backend) => {
  let one: Service;
  let two: Service;
  beforeAll(async () => {
    one = await backend.start();
    // PGlite is embedded in one process: a second instance means a second sequencer over the same database.
    two = backend.name === 'postgres' ? await backend.start() : one;
  });
  afterAll(async () => {
    if (two !== one) await two?.close();
    await one?.close();
  });

  it('concurrent submissions through two app instances get dense, distinct indices and one consistent tree', async () => {
    const key = newKey();
    const manifests = Array.from({ length: 60 }, (_, i) => signedManifest(photoClaim(100 + i), [key]));
    // On PGlite the second instance is a second Sequencer and app over the same embedded database.
    const twoSvc =
      two !== one ? two : { app: createApp({ ...one.services, sequencer: new Sequencer(one.services.db) }) };
    // Each manifest is posted to both instances at once: exactly one 201 each, the same index in both answers.
    const results = await Promise.all(
      manifests.flatMap((m) =>
        [post(one, m.bytes), post(twoSvc, m.bytes)].map(async (r) => ({
          status: (await r).status,
          body: (await (await r).json()) as { id: string; logIndex: number },
        })),
      ),
    );
    for (let i = 0; i < manifests.length; i++) {
      const [a, b] = [results[2 * i], results[2 * i + 1]];
      expect([a?.status, b?.status].sort()).toEqual([200, 201]);
      expect(a?.body.logIndex).toBe(b?.body.logIndex);
    }
    const rows = await one.services.db.select().from(logEntries).orderBy(asc(logEntries.idx));
    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
    const logged = new Set(rows.filter((r) => decodeLeaf(r.leaf).kind === 'manifest').map((r) => r.manifestDigest));
    for (const m of manifests) expect(logged.has(m.id)).toBe(true);
    // The persisted compact range matches a from-scratch root over every leaf.
    const cp = await one.services.integrator.integrate();
    expect(cp?.treeSize).toBe(rows.length);
    expect(cp?.rootHash).toEqual(merkleRoot(rows.map((r) => leafHash(r.leaf))));
  });

  it('group commit: a failing append fails alone; the rest of its batch commits with dense indices', async () => {
    const sequencer = new Sequencer(one.services.db);
    const fields = (n: number) => ({
      kind: 'manifest' as const,
      manifestDigest: n.toString(16).padStart(64, '0'),
      subjectDigest: 'ee'.repeat(32),
      signer: 'aa'.repeat(32),
    });
    const ok = (n: number) =>
      sequencer.append({ run: async (_tx, { nextIndex }) => ({ leaves: [fields(n)], result: nextIndex }) });
    const bad = sequencer.append({
      run: async (tx) => {
        // A statement error inside the item's savepoint must not poison the batch transaction.
        await tx.execute(sql`select * from no_such_table`);
        return { leaves: [fields(0)], result: -1 };
      },
    });
    const results = await Promise.allSettled([ok(1), bad, ok(2), ok(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const indices = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value as number] : []));
    expect(indices[1]).toBe((indices[0] as number) + 1);
    expect(indices[2]).toBe((indices[0] as number) + 2);
    const rows = await one.services.db.select().from(logEntries).orderBy(asc(logEntries.idx));
    expect(rows.map((r) => r.idx)).toEqual(rows.map((_, i) => i));
  });

  it('submissions in one batch: duplicates share an entry, a new co-signature gets its own', async () => {
    const [a, b] = [newKey(), newKey()];
    const base = signedManifest(photoClaim(300), [a]);
    const cosigned = signedManifest(photoClaim(300), [a, b]);
    const other = signedManifest(photoClaim(301), [b]);
    // Submitted together, so the sequencer takes them in one or a few batches (arrival order may vary).
    const sent = [base, base, other, cosigned, base];
    const responses = await Promise.all(sent.map((m) => post(one, m.bytes)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{ logIndex: number; receipt: unknown }>;
    const same = [0, 1, 3, 4];
    expect(same.map((i) => responses[i]?.status).sort()).toEqual([200, 200, 200, 201]);
    expect(responses[2]?.status).toBe(201);
    const shared = bodies[0] as { logIndex: number; receipt: unknown };
    for (const i of same) expect([bodies[i]?.logIndex, bodies[i]?.receipt]).toEqual([shared.logIndex, shared.receipt]);
    const start = Math.min(shared.logIndex, bodies[2]?.logIndex as number);
    const rows = await one.services.db
      .select()
      .from(logEntries)
      .where(sql`${logEntries.idx} >= ${start}`)
      .orderBy(asc(logEntries.idx));
    expect(rows.map((r) => r.idx)).toEqual([start, start + 1, start + 2]);
    expect(rows.map((r) => `${r.kind} ${r.manifestDigest}`).sort()).toEqual(
      [`cosignature ${base.id}`, `manifest ${base.id}`, `manifest ${other.id}`].sort(),
    );
    const view = (await (await one.app.request(`/v1/manifests/${base.id}`)).json()) as {
      signatures: Array<{ logIndex: number }>;
    };
    expect(view.signatures).toHaveLength(2);
    expect(view.signatures.map((g) => g.logIndex)).toContain(shared.logIndex);
  });

  it('a submission by a revoked key fails alone; the rest of its batch is logged', async () => {
    const revokedKey = newKey();
    const statement = issueKeyStatement({
      key: revokedKey,
      subject: { name: 'Lost Phone', kind: 'person' },
      issuedAt: 1,
    });
    const revocation = issueRevocation(
      { keyId: revokedKey.keyId, effectiveAt: 2, reason: 'compromised', issuedAt: 2 },
      revokedKey,
    );
    const postJson = (path: string, v: unknown) => one.app.request(path, { method: 'POST', body: JSON.stringify(v) });
    expect((await postJson('/v1/keys', statement)).status).toBe(201);
    expect((await postJson(`/v1/keys/${revokedKey.keyId}/revocations`, revocation)).status).toBe(201);
    const good = newKey();
    const sent = [
      signedManifest(photoClaim(400), [good]),
      signedManifest(photoClaim(401), [revokedKey]),
      signedManifest(photoClaim(402), [good]),
    ];
    const responses = await Promise.all(sent.map((m) => post(one, m.bytes)));
    expect(responses.map((r) => r.status)).toEqual([201, 422, 201]);
    const [a, refused, c] = (await Promise.all(responses.map((r) => r.json()))) as Array<{
      logIndex: number;
      error?: { code: string };
    }>;
    expect(refused?.error?.code).toBe('policy.refused');
    expect(Math.abs((a?.logIndex as number) - (c?.logIndex as number))).toBe(1);
  });
});
