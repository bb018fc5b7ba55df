/**
 * Detached, additive signature entries (invariant 3). Each entry covers the claim digest AND its own
 * algorithm, key id, role and time, so none of them can be swapped after signing.
 *
 *   signed bytes = tagPrefix('signature') ‖ JCS({v: 1, claim, alg, keyId, role, signedAt})
 *   ed25519   signs the signed bytes;
 *   p256      signs them with ECDSA over SHA-256;
 *   secp256k1 personal_signs the UTF-8 text "Provenant signature v1\n" + hex(SHA-256(signed bytes)).
 */
import * as z from 'zod';
import { assertBytes, assertSafeInteger, base64urlToBytes, bytesToBase64url, bytesToHex, utf8 } from '../bytes.ts';
import { canonicalBytes } from '../canonical.ts';
import { ProvenantError } from '../errors.ts';
import { sha256, tagPrefix } from '../hash.ts';
import { ALG_SIZES, ALGS, type Alg, assertAlg, isAlg } from './algorithms.ts';
import { isChecksumAddress } from './ethereum-address.ts';
import { type BytesVerifier, keyIdOf, type SigningKey, signBytes, verifyBytes } from './keys.ts';
import { formatIssues } from './zod-issues.ts';

export const SIGNATURE_ROLES = [
  'capture',
  'cosigner',
  'editor',
  'publisher',
  'transcriber',
  'self',
  'endorser',
  'log',
] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

export const SIGNATURE_VERSION = 1;
/** First line of the text a wallet shows for a secp256k1 signature. */
export const PERSONAL_SIGN_HEADER = 'Provenant signature v1\n';

const HEX64_RE = /^[0-9a-f]{64}$/;

/** Ed25519 / P-256 key ids are 64 lower-case hex digits; secp256k1 key ids are EIP-55 addresses. */
export function isKeyIdSpelling(alg: Alg, keyId: unknown): boolean {
  if (alg === 'secp256k1') return isChecksumAddress(keyId);
  return typeof keyId === 'string' && HEX64_RE.test(keyId);
}

function decodesTo(text: string, length: number): boolean {
  if (text.length > Math.ceil((length * 4) / 3)) return false; // too long: already an issue, skip the decode
  try {
    base64urlToBytes(text, length);
    return true;
  } catch {
    return false;
  }
}

export const SignatureEntrySchema = z
  .strictObject({
    alg: z.enum(ALGS),
    keyId: z.string().max(66),
    publicKey: z.string().max(44),
    role: z.enum(SIGNATURE_ROLES),
    signedAt: z.int().min(0),
    sig: z.string().max(87),
  })
  .superRefine((e, ctx) => {
    if (!isAlg(e.alg)) return;
    const sizes = ALG_SIZES[e.alg];
    if (!isKeyIdSpelling(e.alg, e.keyId)) {
      const want = e.alg === 'secp256k1' ? 'an EIP-55 checksummed address' : '64 lower-case hex digits';
      ctx.addIssue({ code: 'custom', path: ['keyId'], message: `expected ${want}` });
    }
    if (!decodesTo(e.publicKey, sizes.publicKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicKey'],
        message: `expected ${sizes.publicKey} bytes as unpadded base64url`,
      });
    }
    if (!decodesTo(e.sig, sizes.signature)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sig'],
        message: `expected ${sizes.signature} bytes as unpadded base64url`,
      });
    }
  });

export type SignatureEntry = {
  alg: Alg;
  keyId: string;
  /** base64url, no padding */
  publicKey: string;
  role: SignatureRole;
  signedAt: number;
  /** base64url, no padding */
  sig: string;
};

/** The signed fields of an entry; `claim` is the lower-case hex digest being signed. */
export interface SignatureFields {
  claim: string;
  alg: Alg;
  keyId: string;
  role: SignatureRole;
  signedAt: number;
}

