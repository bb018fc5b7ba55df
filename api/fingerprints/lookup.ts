/** Nearest perceptual matches by multi-index hashing: probe each chunk column, re-rank by exact Hamming distance. */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { fingerprints, manifests } from '../db/schema/index.ts';
import { FINGERPRINT_KINDS, type FingerprintKind, fingerprintChunks, probeSets } from './multi-index.ts';

const t = fingerprints;
const CHUNK_COLUMNS: Record<FingerprintKind, PgColumn[]> = {
  phash: [t.p0, t.p1, t.p2, t.p3],
  pdq: [t.q0, t.q1, t.q2, t.q3, t.q4, t.q5, t.q6, t.q7, t.q8, t.q9, t.q10, t.q11, t.q12, t.q13, t.q14, t.q15],
};

/** The fingerprints row a manifest with these hashes gets. */
export function fingerprintRow(manifestId: string, phash: string, pdq: string): typeof fingerprints.$inferInsert {
  const p = fingerprintChunks(phash);
  const q = fingerprintChunks(pdq);
  const row: Record<string, string | number> = { manifestId, phash, pdq };
  p.forEach((v, i) => {
    row[`p${i}`] = v;
  });
  q.forEach((v, i) => {
    row[`q${i}`] = v;
  });
  return row as typeof fingerprints.$inferInsert;
}

export interface FingerprintMatch {
  id: string;
  kind: string;
  mediaSha256: string | null;
  pixelsSha256: string | null;
  parentId: string | null;
  logIndex: number;
  receivedAt: number;
  distance: number;
}

/** Up to `limit` manifests whose `kind` fingerprint is within `maxDistance` bits of `hex`, nearest first. */
export async function nearestFingerprints(
  db: Db,
  kind: FingerprintKind,
  hex: string,
  maxDistance: number,
  limit: number,
): Promise<FingerprintMatch[]> {
  const bits = FINGERPRINT_KINDS[kind].hexChars * 4;
  const stored = kind === 'phash' ? t.phash : t.pdq;
  const columns = CHUNK_COLUMNS[kind];
  const probes = or(...probeSets(hex, maxDistance).map((values, i) => inArray(columns[i] as PgColumn, values)));
  // The chunk probes select candidates through the indexes; the bit count is the exact distance of each.
  const distance = sql<number>`bit_count(('x' || ${stored})::bit(${sql.raw(String(bits))}) # ${`x${hex}`}::bit(${sql.raw(String(bits))}))::integer`;
  return db
    .select({
      id: manifests.id,
      kind: manifests.kind,
      mediaSha256: manifests.mediaSha256,
      pixelsSha256: manifests.pixelsSha256,
      parentId: manifests.parentId,
      logIndex: manifests.logIndex,
      receivedAt: manifests.receivedAt,
      distance,
    })
    .from(t)
    .innerJoin(manifests, eq(manifests.id, t.manifestId))
    .where(and(probes, sql`${distance} <= ${maxDistance}`))
    .orderBy(asc(distance), asc(manifests.logIndex))
    .limit(limit);
}
