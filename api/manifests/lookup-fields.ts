/** The columns lookups use and the leaf's subject digest, read from a parsed claim. */
import type { Claim } from '../../core/manifest/claim.ts';

export interface LookupFields {
  mediaSha256: string | null;
  pixelsSha256: string | null;
  phash: string | null;
  pdq: string | null;
  parentId: string | null;
  createdAt: number | null;
  /** Leaf subject digest: the media file hash, else the transcribed recording's claim digest, else the claim's. */
  subjectDigest: string;
}

export function lookupFields(claim: Claim, claimDigestHex: string): LookupFields {
  const c = claim as Record<string, unknown> & {
    asset?: { sha256?: string; raster?: { sha256?: string }; fingerprints?: { phash?: string; pdq?: string } };
    parent?: { manifestId?: string };
    recording?: { claimDigest?: string };
    createdAt?: number;
  };
  const mediaSha256 = c.asset?.sha256 ?? null;
  return {
    mediaSha256,
    pixelsSha256: c.asset?.raster?.sha256 ?? null,
    phash: c.asset?.fingerprints?.phash ?? null,
    pdq: c.asset?.fingerprints?.pdq ?? null,
    parentId: c.parent?.manifestId ?? null,
    createdAt: typeof c.createdAt === 'number' ? c.createdAt : null,
    subjectDigest: mediaSha256 ?? c.recording?.claimDigest ?? claimDigestHex,
  };
}
