/**
 * Which logged manifests an uploaded file may belong to: the same file bytes, else (for a picture) the same decoded
 * pixels, else the nearest perceptual fingerprints. The signer's verifier then decides what the binding really is.
 */
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { isProvenantError } from '../../core/errors.ts';
import { claimFingerprints } from '../../core/image/fingerprints.ts';
import { rasterDigestHex } from '../../core/image/raster-digest.ts';
import { decodePhoto } from '../../signer/index.ts';
import type { Db } from '../db/client.ts';
import { manifests } from '../db/schema/index.ts';
import { nearestFingerprints } from '../fingerprints/lookup.ts';
import { FINGERPRINT_KINDS } from '../fingerprints/multi-index.ts';

export type CandidateMatch = 'file' | 'pixels' | 'fingerprint';

export interface Candidate {
  id: string;
  kind: string;
  logIndex: number;
  receivedAt: number;
  match: CandidateMatch;
  /** Fingerprint distance in bits (PDQ), for `fingerprint` matches. */
  distance?: number;
}

const MAX_CANDIDATES = 20;

const nodeSha256 = () => {
  const h = createHash('sha256');
  return { update: (d: Uint8Array) => h.update(d), digest: () => new Uint8Array(h.digest()) };
};

const SUMMARY = {
  id: manifests.id,
  kind: manifests.kind,
  logIndex: manifests.logIndex,
  receivedAt: manifests.receivedAt,
};

export async function findCandidates(db: Db, bytes: Uint8Array): Promise<Candidate[]> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const byFile = await db
    .select(SUMMARY)
    .from(manifests)
    .where(eq(manifests.mediaSha256, sha256))
    .orderBy(asc(manifests.logIndex))
    .limit(MAX_CANDIDATES);
  if (byFile.length > 0) return byFile.map((r) => ({ ...r, match: 'file' as const }));

  let image: Awaited<ReturnType<typeof decodePhoto>>['image'];
  try {
    image = (await decodePhoto(bytes, 'upload')).image;
  } catch (e) {
    // Not a picture (or not one sharp reads): only exact file matches apply.
    if (isProvenantError(e) && e.code.startsWith('media.')) return [];
    throw e;
  }
  const pixels = rasterDigestHex(image, nodeSha256);
  const byPixels = await db
    .select(SUMMARY)
    .from(manifests)
    .where(eq(manifests.pixelsSha256, pixels))
    .orderBy(asc(manifests.logIndex))
    .limit(MAX_CANDIDATES);
  if (byPixels.length > 0) return byPixels.map((r) => ({ ...r, match: 'pixels' as const }));

  const { pdq } = claimFingerprints(image);
  const near = await nearestFingerprints(db, 'pdq', pdq, FINGERPRINT_KINDS.pdq.defaultDistance, MAX_CANDIDATES);
  return near.map((r) => ({
    id: r.id,
    kind: r.kind,
    logIndex: r.logIndex,
    receivedAt: r.receivedAt,
    match: 'fingerprint' as const,
    distance: r.distance,
  }));
}
