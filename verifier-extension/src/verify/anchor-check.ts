/**
 * Anchoring: the API's inclusion proof is checked against its own (treeSize, root) first (a broken proof is a
 * failure whatever the chain says), then that checkpoint is authenticated from the chain at the `finalized` tag,
 * through a consistency proof when the chain's checkpoint is larger. Without a configured RPC the result is
 * `anchor.notChecked`: a proof that only agrees with the operator's own root proves nothing about the operator.
 */
import { hexToBytes } from '../../../core/bytes.ts';
import { isProvenantError } from '../../../core/errors.ts';
import { decodeLeaf, type LogLeaf, logLeafHash } from '../../../core/log/leaf.ts';
import { verifyConsistency, verifyInclusion } from '../../../core/merkle/index.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';
import type { ProofResponse, ProvenantApi } from './api-client.ts';
import type { BlockTag, ChainCheckpoint, ChainReader } from './chain-reader.ts';
import type { AnchorView } from './verdict.ts';

export interface AnchorResult {
  entries: StatusEntry[];
  view: AnchorView;
  /** The manifest's log leaf, when its inclusion is authenticated by a finalized checkpoint. */
  authenticatedLeaf: LogLeaf | null;
}

function emptyView(code: string, proof: ProofResponse | null): AnchorView {
  return {
    code,
    logIndex: proof?.index ?? null,
    treeSize: proof?.treeSize ?? null,
    chainId: null,
    contract: null,
    seq: null,
    block: null,
    anchoredAt: null,
    finalized: false,
  };
}

function only(code: Parameters<typeof status>[0], detail: string, proof: ProofResponse | null): AnchorResult {
  return { entries: [status(code, { detail })], view: emptyView(code, proof), authenticatedLeaf: null };
}

/** Checks the proof's leaf and path against the proof's own root; returns the leaf or a failure detail. */
function checkProofShape(manifestId: string, proof: ProofResponse): LogLeaf | string {
  try {
    const leafBytes = hexToBytes(proof.leaf);
    const leaf = decodeLeaf(leafBytes);
    if (leaf.kind !== 'manifest' || leaf.manifestDigest !== manifestId) return 'the log leaf is not this manifest’s';
    const ok = verifyInclusion(
      logLeafHash(leafBytes),
      proof.index,
      proof.treeSize,
      proof.inclusionPath.map((h) => hexToBytes(h)),
      hexToBytes(proof.rootHash),
    );
    return ok ? leaf : 'the inclusion path does not lead to the checkpoint root';
  } catch (e) {
    if (isProvenantError(e)) return `the proof is malformed (${e.code})`;
    throw e;
  }
}

/** Does the chain's checkpoint cover and agree with the proof's (treeSize, root)? null: it does not cover it yet. */
async function agrees(api: ProvenantApi, proof: ProofResponse, cp: ChainCheckpoint): Promise<boolean | null> {
  if (cp.treeSize < proof.treeSize) return null;
  if (cp.treeSize === proof.treeSize) return cp.root === proof.rootHash;
  const path = await api.consistency(proof.treeSize, cp.treeSize);
  try {
    return verifyConsistency(
      proof.treeSize,
      cp.treeSize,
      hexToBytes(proof.rootHash),
      hexToBytes(cp.root),
      path.map((h) => hexToBytes(h)),
    );
  } catch (e) {
    if (isProvenantError(e)) return false;
    throw e;
  }
}

export async function checkAnchor(
  manifestId: string,
  api: ProvenantApi,
  chain: ChainReader | null,
): Promise<AnchorResult> {
  const proof = await api.proof(manifestId);
  if (!proof) return only('anchor.pending', 'the log has not put this entry in a checkpoint yet', null);
  const leaf = checkProofShape(manifestId, proof);
  if (typeof leaf === 'string') return only('anchor.proof.invalid', leaf, proof);
  if (!chain) {
    return only(
      'anchor.notChecked',
      `logged at index ${proof.index}; no chain RPC is configured, so the log's checkpoint is not authenticated`,
      proof,
    );
  }
  try {
    const chainId = await chain.chainId();
    for (const tag of ['finalized', 'latest'] as const satisfies readonly BlockTag[]) {
      const cp = await chain.latestCheckpoint(tag);
      if (!cp) continue;
      const ok = await agrees(api, proof, cp);
      if (ok === null) continue;
      const block = await chain.blockNumber(tag);
      const view: AnchorView = {
        code: '',
        logIndex: proof.index,
        treeSize: cp.treeSize,
        chainId,
        contract: chain.contract,
        seq: cp.seq,
        block,
        anchoredAt: cp.anchoredAt,
        finalized: tag === 'finalized',
      };
      if (!ok) {
        const detail = `the log's checkpoint (size ${proof.treeSize}) disagrees with checkpoint ${cp.seq} on chain ${chainId}`;
        return {
          entries: [status('anchor.checkpoint.unauthenticated', { detail })],
          view: { ...view, code: 'anchor.checkpoint.unauthenticated', finalized: false },
          authenticatedLeaf: null,
        };
      }
      if (tag === 'latest') {
        const detail = `in checkpoint ${cp.seq} on chain ${chainId}, not yet in a finalized block`;
        return {
          entries: [status('anchor.pending', { detail })],
          view: { ...view, code: 'anchor.pending' },
          authenticatedLeaf: null,
        };
      }
      const where = `log index ${proof.index}, checkpoint ${cp.seq} (size ${cp.treeSize}) on chain ${chainId}`;
      return {
        entries: [
          status('anchor.included', { detail: where }),
          status('anchor.finalized', { detail: `finalized at block ${block}` }),
        ],
        view: { ...view, code: 'anchor.finalized' },
        authenticatedLeaf: leaf,
      };
    }
    return only('anchor.pending', `logged at index ${proof.index}; no anchored checkpoint covers it yet`, proof);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return only('anchor.notChecked', `the chain could not be read: ${reason}`, proof);
  }
}
