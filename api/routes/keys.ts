/** /v1/keys: key statements, their status and revocations. */
import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { bytesToBase64url, fromUtf8 } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { keys, revocations } from '../db/schema/index.ts';
import { bodyBytes } from '../http/params.ts';
import { registerKey, revokeKey } from '../keys/register.ts';
import type { Services } from '../services.ts';

const KEY_ID_RE = /^(?:[0-9a-f]{64}|0x[0-9a-fA-F]{40})$/;

function keyIdParam(value: string | undefined): string {
  if (value === undefined || !KEY_ID_RE.test(value)) {
    throw new ProvenantError('input.invalid', 'id must be a key id (64 hex digits or an EIP-55 address)', {
      details: ['id'],
    });
  }
  return value;
}

export function keyRoutes(s: Services): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const r = await registerKey(s, await bodyBytes(c), c.req.header('authorization'));
    return c.json({ keyId: r.keyId, digest: r.digest, logIndex: r.logIndex }, r.created ? 201 : 200);
  });

  app.get('/:id', async (c) => {
    const id = keyIdParam(c.req.param('id'));
    const [k] = await s.db.select().from(keys).where(eq(keys.id, id));
    if (!k) throw new ProvenantError('notFound', 'no such key');
    const revs = await s.db
      .select()
      .from(revocations)
      .where(eq(revocations.keyId, id))
      .orderBy(asc(revocations.logIndex));
    return c.json({
      keyId: k.id,
      alg: k.alg,
      publicKey: bytesToBase64url(k.publicKey),
      subject: { name: k.subjectName, kind: k.subjectKind },
      endorsedBy: k.endorsedBy,
      status: k.status,
      statement: JSON.parse(fromUtf8(k.statementBytes)),
      digest: k.statementDigest,
      logIndex: k.logIndex,
      receivedAt: k.receivedAt,
      revocations: revs.map((r) => ({
        digest: r.digest,
        effectiveAt: r.effectiveAt,
        statement: JSON.parse(fromUtf8(r.statementBytes)),
        logIndex: r.logIndex,
        receivedAt: r.receivedAt,
      })),
    });
  });

  app.post('/:id/revocations', async (c) => {
    const id = keyIdParam(c.req.param('id'));
    const r = await revokeKey(s, id, await bodyBytes(c));
    return c.json({ keyId: id, digest: r.digest, logIndex: r.logIndex }, r.created ? 201 : 200);
  });

  return app;
}
