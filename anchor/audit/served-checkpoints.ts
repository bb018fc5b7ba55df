/**
 * Split view: the checkpoints the API serves to this client must agree with the chain (same root at an anchored
 * size, the anchor they cite is that checkpoint) and, in a full audit, with the tree rebuilt from the entries.
 * With the log's verifier key, each note must also be signed by it and state the same (size, root).
 */
import { bytesToHex } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { openNote } from '../../core/log/index.ts';
import type { ChainAnchor } from './chain-history.ts';
import { type Finding, finding } from './codes.ts';
import type { ServedCheckpoint } from './log-api.ts';

export function checkServedCheckpoints(
  served: readonly ServedCheckpoint[],
  anchors: readonly ChainAnchor[],
  chain: { chainId: number; contract: string },
  rebuiltRoots: ReadonlyMap<number, string> | null,
  logKey: string | null,
): Finding[] {
  const findings: Finding[] = [];
  const bySize = new Map(anchors.map((a) => [a.treeSize, a]));
  for (const cp of served) {
    const where = { seq: cp.anchor?.seq ?? undefined };
    const split = (why: string) =>
      findings.push(finding('audit.checkpoint.splitView', `checkpoint ${cp.treeSize}: ${why}`, strip(where)));
    const anchored = bySize.get(cp.treeSize);
    if (anchored && anchored.root !== cp.rootHash) split(`root ${cp.rootHash}, the chain anchors ${anchored.root}`);
    const a = cp.anchor;
    if (a && a.chainId === chain.chainId && a.contract.toLowerCase() === chain.contract.toLowerCase()) {
      const cited = anchors[a.seq];
      if (!cited || cited.treeSize !== cp.treeSize || cited.root !== cp.rootHash) {
        split(`cites anchor ${a.seq}, which is not this checkpoint`);
      }
    }
    // At an anchored size the chain is the reference (rebuilt ≠ anchored is audit.root.mismatch, not a split view).
    const rebuilt = anchored ? undefined : rebuiltRoots?.get(cp.treeSize);
    if (rebuilt !== undefined && rebuilt !== cp.rootHash)
      split(`root ${cp.rootHash}, the served entries give ${rebuilt}`);
    if (logKey) {
      try {
        const opened = openNote(cp.note, [logKey]);
        const ok =
          opened.verifiedBy.length > 0 &&
          opened.checkpoint.treeSize === cp.treeSize &&
          bytesToHex(opened.checkpoint.rootHash) === cp.rootHash;
        if (!ok) findings.push(finding('audit.checkpoint.badSignature', `checkpoint ${cp.treeSize}`, strip(where)));
      } catch (e) {
        if (!isProvenantError(e)) throw e;
        findings.push(finding('audit.checkpoint.badSignature', `checkpoint ${cp.treeSize}: ${e.code}`, strip(where)));
      }
    }
  }
  return findings;
}

function strip(where: { seq: number | undefined }): { seq?: number } {
  return where.seq === undefined ? {} : { seq: where.seq };
}
