/**
 * POST /v1/verify: the full verification report for an uploaded file. Candidates come from the log (candidates.ts);
 * the first capture or derivative candidate is written beside the upload in a private temp directory, with its
 * logged ancestors (a derivative's parent chain, for the policy check and the replay) and the log's key statements
 * for every signer on that chain as the keys sidecar, and checked by the signer's own verifier (signer/index.ts
 * verifyTarget), so the server and `provenant verify` give the same report. No trust roots are configured here: signers come out
 * `identity.untrusted` (the reader's client decides whom it trusts) and the log position is reported separately.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { fromUtf8 } from '../../core/bytes.ts';
import { status } from '../../core/report/entry.ts';
import { buildReport, summarise } from '../../core/report/report.ts';
import { verifyTarget } from '../../signer/index.ts';
import { manifests, signatures } from '../db/schema/index.ts';
import type { Services } from '../services.ts';
import { type Candidate, findCandidates } from './candidates.ts';
import { keyMaterialFor } from './key-material.ts';

const VERIFIABLE = new Set(['capture.photo', 'capture.audio', 'capture.video', 'derivative']);
/** signer/derive/chain.ts follows at most 64 links. */
const MAX_ANCESTORS = 64;

/** Writes manifest `id` as `path` (exact signed claim bytes, logged signatures); returns its parent and signers. */
async function writeLoggedManifest(s: Services, id: string, path: string) {
  const [m] = await s.db
    .select({ claimBytes: manifests.claimBytes, parentId: manifests.parentId })
    .from(manifests)
    .where(eq(manifests.id, id));
  if (!m) return null;
  const sigs = await s.db
    .select({ entryBytes: signatures.entryBytes, keyId: signatures.keyId })
    .from(signatures)
    .where(eq(signatures.manifestId, id))
    .orderBy(asc(signatures.logIndex));
  // The exact signed claim bytes, spliced in rather than re-serialised.
  const text = `{"claim":${fromUtf8(m.claimBytes)},"signatures":[${sigs.map((g) => fromUtf8(g.entryBytes)).join(',')}]}`;
  await writeFile(path, text);
  return { parentId: m.parentId, signers: sigs.map((g) => g.keyId) };
}

/** The candidate and its logged ancestors as files in `dir`, with one keys sidecar for every signer on the chain. */
async function writeChain(s: Services, dir: string, id: string): Promise<{ manifestPath: string; parents: string[] }> {
  const manifestPath = join(dir, 'upload.provenant.json');
  const parents: string[] = [];
  const signers = new Set<string>();
  let next: string | null = id;
  for (let depth = 0; next !== null && depth <= MAX_ANCESTORS; depth++) {
    const path: string = depth === 0 ? manifestPath : join(dir, `ancestor-${depth}.provenant.json`);
    const written: Awaited<ReturnType<typeof writeLoggedManifest>> = await writeLoggedManifest(s, next, path);
    if (!written) break;
    if (depth > 0) parents.push(path);
    for (const k of written.signers) signers.add(k);
    next = written.parentId;
  }
  const material = await keyMaterialFor(s.db, [...signers]);
  await writeFile(`${manifestPath}.keys.json`, JSON.stringify({ v: 1, type: 'provenant-keys', ...material }));
  return { manifestPath, parents };
}

export async function verifyUpload(s: Services, bytes: Uint8Array) {
  const candidates = await findCandidates(s.db, bytes);
  const chosen: Candidate | undefined = candidates.find((c) => VERIFIABLE.has(c.kind));
  if (!chosen) {
    const report = buildReport([
      status('provenance.none', {
        detail:
          candidates.length > 0
            ? `related manifests were found (${candidates.map((c) => c.kind).join(', ')}) but none this service verifies from a file yet`
            : 'no manifest in this log matches the file',
      }),
    ]);
    return { candidates, manifestId: null, report, summary: summarise(report), identities: [], notes: [] };
  }
  const dir = await mkdtemp(join(tmpdir(), 'provenant-verify-'));
  try {
    const mediaPath = join(dir, 'upload');
    await writeFile(mediaPath, bytes);
    const { manifestPath, parents } = await writeChain(s, dir, chosen.id);
    const outcome = await verifyTarget({ target: mediaPath, manifest: manifestPath, parents });
    return {
      candidates,
      manifestId: outcome.manifestId,
      log: { logIndex: chosen.logIndex, receivedAt: chosen.receivedAt, proof: `/v1/manifests/${chosen.id}/proof` },
      report: outcome.report,
      summary: outcome.summary,
      identities: outcome.identities,
      notes: outcome.notes,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
