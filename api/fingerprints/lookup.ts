/** Nearest perceptual matches by multi-index hashing: probe each chunk column, re-rank by exact Hamming distance. */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { fingerprints, manifests } from '../db/schema/index.ts';
import { FINGERPRINT_KINDS, type FingerprintKind, fingerprintChunks, probeSets } from './multi-index.ts';

const t = fingerprints;
const CHUNK_COLUMNS: Record<FingerprintKind, PgColumn[]> = {
  phash: [t.ph0, t.ph1, t.ph2],
  pdq: [t.pdq0, t.pdq1, t.pdq2, t.pdq3, t.pdq4, t.pdq5, t.pdq6, t.pdq7, t.pdq8, t.pdq9, t.pdq10],
};

/** The fingerprints row a manifest with these hashes gets. */
export function fingerprintRow(manifestId: string, phash: string, pdq: string): typeof fingerprints.$inferInsert {
  const row: Record<string, string | number> = { manifestId, phash, pdq };
  for (const kind of ['phash', 'pdq'] as const) {
    const hex = kind === 'phash' ? phash : pdq;
    fingerprintChunks(hex, FINGERPRINT_KINDS[kind].chunkBits).forEach((v, i) => {
      row[`${kind === 'phash' ? 'ph' : 'pdq'}${i}`] = v;
    });
  }
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
  // One array literal per column (integers only) instead of thousands of bind parameters.
  const probes = or(
    ...probeSets(kind, hex, maxDistance).map(
      (values, i) => sql`${columns[i] as PgColumn} = any(${`{${values.join(',')}}`}::integer[])`,
    ),
  );
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
