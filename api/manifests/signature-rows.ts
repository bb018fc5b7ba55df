/** A signature entry as stored: its exact canonical bytes and their digest (the cosignature leaf's subject). */
import { bytesToHex } from '../../core/bytes.ts';
import { canonicalBytes } from '../../core/canonical.ts';
import type { SignatureEntry } from '../../core/crypto/signature-entry.ts';
import { sha256 } from '../../core/hash.ts';

export function entryBytesOf(entry: SignatureEntry): { entryBytes: Uint8Array; entryDigest: string } {
  const entryBytes = canonicalBytes(entry);
  return { entryBytes, entryDigest: bytesToHex(sha256(entryBytes)) };
}
