/** /v1/manifests: submission, co-signatures, reads, inclusion proofs and lookups. */
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { bytesToBase64url, bytesToHex, fromUtf8 } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import type { Claim } from '../../core/manifest/claim.ts';
import { evaluateCosigning, unexpectedSigners } from '../../core/manifest/cosigning.ts';
import { inclusionProof } from '../../core/merkle/index.ts';
import { keys, manifests, signatures } from '../db/schema/index.ts';
import { nearestFingerprints } from '../fingerprints/lookup.ts';
import { FINGERPRINT_KINDS, fingerprintKindOf } from '../fingerprints/multi-index.ts';
import { bodyBytes, hex64Param, intParam } from '../http/params.ts';
import { proofCheckpoint } from '../log/proof-checkpoint.ts';
import { leafHashes } from '../log/read.ts';
import { addSignature } from '../manifests/cosign.ts';
import { submitManifest } from '../manifests/submit.ts';
import type { Services } from '../services.ts';
import { checkpointJson } from './log.ts';

/** Lookups return every candidate up to this many, then say `truncated`. */
export const MAX_LOOKUP_RESULTS = 1000;
/** Perceptual matches are ranked, so the nearest this many are enough. */
export const MAX_FINGERPRINT_MATCHES = 100;
const PREFIX_RE = /^[0-9a-f]{4,8}$/;

type Row = typeof manifests.$inferSelect;

function summary(
  r: Pick<Row, 'id' | 'kind' | 'mediaSha256' | 'pixelsSha256' | 'parentId' | 'logIndex' | 'receivedAt'>,
) {
  return {
    id: r.id,
    kind: r.kind,
    mediaSha256: r.mediaSha256,
    pixelsSha256: r.pixelsSha256,
    parentId: r.parentId,
    logIndex: r.logIndex,
    receivedAt: r.receivedAt,
  };
}

const SUMMARY = {
  id: manifests.id,
  kind: manifests.kind,
  mediaSha256: manifests.mediaSha256,
  pixelsSha256: manifests.pixelsSha256,
  parentId: manifests.parentId,
  logIndex: manifests.logIndex,
  receivedAt: manifests.receivedAt,
};

