/**
 * The Provenant API as a source of candidates, never of verdicts: every response is shape-checked here and then
 * re-verified by the caller with core/. Only what the verifier reads is validated; unknown members are ignored.
 */
import * as z from 'zod';

export type FetchLike = (
  url: string,
  init?: { method?: string; body?: Uint8Array; headers?: Record<string, string> },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** A non-2xx answer or an unreadable body. `status` 0 means the request itself failed (network). */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const SummarySchema = z.object({
  id: Hex64,
  kind: z.string().max(64),
  mediaSha256: Hex64.nullable(),
});
const LookupSchema = z.object({ manifests: z.array(SummarySchema).max(1000) });
export type ManifestSummary = z.infer<typeof SummarySchema>;

const ManifestResponseSchema = z.object({
  id: Hex64,
  claimBytes: z.string().max(6 << 20),
  signatures: z.array(z.object({ entry: z.unknown() })).max(256),
});
export type ManifestResponse = z.infer<typeof ManifestResponseSchema>;

const ProofResponseSchema = z.object({
  index: z.number().int().min(0),
  leaf: z.string().regex(/^[0-9a-f]{212}$/),
  treeSize: z.number().int().min(1),
  rootHash: Hex64,
  inclusionPath: z.array(Hex64).max(64),
});
export type ProofResponse = z.infer<typeof ProofResponseSchema>;

const KeyResponseSchema = z.object({
  statement: z.unknown(),
  revocations: z.array(z.object({ statement: z.unknown() })).max(4096),
});
export type KeyResponse = z.infer<typeof KeyResponseSchema>;

const StoredManifestSchema = z.object({
  id: Hex64,
  kind: z.string().max(64),
  claimBytes: z.string().max(6 << 20),
  signatures: z.array(z.object({ entry: z.unknown() })).max(256),
});
const QuoteSearchSchema = z.object({
  quotes: z.array(StoredManifestSchema.extend({ source: StoredManifestSchema.nullable() })).max(50),
});
export type QuoteCandidate = z.infer<typeof QuoteSearchSchema>['quotes'][number];

const ConsistencySchema = z.object({ proof: z.array(Hex64).max(64) });

export interface ProvenantApi {
  bySha256Prefix(prefix: string): Promise<ManifestSummary[]>;
  byPixels(rasterSha256: string): Promise<ManifestSummary[]>;
  /** Near-duplicate lookup by a PDQ (64 hex) or pHash (16 hex) fingerprint; an API without it answers 4xx. */
  byFingerprint(fingerprint: string, maxDistance: number): Promise<ManifestSummary[]>;
  /** null when the API has no such manifest. */
  manifest(id: string): Promise<ManifestResponse | null>;
  /** null when the entry is not in a checkpoint yet (404/409). */
  proof(id: string): Promise<ProofResponse | null>;
  key(keyId: string): Promise<KeyResponse | null>;
  consistency(from: number, to: number): Promise<string[]>;
  /** Candidate attestations for a selected quote, each with its source transcript's signed bytes. */
  quotes(text: string): Promise<QuoteCandidate[]>;
  /** Explicit user action only: sends the file itself. */
  verifyUpload(bytes: Uint8Array, mediaType: string): Promise<unknown>;
}

export function createApiClient(baseUrl: string, fetchFn: FetchLike): ProvenantApi {
  const base = baseUrl.replace(/\/+$/, '');
  async function get<T>(path: string, schema: z.ZodType<T>, missing: readonly number[] = []): Promise<T | null> {
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await fetchFn(base + path);
    } catch (e) {
      throw new ApiError(0, `the API at ${base} is unreachable (${e instanceof Error ? e.message : String(e)})`);
    }
    if (missing.includes(res.status)) return null;
    if (!res.ok) throw new ApiError(res.status, `GET ${path} answered ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ApiError(res.status, `GET ${path}: the body is not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError(res.status, `GET ${path}: unexpected response shape`);
    return parsed.data;
  }
  const lookup = async (query: string) => (await get(`/v1/manifests?${query}`, LookupSchema))?.manifests ?? [];
  return {
    bySha256Prefix: (prefix) => lookup(`sha256Prefix=${encodeURIComponent(prefix)}`),
    byPixels: (raster) => lookup(`pixelsSha256=${encodeURIComponent(raster)}`),
    byFingerprint: (fp, maxDistance) => lookup(`fingerprint=${encodeURIComponent(fp)}&maxDistance=${maxDistance}`),
    manifest: (id) => get(`/v1/manifests/${encodeURIComponent(id)}`, ManifestResponseSchema, [404]),
    proof: (id) => get(`/v1/manifests/${encodeURIComponent(id)}/proof`, ProofResponseSchema, [404, 409]),
    key: (keyId) => get(`/v1/keys/${encodeURIComponent(keyId)}`, KeyResponseSchema, [404]),
    consistency: async (from, to) =>
      (await get(`/v1/log/consistency?from=${from}&to=${to}`, ConsistencySchema))?.proof ?? [],
    quotes: async (text) => (await get(`/v1/quotes?text=${encodeURIComponent(text)}`, QuoteSearchSchema))?.quotes ?? [],
    async verifyUpload(bytes, mediaType) {
      let res: Awaited<ReturnType<FetchLike>>;
      try {
        res = await fetchFn(`${base}/v1/verify`, {
          method: 'POST',
          body: bytes,
          headers: { 'Content-Type': mediaType || 'application/octet-stream' },
        });
      } catch (e) {
        throw new ApiError(0, `the API at ${base} is unreachable (${e instanceof Error ? e.message : String(e)})`);
      }
      if (!res.ok) throw new ApiError(res.status, `POST /v1/verify answered ${res.status}`);
      return res.json();
    },
  };
}
