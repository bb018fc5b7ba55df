/**
 * The verifier's trust file: which root keys it trusts, plus any key statements and revocations it knows.
 * Either a JSON array of key ids, or `{v: 1, roots: [keyId…], statements?: […], revocations?: […]}`.
 */
import * as z from 'zod';
import { fromUtf8 } from '../core/bytes.ts';
import { parseJson } from '../core/canonical.ts';
import { ProvenantError } from '../core/errors.ts';
import { KeyIdSchema } from '../core/manifest/formats.ts';
import { formatIssues } from '../core/manifest/issues.ts';
import { readSmallFile } from './files.ts';

export interface TrustConfig {
  roots: string[];
  statements: unknown[];
  revocations: unknown[];
}

const MAX_TRUST_BYTES = 4 << 20;
const Roots = z.array(KeyIdSchema).max(1024);

const TrustSchema = z.union([
  Roots,
  z.strictObject({
    v: z.literal(1),
    roots: Roots,
    statements: z.array(z.unknown()).max(4096).optional(),
    revocations: z.array(z.unknown()).max(4096).optional(),
  }),
]);

export const EMPTY_TRUST: TrustConfig = Object.freeze({ roots: [], statements: [], revocations: [] }) as TrustConfig;

export function parseTrust(value: unknown, where = 'trust file'): TrustConfig {
  const parsed = TrustSchema.safeParse(value);
  if (!parsed.success) {
    const details = formatIssues(parsed.error.issues, value).map((d) => d.replace(/^manifest/, 'trust'));
    throw new ProvenantError('input.invalid', `${where} is invalid: ${details[0] ?? ''}`, { details });
  }
  const t = parsed.data;
  if (Array.isArray(t)) return { roots: t, statements: [], revocations: [] };
  return { roots: t.roots, statements: t.statements ?? [], revocations: t.revocations ?? [] };
}

export async function loadTrust(path: string): Promise<TrustConfig> {
  const bytes = await readSmallFile(path, MAX_TRUST_BYTES, 'trust file');
  let value: unknown;
  try {
    value = parseJson(fromUtf8(bytes), MAX_TRUST_BYTES);
  } catch (e) {
    throw new ProvenantError('input.invalid', `trust file ${path} is not JSON`, { cause: e });
  }
  return parseTrust(value, `trust file ${path}`);
}
