/**
 * The full audit of the served log: pages through every entry, rebuilds the tree from the leaf bytes and compares
 * it with every anchored root, and checks each entry against what is served about it (the manifest hashes to its
 * leaf and is served at that index, its signatures verify) and against the anchored timeline (receivedAt).
 */
import { base64urlToBytes, bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { verifySignatureEntry } from '../../core/crypto/signature-entry.ts';
import { isProvenantError } from '../../core/errors.ts';
import { taggedHash } from '../../core/hash.ts';
import { decodeLeaf, type LogLeaf } from '../../core/log/index.ts';
import type { ChainAnchor } from './chain-history.ts';
import { type Finding, finding } from './codes.ts';
import { ENTRIES_PAGE, type LogApi, type ServedManifest } from './log-api.ts';
import { TreeRebuilder } from './rebuild.ts';

export interface EntryAuditOptions {
  /** How long an anchor may trail the checkpoint it publishes (ms): the slack of the lower receivedAt bound. */
  maxLagMs: number;
  /** Clock difference tolerated between the log and block timestamps (ms). */
  skewMs: number;
  /** Log indices whose leaves the caller wants back (receipt checks). */
  keep?: ReadonlySet<number>;
  /** Sizes whose rebuilt roots the caller wants back (served checkpoints). */
  extraSizes?: Iterable<number>;
  onProgress?: (done: number, total: number) => void;
}

export interface EntryAuditResult {
  findings: Finding[];
  treeSize: number;
  roots: Map<number, string>;
  kept: Map<number, LogLeaf>;
}

export async function auditEntries(
  api: LogApi,
  anchors: readonly ChainAnchor[],
  options: EntryAuditOptions,
): Promise<EntryAuditResult> {
  const findings: Finding[] = [];
  const anchoredSize = anchors.at(-1)?.treeSize ?? 0;
  const rebuilder = new TreeRebuilder([...anchors.map((a) => a.treeSize), ...(options.extraSizes ?? [])]);
  const kept = new Map<number, LogLeaf>();
  const manifests = new ManifestCache(api);
  let treeSize = (await api.entries(0, 0)).treeSize;
  if (treeSize < anchoredSize) {
    findings.push(finding('audit.log.truncated', `serves ${treeSize} entries, ${anchoredSize} were anchored`));
  }
  let batch = 0; // anchors[batch] is the first anchor whose tree contains the current index
  let lastReceivedAt = Number.NEGATIVE_INFINITY;
  for (let start = 0; start < treeSize; start += ENTRIES_PAGE) {
    const page = await api.entries(start, Math.min(treeSize, start + ENTRIES_PAGE));
    treeSize = Math.max(treeSize, page.treeSize);
    const byIndex = new Map(page.entries.map((e) => [e.index, e]));
    await manifests.prefetch(page.entries.map((e) => e.leaf));
    const end = Math.min(treeSize, start + ENTRIES_PAGE);
    for (let index = start; index < end; index++) {
      const served = byIndex.get(index);
      if (!served) {
        findings.push(finding('audit.entry.missing', `no entry at index ${index}`, { index }));
        // The tree cannot be rebuilt past a hole: every later anchored root is unverifiable.
        return { findings, treeSize, roots: rebuilder.roots, kept };
      }
      const bytes = hexToBytes(served.leaf);
      rebuilder.append(bytes);
      let leaf: LogLeaf;
      try {
        leaf = decodeLeaf(bytes);
      } catch {
        findings.push(finding('audit.entry.malformed', `leaf ${index} does not decode`, { index }));
        continue;
      }
      if (options.keep?.has(index)) kept.set(index, leaf);
      while (batch < anchors.length && (anchors[batch] as ChainAnchor).treeSize <= index) batch++;
      checkTime(leaf, index, anchors, batch, lastReceivedAt, options, findings);
      lastReceivedAt = Math.max(lastReceivedAt, leaf.receivedAt);
      await checkServed(leaf, index, manifests, findings);
    }
    options.onProgress?.(end, treeSize);
  }
  for (const a of anchors) {
    const root = rebuilder.roots.get(a.treeSize);
    if (root !== undefined && root !== a.root) {
      findings.push(finding('audit.root.mismatch', `served leaves give ${root} at size ${a.treeSize}`, { seq: a.seq }));
    }
  }
  return { findings, treeSize, roots: rebuilder.roots, kept };
}

/**
 * Entry `index` first appears in anchor `batch`: it was received before that anchor's block (upper bound) and
 * after the checkpoint of the previous anchor was signed, which is at most maxLagMs before that anchor's block
 * (lower bound). The sequencer stamps entries in index order, so receivedAt never decreases either.
 */
function checkTime(
  leaf: LogLeaf,
  index: number,
  anchors: readonly ChainAnchor[],
  batch: number,
  lastReceivedAt: number,
  options: EntryAuditOptions,
  findings: Finding[],
): void {
  const t = leaf.receivedAt;
  const prev = anchors[batch - 1];
  const including = anchors[batch];
  if (t < lastReceivedAt - options.skewMs) {
    findings.push(finding('audit.entry.backdated', `receivedAt ${t} precedes entry ${index - 1}'s`, { index }));
  } else if (prev && t < prev.anchoredAt - options.maxLagMs) {
    findings.push(
      finding('audit.entry.backdated', `receivedAt ${t} is before anchor ${prev.seq} (${prev.anchoredAt})`, { index }),
    );
  }
  // Block timestamps have one-second resolution.
  if (including && t > including.anchoredAt + 999 + options.skewMs) {
    findings.push(
      finding('audit.entry.postdated', `receivedAt ${t} is after anchor ${including.seq} (${including.anchoredAt})`, {
        index,
      }),
    );
  }
}

async function checkServed(leaf: LogLeaf, index: number, cache: ManifestCache, findings: Finding[]): Promise<void> {
  if (leaf.kind !== 'manifest' && leaf.kind !== 'cosignature') return;
  const id = leaf.manifestDigest;
  const m = await cache.get(id);
  if (!m) {
    findings.push(finding('audit.manifest.missing', `manifest ${id} is not served`, { index, manifestId: id }));
    return;
  }
  if (m.digest !== id) {
    findings.push(finding('audit.manifest.mismatch', `served claim hashes to ${m.digest}`, { index, manifestId: id }));
    return;
  }
  if (leaf.kind === 'manifest') {
    if (m.served.logIndex !== index) {
      findings.push(
        finding('audit.entry.reordered', `manifest ${id} is recorded at ${m.served.logIndex}, logged at ${index}`, {
          index,
          manifestId: id,
        }),
      );
    }
    for (const bad of m.badSignatures) {
      findings.push(
        finding('audit.signature.invalid', `signature at ${bad} does not verify`, { index, manifestId: id }),
      );
    }
    return;
  }
  const sig = m.served.signatures.find((s) => s.entryDigest === leaf.subjectDigest);
  if (!sig) {
    findings.push(
      finding('audit.cosignature.missing', `co-signature ${leaf.subjectDigest}`, { index, manifestId: id }),
    );
  } else if (sig.logIndex !== index) {
    findings.push(
      finding('audit.entry.reordered', `co-signature recorded at ${sig.logIndex}`, { index, manifestId: id }),
    );
  }
}

interface CheckedManifest {
  served: ServedManifest;
  digest: string;
  badSignatures: number[];
}

const PREFETCH_CONCURRENCY = 16;

/** Each manifest fetched and checked once (co-signature leaves refer back to it). */
class ManifestCache {
  readonly #api: LogApi;
  readonly #seen = new Map<string, CheckedManifest | null>();

  constructor(api: LogApi) {
    this.#api = api;
  }

  /** Fetches (PREFETCH_CONCURRENCY at a time) the manifests a page of leaves refers to. */
  async prefetch(leafHex: readonly string[]): Promise<void> {
    const ids = new Set<string>();
    for (const hex of leafHex) {
      try {
        const leaf = decodeLeaf(hexToBytes(hex));
        if ((leaf.kind === 'manifest' || leaf.kind === 'cosignature') && !this.#seen.has(leaf.manifestDigest)) {
          ids.add(leaf.manifestDigest);
        }
      } catch {
        // Undecodable leaves are reported by the sequential pass.
      }
    }
    const queue = [...ids];
    const workers = Array.from({ length: Math.min(PREFETCH_CONCURRENCY, queue.length) }, async () => {
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) await this.get(id);
    });
    await Promise.all(workers);
  }

  async get(id: string): Promise<CheckedManifest | null> {
    if (this.#seen.has(id)) return this.#seen.get(id) ?? null;
    const served = await this.#api.manifest(id);
    let checked: CheckedManifest | null = null;
    if (served) {
      const claimDigest = taggedHash('claim', base64urlToBytes(served.claimBytes));
      const badSignatures: number[] = [];
      for (const s of served.signatures) {
        let ok = false;
        try {
          ok = verifySignatureEntry(s.entry, claimDigest);
        } catch (e) {
          if (!isProvenantError(e)) throw e;
        }
        if (!ok) badSignatures.push(s.logIndex);
      }
      checked = { served, digest: bytesToHex(claimDigest), badSignatures };
    }
    this.#seen.set(id, checked);
    return checked;
  }
}
