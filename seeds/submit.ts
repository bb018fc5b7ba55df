/**
 * Submits the produced demo to a running API over HTTP, in log order: key statements (org roots with the admin
 * token), manifests (each with its first signature), the co-signatures that came later, then quote attestations.
 * Every step is idempotent on the server (same bytes → 200 instead of 201), so re-seeding is harmless.
 */
import { readFile } from 'node:fs/promises';
import type { SignatureEntry } from '../core/crypto/signature-entry.ts';
import { ProvenantError } from '../core/errors.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import type { KeyFile } from '../signer/index.ts';

export interface SubmitTarget {
  apiUrl: string;
  adminToken: string | undefined;
  log?: (line: string) => void;
}

export interface Submitted {
  /** HTTP status per submission: 201 new, 200 already there. */
  status: number;
  path: string;
}

interface ManifestJson {
  claim: unknown;
  signatures: SignatureEntry[];
}

async function post(target: SubmitTarget, path: string, body: string, admin = false): Promise<Submitted> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (admin && target.adminToken) headers.authorization = `Bearer ${target.adminToken}`;
  const res = await fetch(new URL(path, target.apiUrl), { method: 'POST', headers, body });
  if (res.status !== 200 && res.status !== 201) {
    const error = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ProvenantError(
      'input.invalid',
      `POST ${path} → ${res.status} ${error?.error?.code ?? ''}: ${error?.error?.message ?? ''}`.trim(),
    );
  }
  await res.body?.cancel();
  return { status: res.status, path };
}

export async function submitKey(target: SubmitTarget, file: KeyFile): Promise<Submitted> {
  const org = file.statement.statement.endorsedBy === undefined && file.statement.statement.subject.kind === 'org';
  if (org && !target.adminToken) {
    throw new ProvenantError('input.invalid', 'org root keys need the API admin token (--admin-token or ADMIN_TOKEN)');
  }
  return post(target, '/v1/keys', JSON.stringify(file.statement), org);
}

export async function readManifestJson(path: string): Promise<ManifestJson & { id: string }> {
  const parsed = parseManifest(await readFile(path));
  return {
    claim: parsed.manifest.claim,
    signatures: [...parsed.manifest.signatures] as SignatureEntry[],
    id: parsed.id,
  };
}

/** The manifest as first published: its claim and its first signature only. */
export async function submitManifest(target: SubmitTarget, path: string): Promise<Submitted & { id: string }> {
  const m = await readManifestJson(path);
  const first = m.signatures.slice(0, 1);
  const r = await post(target, '/v1/manifests', JSON.stringify({ claim: m.claim, signatures: first }));
  return { ...r, id: m.id };
}

/** Every signature after the first, each as its own co-signature submission. */
export async function submitCosignatures(target: SubmitTarget, path: string): Promise<Submitted[]> {
  const m = await readManifestJson(path);
  const out: Submitted[] = [];
  for (const entry of m.signatures.slice(1)) {
    out.push(await post(target, `/v1/manifests/${m.id}/signatures`, JSON.stringify(entry)));
  }
  return out;
}

/** A quote attestation, to POST /v1/quotes (which checks its proof against the logged transcript). */
export async function submitQuote(target: SubmitTarget, path: string): Promise<Submitted & { id: string }> {
  const m = await readManifestJson(path);
  const r = await post(target, '/v1/quotes', JSON.stringify({ claim: m.claim, signatures: m.signatures }));
  return { ...r, id: m.id };
}
