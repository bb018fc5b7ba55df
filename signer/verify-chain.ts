/**
 * The chain entry of a derivative's report: transform.parent.missing, transform.chain.broken (also when an ancestor
 * carries no valid signature) or transform.chain.ok naming the capture. Shared by photo and clip derivatives.
 */
import type { Claim } from '../core/manifest/claim.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { type StatusEntry, status } from '../core/report/entry.ts';
import type { ChainResultOf } from './derive/chain.ts';

export function chainEntry(chain: ChainResultOf<Claim>): { entry: StatusEntry; ok: boolean } {
  if (chain.status !== 'ok') {
    return {
      ok: false,
      entry:
        chain.status === 'missing'
          ? status('transform.parent.missing', { subject: chain.at, detail: `${chain.detail} (pass --parent)` })
          : status('transform.chain.broken', { subject: chain.at, detail: chain.detail }),
    };
  }
  const unsigned = chain.links
    .slice(0, -1)
    .filter((l) => validKeyIds(verifyManifestSignatures(l)).length === 0)
    .map((l) => l.id);
  if (unsigned.length > 0) {
    return {
      ok: false,
      entry: status('transform.chain.broken', {
        subject: unsigned[0],
        detail: `${unsigned.length} ancestor manifest(s) carry no valid signature`,
      }),
    };
  }
  return {
    ok: true,
    entry: status('transform.chain.ok', {
      subject: chain.capture.id,
      detail: `${chain.links.length - 1} edit(s) from capture ${chain.capture.id.slice(0, 16)}`,
    }),
  };
}
