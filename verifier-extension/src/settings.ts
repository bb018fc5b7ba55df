/**
 * The reader's settings (chrome.storage.local): API URL, optional chain RPC + contract, trusted roots (a trust list
 * in the signer's trust-file format) and opt-in scanning. Parsed on every read: storage is input like any other.
 */
import * as z from 'zod';
import { KeyIdSchema } from '../../core/manifest/formats.ts';

export const DEFAULT_API_URL = 'http://127.0.0.1:8787';
const SETTINGS_KEY = 'settings';

const HttpUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\//.test(u) && URL.canParse(u), 'an http(s) URL');

/** The trust list: `{v: 1, roots, statements?, revocations?}` or a bare array of root key ids. */
export const TrustListSchema = z.union([
  z.array(KeyIdSchema).max(1024),
  z.strictObject({
    v: z.literal(1),
    roots: z.array(KeyIdSchema).max(1024),
    statements: z.array(z.unknown()).max(4096).optional(),
    revocations: z.array(z.unknown()).max(4096).optional(),
  }),
]);

export interface TrustList {
  v: 1;
  roots: string[];
  statements: unknown[];
  revocations: unknown[];
}

export interface ChainSettings {
  rpcUrl: string;
  /** 0x-prefixed contract address. */
  contract: string;
}

export interface Settings {
  apiUrl: string;
  chain: ChainSettings | null;
  trust: TrustList;
  scanning: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  apiUrl: DEFAULT_API_URL,
  chain: null,
  trust: { v: 1, roots: [], statements: [], revocations: [] },
  scanning: false,
};

const SettingsSchema = z.strictObject({
  apiUrl: HttpUrl,
  chain: z.strictObject({ rpcUrl: HttpUrl, contract: z.string().regex(/^0x[0-9a-fA-F]{40}$/) }).nullable(),
  trust: TrustListSchema,
  scanning: z.boolean(),
});

export function normaliseTrust(value: z.infer<typeof TrustListSchema>): TrustList {
  if (Array.isArray(value)) return { v: 1, roots: value, statements: [], revocations: [] };
  return { v: 1, roots: value.roots, statements: value.statements ?? [], revocations: value.revocations ?? [] };
}

/** Parses a trust list file (import); throws a readable Error listing the bad paths. */
export function parseTrustList(text: string): TrustList {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('the trust list is not JSON');
  }
  const parsed = TrustListSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`the trust list is invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  return normaliseTrust(parsed.data);
}

/** Settings from untrusted storage; anything invalid falls back to the default for the whole object. */
export function parseSettings(value: unknown): Settings {
  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) return DEFAULT_SETTINGS;
  const s = parsed.data;
  return { apiUrl: s.apiUrl.replace(/\/+$/, ''), chain: s.chain, trust: normaliseTrust(s.trust), scanning: s.scanning };
}

export function validateSettings(value: Settings): string[] {
  const parsed = SettingsSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.') || 'settings');
}

export async function loadSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(SETTINGS_KEY);
  return stored[SETTINGS_KEY] === undefined ? DEFAULT_SETTINGS : parseSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  const problems = validateSettings(settings);
  if (problems.length > 0) throw new Error(`invalid settings: ${problems.join(', ')}`);
  await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
}