export function manifestRoutes(s: Services): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const r = await submitManifest(s, await bodyBytes(c));
    return c.json({ id: r.id, logIndex: r.logIndex, receipt: r.receipt }, r.created ? 201 : 200);
  });

  app.get('/', async (c) => {
    const q = c.req.query();
    const keys = ['sha256Prefix', 'pixelsSha256', 'fingerprint', 'key', 'parent'].filter((k) => q[k] !== undefined);
    if (keys.length !== 1) {
      throw new ProvenantError(
        'input.invalid',
        'give exactly one of sha256Prefix, pixelsSha256, fingerprint, key, parent',
        { details: keys },
      );
    }
    if (q.maxDistance !== undefined && q.fingerprint === undefined) {
      throw new ProvenantError('input.invalid', 'maxDistance goes with fingerprint', { details: ['maxDistance'] });
    }
    const limit = MAX_LOOKUP_RESULTS + 1;
    let rows: Awaited<ReturnType<typeof selectSummaries>>;
    const selectSummaries = () => s.db.select(SUMMARY).from(manifests);
    if (q.sha256Prefix !== undefined) {
      const p = q.sha256Prefix;
      if (!PREFIX_RE.test(p))
        throw new ProvenantError('input.invalid', 'sha256Prefix must be 4 to 8 lower-case hex digits', {
          details: ['sha256Prefix'],
        });
      // Lower-case hex sorts below 'g', so [p, p + 'g') is exactly the strings starting with p (index range scan).
      rows = await selectSummaries()
        .where(and(gte(manifests.mediaSha256, p), lt(manifests.mediaSha256, `${p}g`)))
        .orderBy(asc(manifests.logIndex))
        .limit(limit);
    } else if (q.pixelsSha256 !== undefined) {
      rows = await selectSummaries()
        .where(eq(manifests.pixelsSha256, hex64Param(q.pixelsSha256, 'pixelsSha256')))
        .orderBy(asc(manifests.logIndex))
        .limit(limit);
    } else if (q.fingerprint !== undefined) {
      const kind = fingerprintKindOf(q.fingerprint);
      const bounds = FINGERPRINT_KINDS[kind];
      const maxDistance = intParam(q.maxDistance, 'maxDistance', { fallback: bounds.defaultDistance });
      if (maxDistance > bounds.maxDistance) {
        throw new ProvenantError('input.invalid', `maxDistance for ${kind} is at most ${bounds.maxDistance}`, {
          details: ['maxDistance'],
        });
      }
      const matches = await nearestFingerprints(s.db, kind, q.fingerprint, maxDistance, MAX_FINGERPRINT_MATCHES + 1);
      return c.json({
        fingerprintKind: kind,
        maxDistance,
        manifests: matches.slice(0, MAX_FINGERPRINT_MATCHES),
        truncated: matches.length > MAX_FINGERPRINT_MATCHES,
      });
    } else if (q.parent !== undefined) {
      rows = await selectSummaries()
        .where(eq(manifests.parentId, hex64Param(q.parent, 'parent')))
        .orderBy(asc(manifests.logIndex))
        .limit(limit);
    } else {
      const key = q.key as string;
      if (key.length === 0 || key.length > 66)
        throw new ProvenantError('input.invalid', 'key must be a key id', { details: ['key'] });
      rows = await s.db
        .selectDistinct(SUMMARY)
        .from(manifests)
        .innerJoin(signatures, eq(signatures.manifestId, manifests.id))
        .where(eq(signatures.keyId, key))
        .orderBy(asc(manifests.logIndex))
        .limit(limit);
    }
    return c.json({
      manifests: rows.slice(0, MAX_LOOKUP_RESULTS).map(summary),
      truncated: rows.length > MAX_LOOKUP_RESULTS,
    });
  });

  app.get('/:id', async (c) => {
    const id = hex64Param(c.req.param('id'), 'id');
    const [m] = await s.db.select().from(manifests).where(eq(manifests.id, id));
    if (!m) throw new ProvenantError('notFound', 'no such manifest');
    const sigs = await s.db
      .select()
      .from(signatures)
      .where(eq(signatures.manifestId, id))
      .orderBy(asc(signatures.logIndex));
    const claim = JSON.parse(fromUtf8(m.claimBytes)) as Claim;
    // Every stored entry verified on arrival, so each signer key id counts as a valid signature.
    const signers = [...new Set(sigs.map((g) => g.keyId))];
    const revoked = signers.length
      ? await s.db
          .select({ id: keys.id })
          .from(keys)
          .where(and(inArray(keys.id, signers), eq(keys.status, 'revoked')))
      : [];
    return c.json({
      ...summary(m),
      claimBytes: bytesToBase64url(m.claimBytes),
      claim,
      status: {
        cosigning: [evaluateCosigning(claim, signers), ...unexpectedSigners(claim, signers)],
        revokedSigners: revoked.map((r) => r.id),
      },
      signatures: sigs.map((g) => ({
        entry: JSON.parse(fromUtf8(g.entryBytes)),
        entryDigest: g.entryDigest,
        logIndex: g.logIndex,
        receivedAt: g.receivedAt,
      })),
    });
  });

  app.post('/:id/signatures', async (c) => {
    const id = hex64Param(c.req.param('id'), 'id');
    const r = await addSignature(s, id, await bodyBytes(c));
    return c.json({ id, logIndex: r.logIndex, receivedAt: r.receivedAt }, r.created ? 201 : 200);
  });

  app.get('/:id/proof', async (c) => {
    const id = hex64Param(c.req.param('id'), 'id');
    const [m] = await s.db.select({ logIndex: manifests.logIndex }).from(manifests).where(eq(manifests.id, id));
    if (!m) throw new ProvenantError('notFound', 'no such manifest');
    let cp = await proofCheckpoint(s.db, m.logIndex);
    if (!cp) {
      await s.integrator.integrate();
      cp = await proofCheckpoint(s.db, m.logIndex);
    }
    if (!cp) throw new ProvenantError('conflict', 'entry not yet in a checkpoint');
    const hashes = await leafHashes(s.db, cp.treeSize);
    const [leafRow] = await s.db.query.logEntries.findMany({
      where: (e, { eq: is }) => is(e.idx, m.logIndex),
      limit: 1,
    });
    if (!leafRow) throw new ProvenantError('internal', 'log entry missing');
    return c.json({
      index: m.logIndex,
      leaf: bytesToHex(leafRow.leaf),
      treeSize: cp.treeSize,
      rootHash: bytesToHex(cp.rootHash),
      inclusionPath: inclusionProof(hashes, m.logIndex).map(bytesToHex),
      checkpoint: checkpointJson(cp),
    });
  });

  return app;
}
