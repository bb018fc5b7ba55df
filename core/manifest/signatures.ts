/** Checks every signature of a parsed manifest, one status entry per distinct key id. */
import { base64urlToBytes } from '../bytes.ts';
import { keyIdOf } from '../crypto/keys.ts';
import { type EntryVerifier, type SignatureEntry, verifySignatureEntry } from '../crypto/signature-entry.ts';
import { isProvenantError } from '../errors.ts';
import type { StatusCode } from '../report/codes.ts';
import { type StatusEntry, status } from '../report/entry.ts';
import type { ParsedManifest } from './parse.ts';

/** Malformed-input errors that mean "this entry cannot be a valid signature", not "the verifier broke". */
const MALFORMED_CODES = [
  'signature.malformed',
  'key.invalid',
  'key.unsupportedAlg',
  'encoding.invalid',
  'input.invalid',
];

function checkEntry(entry: SignatureEntry, claimDigest: Uint8Array, verifier: EntryVerifier | undefined): StatusCode {
  try {
    // Told apart from a bad signature: the entry names a key id that is not its public key's.
    const derive = verifier?.keyIdOf ?? keyIdOf;
    if (derive(entry.alg, base64urlToBytes(entry.publicKey)) !== entry.keyId) return 'signature.keyMismatch';
    // An undefined verifier selects verifySignatureEntry's default (@noble) primitives.
    return verifySignatureEntry(entry, claimDigest, verifier) ? 'signature.valid' : 'signature.invalid';
  } catch (e) {
    if (isProvenantError(e) && MALFORMED_CODES.includes(e.code)) return 'signature.malformed';
    throw e;
  }
}

/**
 * Entries by the same key id collapse into one status: valid if any of them verifies (signatures are
 * additive, so a stray bad copy appended by someone else must not undo a good one), otherwise the first
 * entry's failure; extra entries add one `signature.duplicate`. No signature at all is `signature.none`.
 * `verifier` lets a server swap in node:crypto primitives (see core/crypto/signature-entry.ts).
 */
export function verifyManifestSignatures(parsed: ParsedManifest, verifier?: EntryVerifier): StatusEntry[] {
  const { signatures } = parsed.manifest;
  if (signatures.length === 0) return [status('signature.none')];
  const byKey = new Map<string, SignatureEntry[]>();
  for (const s of signatures) {
    const group = byKey.get(s.keyId);
    if (group) group.push(s);
    else byKey.set(s.keyId, [s]);
  }
  const out: StatusEntry[] = [];
  for (const [keyId, group] of byKey) {
    const results = group.map((s) => checkEntry(s, parsed.claimDigest, verifier));
    const validAt = results.indexOf('signature.valid');
    const code = validAt >= 0 ? 'signature.valid' : (results[0] as StatusCode);
    const chosen = group[Math.max(validAt, 0)] as SignatureEntry;
    out.push(status(code, { subject: keyId, detail: `${chosen.alg}, role ${chosen.role}` }));
    if (group.length > 1) {
      out.push(status('signature.duplicate', { subject: keyId, detail: `${group.length - 1} more ignored` }));
    }
  }
  return out;
}

/** Key ids with a `signature.valid` entry, for co-signing and identity checks. */
export function validKeyIds(entries: readonly StatusEntry[]): string[] {
  return entries.filter((e) => e.code === 'signature.valid' && e.subject !== undefined).map((e) => e.subject as string);
}
