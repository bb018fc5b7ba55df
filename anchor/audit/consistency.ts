/** Successive anchors must be consistent: the log proves each anchored tree is a prefix of the next (RFC 9162). */
import { hexToBytes } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { verifyConsistency } from '../../core/merkle/index.ts';
import type { ChainAnchor } from './chain-history.ts';
import { type Finding, finding } from './codes.ts';
import type { LogApi } from './log-api.ts';

export async function checkConsistency(api: LogApi, anchors: readonly ChainAnchor[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let k = 1; k < anchors.length; k++) {
    const a = anchors[k - 1] as ChainAnchor;
    const b = anchors[k] as ChainAnchor;
    if (b.treeSize <= a.treeSize) continue; // reported by the chain checks
    let ok: boolean;
    try {
      const proof = (await api.consistency(a.treeSize, b.treeSize)).map((h) => hexToBytes(h));
      ok = verifyConsistency(a.treeSize, b.treeSize, hexToBytes(a.root), hexToBytes(b.root), proof);
    } catch (e) {
      if (!isProvenantError(e) || e.code === 'db.unavailable') throw e;
      // A refused or malformed proof: an honest log can always prove its anchored trees consistent.
      findings.push(
        finding('audit.consistency.invalid', `no valid proof ${a.treeSize} → ${b.treeSize} (${e.code})`, {
          seq: b.seq,
        }),
      );
      continue;
    }
    if (!ok) {
      findings.push(finding('audit.consistency.invalid', `proof ${a.treeSize} → ${b.treeSize} fails`, { seq: b.seq }));
    }
  }
  return findings;
}
