/**
 * Files that travel next to a manifest:
 *   `<manifest>.secret.json` (mode 0600, producer only): the 32-byte tile seed, so the producer or an editor it
 *     trusts can later reveal reference tiles for a crop. Never published: whoever holds it can test guesses about
 *     unrevealed tiles.
 *   `<manifest>.keys.json` (public): key statements (and revocations) of the manifest's signers and their
 *     endorsers, so an offline verifier can resolve identities without a server. The manifest itself is strictly
 *     `{claim, signatures}`, so they cannot live inside it.
 */
import * as z from 'zod';
import { base64urlToBytes, bytesToBase64url, fromUtf8 } from '../core/bytes.ts';
import { canonicalJson, parseJson } from '../core/canonical.ts';
import { ProvenantError } from '../core/errors.ts';
import { fileExists, readSmallFile, replaceFile, SECRET_FILE_MODE, writeOutputFile } from './files.ts';

export const SECRET_SUFFIX = '.secret.json';
export const KEYS_SUFFIX = '.keys.json';
const MAX_SIDECAR_BYTES = 4 << 20;
const MAX_STATEMENTS = 1024;

export function secretPathOf(manifestPath: string): string {
  return manifestPath + SECRET_SUFFIX;
}

export function keysPathOf(manifestPath: string): string {
  return manifestPath + KEYS_SUFFIX;
}

const SecretSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('provenant-secret'),
  manifestId: z.string().regex(/^[0-9a-f]{64}$/),
  tileSeed: z.string().length(43),
});

export interface ManifestSecret {
  manifestId: string;
  tileSeed: Uint8Array;
}

export async function writeManifestSecret(
  manifestPath: string,
  secret: ManifestSecret,
  force = false,
): Promise<string> {
  const path = secretPathOf(manifestPath);
  const json = {
    v: 1,
    type: 'provenant-secret',
    manifestId: secret.manifestId,
    tileSeed: bytesToBase64url(secret.tileSeed),
  };
  await writeOutputFile(path, `${JSON.stringify(json, null, 2)}\n`, { force, mode: SECRET_FILE_MODE });
  return path;
}

export async function readManifestSecret(manifestPath: string): Promise<ManifestSecret> {
  return readSecretFile(secretPathOf(manifestPath));
}

/** A secret sidecar at any path (e.g. given with --secret). */
export async function readSecretFile(path: string): Promise<ManifestSecret> {
  const text = fromUtf8(await readSmallFile(path, 64 * 1024, 'secret file'));
  const parsed = SecretSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new ProvenantError('input.invalid', `${path} is not a Provenant secret file`);
  return { manifestId: parsed.data.manifestId, tileSeed: base64urlToBytes(parsed.data.tileSeed, 32) };
}

const KeysSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('provenant-keys'),
  statements: z.array(z.unknown()).max(MAX_STATEMENTS),
  revocations: z.array(z.unknown()).max(MAX_STATEMENTS),
});

export interface KeyMaterial {
  /** Key statement envelopes, as published (checked by core when identities are resolved). */
  statements: unknown[];
  revocations: unknown[];
}

export function parseKeyMaterial(text: string, path: string): KeyMaterial {
  let value: unknown;
  try {
    value = parseJson(text, MAX_SIDECAR_BYTES);
  } catch (e) {
    throw new ProvenantError('input.invalid', `${path} is not JSON`, { cause: e });
  }
  const parsed = KeysSchema.safeParse(value);
  if (!parsed.success) throw new ProvenantError('input.invalid', `${path} is not a Provenant keys file`);
  return { statements: parsed.data.statements, revocations: parsed.data.revocations };
}

/** The keys file next to a manifest; empty when there is none. */
export async function readKeyMaterial(manifestPath: string): Promise<KeyMaterial> {
  const path = keysPathOf(manifestPath);
  if (!(await fileExists(path))) return { statements: [], revocations: [] };
  return parseKeyMaterial(fromUtf8(await readSmallFile(path, MAX_SIDECAR_BYTES, 'keys file')), path);
}

/** Adds statements (deduplicated by their canonical form) to the keys file next to a manifest. */
export async function addKeyMaterial(manifestPath: string, statements: readonly unknown[]): Promise<string> {
  const path = keysPathOf(manifestPath);
  const current = await readKeyMaterial(manifestPath);
  const seen = new Set(current.statements.map((s) => canonicalJson(s)));
  for (const s of statements) {
    const key = canonicalJson(s);
    if (!seen.has(key)) {
      seen.add(key);
      current.statements.push(s);
    }
  }
  const json = { v: 1, type: 'provenant-keys', statements: current.statements, revocations: current.revocations };
  await replaceFile(path, `${JSON.stringify(json, null, 2)}\n`);
  return path;
}
