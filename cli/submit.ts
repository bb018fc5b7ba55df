/**
 * `provenant submit <file> --api URL`: sends a manifest, co-signatures, a key statement, a revocation or a quote
 * attestation to a Provenant API, detecting which from the file. For a manifest, the key statements in its
 * `<manifest>.keys.json` sidecar that the API does not know yet are registered first (endorsers before the keys
 * they endorse); if the API already has the manifest, only the signatures it lacks are sent, as co-signatures.
 * Exit codes: 0 accepted, 1 the API refused it (a coded 4xx), 2 usage, unreadable input or an unreachable API.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { utf8 } from '../core/bytes.ts';
import { canonicalJson, parseJson } from '../core/canonical.ts';
import { ProvenantError } from '../core/errors.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { EXIT, ExitError } from './exit.ts';
import { emit } from './output.ts';

const MAX_FILE_BYTES = 16 << 20;

export interface SubmitOptions {
  file: string;
  api: string;
  adminToken?: string;
  fetch?: typeof fetch;
}

export type Submitted = 'manifest' | 'quote' | 'cosignature' | 'key' | 'revocation';

export interface SubmitStep {
  what: Submitted;
  id: string;
  status: number;
  logIndex?: number;
  /** The API's error code when it refused this step. */
  error?: string;
}

export interface SubmitOutcome {
  kind: Submitted;
  id: string;
  steps: SubmitStep[];
  refused: boolean;
  receipt?: unknown;
}

