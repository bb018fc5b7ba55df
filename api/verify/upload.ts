/**
 * POST /v1/verify: the full verification report for an uploaded file. Candidates come from the log (candidates.ts);
 * the first capture candidate is written beside the upload in a private temp directory, with the log's key
 * statements for its signers as the keys sidecar, and checked by the signer's own verifier (signer/index.ts), so the
 * server and `provenant verify` give the same report. No trust roots are configured here: signers come out
 * `identity.untrusted` (the reader's client decides whom it trusts) and the log position is reported separately.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { fromUtf8 } from '../../core/bytes.ts';
import { status } from '../../core/report/entry.ts';
import { buildReport, summarise } from '../../core/report/report.ts';
import { verifyCapture } from '../../signer/index.ts';
import { manifests, signatures } from '../db/schema/index.ts';
import type { Services } from '../services.ts';
import { type Candidate, findCandidates } from './candidates.ts';
import { keyMaterialFor } from './key-material.ts';

const VERIFIABLE = new Set(['capture.photo', 'capture.audio', 'capture.video']);

async function writeManifestBeside(s: Services, dir: string, id: string): Promise<string> {
  const [m] = await s.db.select({ claimBytes: manifests.claimBytes }).from(manifests).where(eq(manifests.id, id));
  const sigs = await s.db
    .select({ entryBytes: signatures.entryBytes, keyId: signatures.keyId })
    .from(signatures)
    .where(eq(signatures.manifestId, id))
    .orderBy(asc(signatures.logIndex));
  if (!m) throw new Error('candidate manifest vanished');
  // The exact signed claim bytes, spliced in rather than re-serialised.
  const text = `{"claim":${fromUtf8(m.claimBytes)},"signatures":[${sigs.map((g) => fromUtf8(g.entryBytes)).join(',')}]}`;
  const path = join(dir, 'upload.provenant.json');
  await writeFile(path, text);
  const material = await keyMaterialFor(s.db, [...new Set(sigs.map((g) => g.keyId))]);
  await writeFile(`${path}.keys.json`, JSON.stringify({ v: 1, type: 'provenant-keys', ...material }));
  return path;
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
    const manifestPath = await writeManifestBeside(s, dir, chosen.id);
    const outcome = await verifyCapture({ target: mediaPath, manifest: manifestPath });
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
