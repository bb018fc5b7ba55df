/**
 * `provenant audit`: replays the anchored history from the chain and checks the log API against it. Everything
 * the API says is checked against the chain (read through an RPC the auditor chooses) or against core's proofs.
 */
import { hexToBytes } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { decodeLeaf, type LogLeaf } from '../../core/log/index.ts';
import { connectAnchor } from '../client.ts';
import { type ChainAnchor, readChainHistory } from './chain-history.ts';
import { AUDIT_CODES, type Finding } from './codes.ts';
import { checkConsistency } from './consistency.ts';
import { auditEntries } from './entries.ts';
import { LogApi } from './log-api.ts';
import { checkReceipts, type ReceiptFile, readReceipts } from './receipts.ts';
import { checkServedCheckpoints } from './served-checkpoints.ts';

export interface AuditOptions {
  api: string;
  rpc: string;
  contract: string;
  /** Rebuild the whole tree from GET /v1/log/entries and check every entry. */
  full?: boolean;
  /** Directory of submission receipt JSON files. */
  receiptsDir?: string;
  /** The log's C2SP verifier key: when given, checkpoint notes and receipts must be signed by it. */
  logKey?: string;
  maxLagMs?: number;
  skewMs?: number;
  now?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditReport {
  /** True iff there is no failure finding. */
  consistent: boolean;
  chainId: number;
  contract: string;
  anchors: number;
  finalizedAnchors: number;
  anchoredSize: number;
  /** Entries served (full audit only). */
  entries: number | null;
  findings: Finding[];
}

/** Defaults: an anchor may trail its checkpoint by up to the API's default anchor deadline (15 min). */
export const DEFAULT_MAX_LAG_MS = 15 * 60_000;
export const DEFAULT_SKEW_MS = 60_000;

export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const api = new LogApi(options.api);
  const client = await connectAnchor({ rpcUrl: options.rpc, address: options.contract });
  try {
    const chainId = Number((await client.provider.getNetwork()).chainId);
    const history = await readChainHistory(client);
    const { anchors } = history;
    const findings: Finding[] = [...history.findings];
    findings.push(...(await checkConsistency(api, anchors)));

    const receiptFiles = options.receiptsDir ? readReceipts(options.receiptsDir) : { receipts: [], findings: [] };
    findings.push(...receiptFiles.findings);
    const served = await api.checkpoints();

    let entries: number | null = null;
    let rebuilt: Map<number, string> | null = null;
    let leaves: Map<number, LogLeaf | null>;
    if (options.full) {
      const result = await auditEntries(api, anchors, {
        maxLagMs: options.maxLagMs ?? DEFAULT_MAX_LAG_MS,
        skewMs: options.skewMs ?? DEFAULT_SKEW_MS,
        keep: new Set(receiptFiles.receipts.map((r) => r.body.logIndex)),
        extraSizes: served.map((c) => c.treeSize),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      findings.push(...result.findings);
      entries = result.treeSize;
      rebuilt = result.roots;
      leaves = result.kept;
    } else {
      leaves = await fetchLeaves(api, receiptFiles.receipts);
    }
    findings.push(
      ...checkServedCheckpoints(
        served,
        anchors,
        { chainId, contract: client.address },
        rebuilt,
        options.logKey ?? null,
      ),
    );
    findings.push(
      ...checkReceipts(receiptFiles.receipts, leaves, anchors, options.logKey ?? null, options.now ?? Date.now()),
    );
    return {
      consistent: !findings.some((f) => AUDIT_CODES[f.code].kind === 'failure'),
      chainId,
      contract: client.address,
      anchors: anchors.length,
      finalizedAnchors: anchors.filter((a: ChainAnchor) => a.finalized).length,
      anchoredSize: anchors.at(-1)?.treeSize ?? 0,
      entries,
      findings,
    };
  } finally {
    client.provider.destroy();
  }
}

async function fetchLeaves(api: LogApi, receipts: readonly ReceiptFile[]): Promise<Map<number, LogLeaf | null>> {
  const out = new Map<number, LogLeaf | null>();
  for (const r of receipts) {
    const i = r.body.logIndex;
    if (out.has(i)) continue;
    let leaf: LogLeaf | null = null;
    try {
      const page = await api.entries(i, i + 1);
      const served = page.entries.find((e) => e.index === i);
      leaf = served ? decodeLeaf(hexToBytes(served.leaf)) : null;
    } catch (e) {
      // Beyond the log (refused) or undecodable: either way not the receipted entry.
      if (isProvenantError(e, 'db.unavailable')) throw e;
      leaf = null;
    }
    out.set(i, leaf);
  }
  return out;
}