function assertFields(fields: SignatureFields): void {
  if (typeof fields?.claim !== 'string' || !HEX64_RE.test(fields.claim)) {
    throw new ProvenantError('input.invalid', 'claim must be a 64-digit lower-case hex digest');
  }
  assertAlg(fields.alg);
  if (!isKeyIdSpelling(fields.alg, fields.keyId)) throw new ProvenantError('input.invalid', 'keyId is malformed');
  if (!(SIGNATURE_ROLES as readonly string[]).includes(fields.role)) {
    throw new ProvenantError('input.invalid', 'role is not a signature role');
  }
  assertSafeInteger(fields.signedAt, 'signedAt');
}

/** tagPrefix('signature') ‖ JCS({v: 1, claim, alg, keyId, role, signedAt}): identical for every algorithm. */
export function signatureMessage(fields: SignatureFields): Uint8Array {
  assertFields(fields);
  const { claim, alg, keyId, role, signedAt } = fields;
  const body = canonicalBytes({ v: SIGNATURE_VERSION, claim, alg, keyId, role, signedAt });
  const prefix = tagPrefix('signature');
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}

/** The text a wallet displays and personal_signs for a secp256k1 entry. */
export function personalSignText(fields: SignatureFields): string {
  return PERSONAL_SIGN_HEADER + bytesToHex(sha256(signatureMessage(fields)));
}

/** The exact bytes handed to signBytes / verifyBytes for this entry's algorithm. */
export function signaturePayload(fields: SignatureFields): Uint8Array {
  return fields.alg === 'secp256k1' ? utf8(personalSignText(fields)) : signatureMessage(fields);
}

export function signClaim(
  claimDigest: Uint8Array,
  signer: SigningKey,
  role: SignatureRole,
  signedAt: number,
): SignatureEntry {
  assertBytes(claimDigest, 'claimDigest', 32);
  const fields: SignatureFields = {
    claim: bytesToHex(claimDigest),
    alg: signer.alg,
    keyId: signer.keyId,
    role,
    signedAt,
  };
  const sig = signBytes(signer, signaturePayload(fields));
  return {
    alg: signer.alg,
    keyId: signer.keyId,
    publicKey: bytesToBase64url(signer.publicKey),
    role,
    signedAt,
    sig: bytesToBase64url(sig),
  };
}

/** Parses an untrusted entry: every bad field path in one `signature.malformed` error. */
export function parseSignatureEntry(input: unknown): SignatureEntry {
  const parsed = SignatureEntrySchema.safeParse(input);
  if (!parsed.success) {
    const details = formatIssues(parsed.error.issues, 'signature');
    throw new ProvenantError('signature.malformed', `signature entry is malformed: ${details[0] ?? ''}`, { details });
  }
  return parsed.data;
}

/** Swappable primitives: the Node server passes node:crypto-backed ones with identical results. */
export interface EntryVerifier {
  verifyBytes: BytesVerifier;
  keyIdOf: (alg: Alg, publicKey: Uint8Array) => string;
}

const NOBLE: EntryVerifier = { verifyBytes, keyIdOf };

/**
 * True iff the entry is a valid signature over `claimDigest` by the key it names. False for a bad
 * signature or a key id that is not the public key's. Throws `signature.malformed` for a malformed entry,
 * `key.invalid` for a public key that is not an acceptable point, `input.invalid` for a bad digest.
 */
export function verifySignatureEntry(
  entry: unknown,
  claimDigest: Uint8Array,
  verifier: EntryVerifier = NOBLE,
): boolean {
  const e = parseSignatureEntry(entry);
  assertBytes(claimDigest, 'claimDigest', 32);
  const publicKey = base64urlToBytes(e.publicKey);
  const sig = base64urlToBytes(e.sig);
  if (verifier.keyIdOf(e.alg, publicKey) !== e.keyId) return false;
  const payload = signaturePayload({
    claim: bytesToHex(claimDigest),
    alg: e.alg,
    keyId: e.keyId,
    role: e.role,
    signedAt: e.signedAt,
  });
  return verifier.verifyBytes(e.alg, publicKey, payload, sig);
}
