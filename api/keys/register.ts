/**
 * POST /v1/keys and POST /v1/keys/{id}/revocations. Key statements must be self-signed; an endorsed key needs its
 * (already registered, unrevoked) endorser's signature; an unendorsed org key needs ADMIN_TOKEN. Revocations are
 * signed by the key itself or by its endorser. Each accepted statement is stored as canonical bytes and logged.
 */
import { and, eq } from 'drizzle-orm';
import { base64urlToBytes, bytesToHex, fromUtf8 } from '../../core/bytes.ts';
import { canonicalBytes, parseJson } from '../../core/canonical.ts';
import { checkKeyStatement } from '../../core/crypto/key-statement.ts';
import { checkRevocation } from '../../core/crypto/revocation.ts';
import { ProvenantError } from '../../core/errors.ts';
import { sha256 } from '../../core/hash.ts';
import { revocationSubject } from '../../core/log/index.ts';
import { FAST_VERIFIER } from '../crypto/fast-verify.ts';
import { keys, revocations } from '../db/schema/index.ts';
import type { Services } from '../services.ts';
import { assertAdmin } from './auth.ts';

const MAX_STATEMENT_CHARS = 64 * 1024;

export interface Logged {
  created: boolean;
  logIndex: number;
  digest: string;
}

function readJson(body: Uint8Array): unknown {
  let text: string;
  try {
    text = fromUtf8(body);
  } catch (cause) {
    throw new ProvenantError('json.invalid', 'body is not UTF-8', { cause });
  }
  return parseJson(text, MAX_STATEMENT_CHARS);
}

export async function registerKey(
  s: Services,
  body: Uint8Array,
  authorization: string | undefined,
): Promise<Logged & { keyId: string }> {
  const input = readJson(body);
  const check = checkKeyStatement(input, FAST_VERIFIER);
  const { statement } = check;
  if (!check.selfSigned)
    throw new ProvenantError('input.invalid', 'a key statement needs a valid self signature', {
      details: ['signatures: self'],
    });
  if (statement.endorsedBy !== undefined) {
    if (!check.endorserSigned)
      throw new ProvenantError('input.invalid', 'the endorser signature does not verify', {
        details: ['signatures: endorser'],
      });
    const [endorser] = await s.db.select({ status: keys.status }).from(keys).where(eq(keys.id, statement.endorsedBy));
    if (endorser?.status !== 'active') {
      throw new ProvenantError('policy.refused', 'the endorser is not a registered, active key', {
        details: ['statement.endorsedBy'],
      });
    }
  } else if (statement.subject.kind === 'org') {
    assertAdmin(authorization, s.config.ADMIN_TOKEN);
  }
  s.limitKeys([statement.keyId]);
  const envelopeBytes = canonicalBytes(input);
  const publicKey = base64urlToBytes(statement.publicKey);
  return s.sequencer.append<Logged & { keyId: string }>({
    run: async (tx, { receivedAt, nextIndex }) => {
      const [existing] = await tx.select().from(keys).where(eq(keys.id, statement.keyId));
      if (existing) {
        if (existing.statementDigest !== check.digest)
          throw new ProvenantError('conflict', 'this key already has a different statement');
        return {
          leaves: [],
          result: { created: false, logIndex: existing.logIndex, digest: check.digest, keyId: statement.keyId },
        };
      }
      await tx.insert(keys).values({
        id: statement.keyId,
        alg: statement.alg,
        publicKey,
        statementBytes: envelopeBytes,
        statementDigest: check.digest,
        subjectName: statement.subject.name,
        subjectKind: statement.subject.kind,
        endorsedBy: statement.endorsedBy ?? null,
        status: 'active',
        receivedAt,
        logIndex: nextIndex,
      });
      return {
        leaves: [
          {
            kind: 'keyStatement',
            manifestDigest: check.digest,
            subjectDigest: bytesToHex(sha256(publicKey)),
            signer: statement.keyId,
          },
        ],
        result: { created: true, logIndex: nextIndex, digest: check.digest, keyId: statement.keyId },
      };
    },
  });
}

export async function revokeKey(s: Services, keyId: string, body: Uint8Array): Promise<Logged> {
  const input = readJson(body);
  const [key] = await s.db.select().from(keys).where(eq(keys.id, keyId));
  if (!key) throw new ProvenantError('notFound', 'no such key');
  const check = checkRevocation(input, key.endorsedBy ?? undefined, FAST_VERIFIER);
  if (check.statement.keyId !== keyId)
    throw new ProvenantError('input.invalid', 'the revocation names another key', { details: ['statement.keyId'] });
  if (check.signedBy === null) {
    throw new ProvenantError('input.invalid', 'a revocation must be signed by the key or its endorser', {
      details: ['signatures'],
    });
  }
  const signer = check.signedBy === 'self' ? keyId : (key.endorsedBy as string);
  s.limitKeys([signer]);
  const statementBytes = canonicalBytes(input);
  return s.sequencer.append<Logged>({
    run: async (tx, { receivedAt, nextIndex }) => {
      const [existing] = await tx.select().from(revocations).where(eq(revocations.digest, check.digest));
      if (existing)
        return { leaves: [], result: { created: false, logIndex: existing.logIndex, digest: check.digest } };
      await tx.insert(revocations).values({
        digest: check.digest,
        keyId,
        statementBytes,
        effectiveAt: check.statement.effectiveAt,
        receivedAt,
        logIndex: nextIndex,
      });
      await tx
        .update(keys)
        .set({ status: 'revoked' })
        .where(and(eq(keys.id, keyId)));
      return {
        leaves: [{ kind: 'revocation', manifestDigest: check.digest, subjectDigest: revocationSubject(keyId), signer }],
        result: { created: true, logIndex: nextIndex, digest: check.digest },
      };
    },
  });
}
