/** The auditor's HTTP client for the log API (nothing it returns is trusted: every answer is checked). */
import { ProvenantError } from '../../core/errors.ts';

export interface ServedCheckpoint {
  treeSize: number;
  rootHash: string;
  note: string;
  anchor: { chainId: number; contract: string; seq: number } | null;
}

export interface ServedEntry {
  index: number;
  leaf: string;
  receivedAt: number;
}

export interface ServedSignature {
  entry: unknown;
  entryDigest: string;
  logIndex: number;
}

export interface ServedManifest {
  id: string;
  logIndex: number;
  claimBytes: string;
  signatures: ServedSignature[];
}

/** Largest page GET /v1/log/entries serves. */
export const ENTRIES_PAGE = 1000;

export class LogApi {
  readonly #base: string;

  constructor(baseUrl: string) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ProvenantError('input.invalid', 'the API URL is not a valid URL');
    }
    this.#base = url.href.replace(/\/$/, '');
  }

  /** JSON body of a GET; null on 404; throws db.unavailable (unreachable) or conflict (other HTTP errors). */
  async get<T>(path: string): Promise<T | null> {
    let res: Response;
    try {
      res = await fetch(`${this.#base}${path}`);
    } catch (cause) {
      throw new ProvenantError('db.unavailable', `the log API at ${this.#base} is unreachable`, { cause });
    }
    if (res.status === 404) return null;
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
      throw new ProvenantError('conflict', `GET ${path}: HTTP ${res.status}`, {
        details: [`http:${res.status}`, ...(body.error?.code ? [body.error.code] : [])],
      });
    }
    return (await res.json()) as T;
  }

  async checkpoints(): Promise<ServedCheckpoint[]> {
    const body = await this.get<{ checkpoints: ServedCheckpoint[] }>('/v1/log/checkpoints?limit=100');
    return body?.checkpoints ?? [];
  }

  async entries(start: number, end: number): Promise<{ treeSize: number; entries: ServedEntry[] }> {
    const body = await this.get<{ treeSize: number; entries: ServedEntry[] }>(
      `/v1/log/entries?start=${start}&end=${end}`,
    );
    return body ?? { treeSize: 0, entries: [] };
  }

  async consistency(from: number, to: number): Promise<string[]> {
    const body = await this.get<{ proof: string[] }>(`/v1/log/consistency?from=${from}&to=${to}`);
    if (!body) throw new ProvenantError('conflict', 'GET /v1/log/consistency: not found', { details: ['http:404'] });
    return body.proof;
  }

  manifest(id: string): Promise<ServedManifest | null> {
    return this.get<ServedManifest>(`/v1/manifests/${id}`);
  }
}
