/** Co-signing: add one detached signature to an existing manifest, at any time, in any order; idempotent per key. */
import { type SignatureRole, signClaim, verifySignatureEntry } from '../core/crypto/signature-entry.ts';
import { isProvenantError } from '../core/errors.ts';
import { MAX_MANIFEST_BYTES } from '../core/manifest/manifest.ts';
import { type ParsedManifest, parseManifest } from '../core/manifest/parse.ts';
import { readSmallFile, replaceFile } from './files.ts';
import { type LoadedKey, statementsOf } from './keyfile.ts';
import { addKeyMaterial } from './sidecars.ts';
import { manifestText } from './sign.ts';

export interface CosignOptions {
  manifestPath: string;
  signer: LoadedKey;
  role?: SignatureRole;
  now?: () => number;
}

export interface CosignResult {
  manifestId: string;
  keyId: string;
  /** False when this key had already signed (nothing was written to the manifest). */
  added: boolean;
  signatureCount: number;
  keysPath: string;
}

export async function readManifestFile(path: string): Promise<ParsedManifest> {
  const bytes = await readSmallFile(path, MAX_MANIFEST_BYTES, 'manifest');
  // parseManifest decodes the bytes strictly: bad UTF-8 or JSON is one manifest.invalid error.
  return parseManifest(bytes);
}

function alreadySigned(parsed: ParsedManifest, keyId: string): boolean {
  return parsed.manifest.signatures.some((s) => {
    if (s.keyId !== keyId) return false;
    try {
      return verifySignatureEntry(s, parsed.claimDigest);
    } catch (e) {
      if (isProvenantError(e)) return false;
      throw e;
    }
  });
}

export async function cosignManifest(options: CosignOptions): Promise<CosignResult> {
  const parsed = await readManifestFile(options.manifestPath);
  const { key, file } = options.signer;
  const added = !alreadySigned(parsed, key.keyId);
  const signatures = [...parsed.manifest.signatures];
  if (added) {
    signatures.push(signClaim(parsed.claimDigest, key, options.role ?? 'cosigner', (options.now ?? Date.now)()));
    await replaceFile(options.manifestPath, manifestText(parsed, signatures));
  }
  const keysPath = await addKeyMaterial(options.manifestPath, statementsOf(file));
  return { manifestId: parsed.id, keyId: key.keyId, added, signatureCount: signatures.length, keysPath };
}
