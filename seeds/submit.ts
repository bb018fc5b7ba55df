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
  const r = await tryPost(target, path, body, admin);
  if (r === null) throw new ProvenantError('input.invalid', `POST ${path} → 404: this API has no such route`);
  return r;
}

/** Like post, but null when the API does not have the route at all (an older server). */
async function tryPost(target: SubmitTarget, path: string, body: string, admin = false): Promise<Submitted | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (admin && target.adminToken) headers.authorization = `Bearer ${target.adminToken}`;
  const res = await fetch(new URL(path, target.apiUrl), { method: 'POST', headers, body });
  if (res.status === 404) {
    const error = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    if (error?.error?.code === 'notFound' && (await routeMissing(target, path))) return null;
    throw new ProvenantError('input.invalid', `POST ${path} → 404 ${error?.error?.code ?? ''}`.trim());
  }
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

/** The router answers an unknown path with 404 for every method; a known one answers a bare GET otherwise. */
async function routeMissing(target: SubmitTarget, path: string): Promise<boolean> {
  const res = await fetch(new URL(path, target.apiUrl), { method: 'GET' });
  await res.body?.cancel();
  return res.status === 404;
}

/** A quote attestation, to POST /v1/quotes; null when this API has no quote endpoint yet. */
export async function submitQuote(target: SubmitTarget, path: string): Promise<(Submitted & { id: string }) | null> {
  const m = await readManifestJson(path);
  const r = await tryPost(target, '/v1/quotes', JSON.stringify({ claim: m.claim, signatures: m.signatures }));
  return r === null ? null : { ...r, id: m.id };
}
