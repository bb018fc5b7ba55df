/**
 * Reads the anchored history from the chain itself (events and contract state, never the API) and checks it is
 * one unbroken chain: sequence numbers 0..n−1, each event equal to checkpoint(seq), sizes strictly growing and
 * each anchor naming its predecessor's root.
 */
import type { AnchorClient } from '../client.ts';
import { type Finding, finding } from './codes.ts';

export interface ChainAnchor {
  seq: number;
  treeSize: number;
  /** 64 hex. */
  root: string;
  /** Block time, ms. */
  anchoredAt: number;
  finalized: boolean;
}

export async function readChainHistory(client: AnchorClient): Promise<{ anchors: ChainAnchor[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const events = await client.readAllCheckpoints();
  const count = await client.checkpointCount('latest');
  let finalizedCount = count;
  try {
    finalizedCount = await client.checkpointCount('finalized');
  } catch {
    // A node without the finalized tag: finality is not established, which the pending finding reports.
    finalizedCount = 0;
  }
  const anchors: ChainAnchor[] = [];
  let prev: ChainAnchor | null = null;
  for (let seq = 0; seq < count; seq++) {
    const state = await client.checkpoint(seq, 'latest');
    const matching = events.filter((e) => e.seq === seq);
    if (!state) continue;
    if (matching.length !== 1) {
      findings.push(finding('audit.chain.seqGap', `${matching.length} Anchored events for seq ${seq}`, { seq }));
    }
    const event = matching[0];
    if (event && (event.treeSize !== state.treeSize || event.root !== state.root)) {
      findings.push(finding('audit.chain.eventMismatch', `event and state differ at seq ${seq}`, { seq }));
    }
    const anchor: ChainAnchor = {
      seq,
      treeSize: state.treeSize,
      root: state.root,
      anchoredAt: state.anchoredAt * 1000,
      finalized: seq < finalizedCount,
    };
    if (prev && anchor.treeSize <= prev.treeSize) {
      findings.push(finding('audit.chain.sizeNotGrowing', `${prev.treeSize} → ${anchor.treeSize}`, { seq }));
    }
    const expectedPrev = prev ? prev.root : null;
    if (event && event.prevRoot !== expectedPrev) {
      findings.push(finding('audit.chain.linkBroken', `seq ${seq} names ${event.prevRoot}`, { seq }));
    }
    anchors.push(anchor);
    prev = anchor;
  }
  const extra = events.filter((e) => e.seq >= count);
  if (extra.length > 0) {
    findings.push(finding('audit.chain.seqGap', `${extra.length} events beyond checkpointCount ${count}`));
  }
  if (count === 0) findings.push(finding('audit.chain.noAnchors', 'no checkpoint anchored yet'));
  if (finalizedCount < count) {
    findings.push(finding('audit.chain.pending', `${count - finalizedCount} of ${count} anchors not yet finalized`));
  }
  return { anchors, findings };
}