interface Envelope {
  statement: { type?: unknown; keyId?: unknown; endorsedBy?: unknown };
  signatures: unknown[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEnvelope = (v: unknown): v is Envelope =>
  isObject(v) && isObject(v.statement) && Array.isArray(v.signatures) && typeof v.statement.keyId === 'string';

class Api {
  readonly #base: string;
  readonly #admin: string | undefined;
  readonly #fetch: typeof fetch;
  constructor(base: string, admin: string | undefined, f: typeof fetch) {
    this.#base = base.replace(/\/+$/, '');
    this.#admin = admin;
    this.#fetch = f;
  }
  async call(method: 'GET' | 'POST', path: string, body?: Uint8Array): Promise<{ status: number; json: unknown }> {
    let res: Response;
    try {
      res = await this.#fetch(`${this.#base}${path}`, {
        method,
        ...(body ? { body: body as BodyInit } : {}),
        headers: {
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(this.#admin ? { Authorization: `Bearer ${this.#admin}` } : {}),
        },
      });
    } catch (cause) {
      throw new ProvenantError('input.invalid', `cannot reach the API at ${this.#base}`, { cause });
    }
    const json = await res.json().catch(() => null);
    if (res.status >= 500) {
      const code = (json as { error?: { code?: string } } | null)?.error?.code ?? 'internal';
      throw new ProvenantError('input.invalid', `the API failed (${res.status} ${code}); try again later`);
    }
    return { status: res.status, json };
  }
}

function step(what: Submitted, id: string, r: { status: number; json: unknown }): SubmitStep {
  const j = r.json as { logIndex?: number; error?: { code?: string } } | null;
  return {
    what,
    id,
    status: r.status,
    ...(typeof j?.logIndex === 'number' ? { logIndex: j.logIndex } : {}),
    ...(r.status >= 400 ? { error: j?.error?.code ?? String(r.status) } : {}),
  };
}

/** Registers the statements the API lacks, endorsers first; statements it already has are skipped. */
async function registerStatements(api: Api, statements: readonly unknown[]): Promise<SubmitStep[]> {
  const pending = statements
    .filter(isEnvelope)
    .filter((e) => e.statement.type === undefined || e.statement.type === 'key');
  const steps: SubmitStep[] = [];
  const known = new Set<string>();
  const inFile = new Set(pending.map((e) => e.statement.keyId as string));
  while (pending.length > 0) {
    // The next statement whose endorser (if in this file) is already known to the API.
    const i = pending.findIndex((e) => {
      const by = e.statement.endorsedBy;
      return typeof by !== 'string' || !inFile.has(by) || known.has(by);
    });
    // An endorsement cycle cannot be ordered: send the rest as they come and let the API say why.
    const [env] = pending.splice(Math.max(i, 0), 1) as [Envelope];
    const keyId = env.statement.keyId as string;
    known.add(keyId);
    const got = await api.call('GET', `/v1/keys/${encodeURIComponent(keyId)}`);
    if (got.status === 200) continue;
    steps.push(step('key', keyId, await api.call('POST', '/v1/keys', utf8(JSON.stringify(env)))));
  }
  return steps;
}

export async function submitFile(options: SubmitOptions): Promise<SubmitOutcome> {
  const api = new Api(options.api, options.adminToken, options.fetch ?? fetch);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(options.file));
  } catch (e) {
    throw new ProvenantError(
      'input.invalid',
      `cannot read ${options.file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (bytes.length > MAX_FILE_BYTES) throw new ProvenantError('input.tooLarge', `${options.file} is too large`);
  const value = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes), MAX_FILE_BYTES);

  if (isEnvelope(value)) {
    const keyId = value.statement.keyId as string;
    const revocation = value.statement.type === 'revocation';
    const path = revocation ? `/v1/keys/${encodeURIComponent(keyId)}/revocations` : '/v1/keys';
    const s = step(revocation ? 'revocation' : 'key', keyId, await api.call('POST', path, bytes));
    return { kind: s.what, id: keyId, steps: [s], refused: s.status >= 400 };
  }
  if (!isObject(value) || !('claim' in value) || !('signatures' in value)) {
    throw new ProvenantError(
      'input.invalid',
      `${options.file} is neither a manifest {claim, signatures} nor a key statement or revocation {statement, signatures}`,
    );
  }
  const parsed = parseManifest(value);
  const { readKeyMaterial } = await import('../signer/index.ts');
  const steps = await registerStatements(api, (await readKeyMaterial(options.file)).statements);

  const existing = await api.call('GET', `/v1/manifests/${parsed.id}`);
  if (existing.status === 200) {
    const have = new Set(
      ((existing.json as { signatures?: Array<{ entry: unknown }> }).signatures ?? []).map((g) =>
        canonicalJson(g.entry),
      ),
    );
    for (const entry of parsed.manifest.signatures) {
      if (have.has(canonicalJson(entry))) continue;
      const r = await api.call('POST', `/v1/manifests/${parsed.id}/signatures`, utf8(canonicalJson(entry)));
      steps.push(step('cosignature', parsed.id, r));
    }
    return { kind: 'cosignature', id: parsed.id, steps, refused: steps.some((s) => s.status >= 400) };
  }
  const kind: Submitted = parsed.manifest.claim.kind === 'quote' ? 'quote' : 'manifest';
  const r = await api.call('POST', kind === 'quote' ? '/v1/quotes' : '/v1/manifests', bytes);
  steps.push(step(kind, parsed.id, r));
  return {
    kind,
    id: parsed.id,
    steps,
    refused: steps.some((s) => s.status >= 400),
    ...(r.status < 300 ? { receipt: (r.json as { receipt?: unknown }).receipt } : {}),
  };
}

function human(o: SubmitOutcome): string {
  const lines = o.steps.map((s) =>
    s.error
      ? `refused ${s.what} ${s.id}: ${s.error}`
      : `${s.status === 201 ? 'logged' : 'already logged'} ${s.what} ${s.id}${s.logIndex !== undefined ? ` at index ${s.logIndex}` : ''}`,
  );
  if (lines.length === 0) lines.push(`nothing to send: the API already has ${o.kind} ${o.id} with every signature`);
  return lines.join('\n');
}

interface SubmitCliOptions {
  api: string;
  adminToken?: string;
  json?: boolean;
}

export function registerSubmit(program: Command): void {
  program
    .command('submit <file>')
    .description('Submit a manifest, co-signatures, a key statement, a revocation or a quote attestation to an API')
    .requiredOption('--api <url>', 'base URL of the Provenant API, e.g. http://127.0.0.1:8787')
    .option('--admin-token <token>', 'ADMIN_TOKEN of the API (needed to register org and maker keys)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: SubmitCliOptions) => {
      const outcome = await submitFile({
        file,
        api: options.api,
        ...(options.adminToken ? { adminToken: options.adminToken } : {}),
      });
      emit(options, outcome, () => human(outcome));
      if (outcome.refused) throw new ExitError(EXIT.verificationFailed);
    });
}
