/**
 * C2SP signed-note (c2sp.org/signed-note), Ed25519 only: text ending in a newline, a blank line, then one or
 * more lines "— <key name> <base64(4-byte key id ‖ signature)>". Compatible with golang.org/x/mod/sumdb/note.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, equalBytes, fromUtf8, utf8 } from '../bytes.ts';
import { isProvenantError, ProvenantError } from '../errors.ts';
import { sha256 } from '../hash.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';

/** Signature type byte of Ed25519 note keys. */
export const NOTE_ALG_ED25519 = 0x01;
/** Notes with more signature lines are refused (golang.org/x/mod/sumdb/note uses the same limit). */
export const MAX_NOTE_SIGNATURES = 100;
/** Bound on a whole note, in UTF-16 code units. */
export const MAX_NOTE_CHARS = 1 << 20;

const SIG_PREFIX = '— ';
const ED25519_SIGNATURE_BYTES = 64;
/** Unicode White_Space, which Go's unicode.IsSpace tests: key names must contain none. */
const UNICODE_SPACE_RE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const CONTROL_RE = /[\u0000-\u0009\u000b-\u001f]/;

export interface NoteSigner {
  name: string;
  /** Ed25519 secret key: the 32-byte RFC 8032 seed. */
  secretKey: Uint8Array;
}

export interface NoteVerifierKey {
  name: string;
  /** uint32 key id = first 4 bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
  keyHash: number;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

export type NoteSignatureStatus = 'verified' | 'invalid' | 'unknownKey';

export interface NoteSignature {
  name: string;
  keyHash: number;
  /** The signature bytes after the 4-byte key id. */
  signature: Uint8Array;
  status: NoteSignatureStatus;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  body: string;
  /**
   * Names of the known keys whose signature verified. Empty when any known key's signature fails (the whole note
   * is then rejected, as c2sp.org/signed-note recommends) or when no known key signed.
   */
  verifiedBy: string[];
  /** Names of known keys whose signature did not verify. */
  failedBy: string[];
  /** Every distinct signature line, in order (repeats by one key are dropped after the first). */
  signatures: NoteSignature[];
}

export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.isWellFormed() &&
    !UNICODE_SPACE_RE.test(name) &&
    !name.includes('+')
  );
}

function assertKeyName(name: unknown): asserts name is string {
  if (!isValidKeyName(name)) {
    throw new ProvenantError('key.invalid', 'note key names are non-empty, without Unicode spaces or "+"');
  }
}

export function noteKeyHash(name: string, publicKey: Uint8Array): number {
  assertKeyName(name);
  const digest = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, NOTE_ALG_ED25519), publicKey));
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

function assertEd25519PublicKey(publicKey: unknown): asserts publicKey is Uint8Array {
  if (
    !(publicKey instanceof Uint8Array) ||
    publicKey.length !== 32 ||
    !ed25519.utils.isValidPublicKey(publicKey, false)
  ) {
    throw new ProvenantError('key.invalid', 'expected a 32-byte Ed25519 public key');
  }
}

function assertSecretKey(secretKey: unknown): asserts secretKey is Uint8Array {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) {
    throw new ProvenantError('key.invalid', 'expected a 32-byte Ed25519 secret key (seed)');
  }
}

/** `<name>+<8 hex key hash>+<base64(0x01 ‖ public key)>`. */
export function encodeVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  assertEd25519PublicKey(publicKey);
  const hash = noteKeyHash(name, publicKey);
  return `${name}+${hex8(hash)}+${bytesToBase64(concatBytes(Uint8Array.of(NOTE_ALG_ED25519), publicKey))}`;
}

/** Splits "<name>+<hash>+<key data>" (key data may itself contain "+") and checks the hash. */
function parseKeyString(text: string, what: string): { name: string; keyHash: number; key: Uint8Array } {
  const bad = (why: string) => new ProvenantError('key.invalid', `${what}: ${why}`);
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw bad('expected <name>+<hash>+<key>');
  const name = text.slice(0, first);
  const hashHex = text.slice(first + 1, second);
  if (!isValidKeyName(name)) throw bad('invalid key name');
  if (!/^[0-9a-f]{8}$/.test(hashHex)) throw bad('the key hash is 8 lower-case hex chars');
  let data: Uint8Array;
  try {
    data = base64ToBytes(text.slice(second + 1));
  } catch (cause) {
    throw new ProvenantError('key.invalid', `${what}: key data is not base64`, { cause });
  }
  if (data.length === 0) throw bad('empty key data');
  if (data[0] !== NOTE_ALG_ED25519) {
    throw new ProvenantError('key.unsupportedAlg', `${what}: signature type ${data[0]} (only Ed25519, 0x01)`);
  }
  if (data.length !== 33) throw bad('an Ed25519 key is 32 bytes');
  return { name, keyHash: Number.parseInt(hashHex, 16), key: data.subarray(1) };
}

export function parseVerifierKey(text: string): NoteVerifierKey {
  if (typeof text !== 'string' || text.length > 1024) throw new ProvenantError('key.invalid', 'verifier key string');
  const { name, keyHash, key } = parseKeyString(text, 'verifier key');
  assertEd25519PublicKey(key);
  if (noteKeyHash(name, key) !== keyHash) throw new ProvenantError('key.invalid', 'verifier key: wrong key hash');
  return { name, keyHash, publicKey: key.slice() };
}

/** `PRIVATE+KEY+<name>+<8 hex key hash>+<base64(0x01 ‖ seed)>`, the sumdb/note signer key format. Keep it secret. */
export function encodeSignerKey(signer: NoteSigner): string {
  assertKeyName(signer.name);
  assertSecretKey(signer.secretKey);
  const hash = noteKeyHash(signer.name, ed25519.getPublicKey(signer.secretKey));
  const data = bytesToBase64(concatBytes(Uint8Array.of(NOTE_ALG_ED25519), signer.secretKey));
  return `PRIVATE+KEY+${signer.name}+${hex8(hash)}+${data}`;
}

export function parseSignerKey(text: string): NoteSigner {
  const prefix = 'PRIVATE+KEY+';
  if (typeof text !== 'string' || text.length > 1024 || !text.startsWith(prefix)) {
    throw new ProvenantError('key.invalid', 'signer key: expected PRIVATE+KEY+<name>+<hash>+<key>');
  }
  const { name, keyHash, key } = parseKeyString(text.slice(prefix.length), 'signer key');
  // The hash names the public key, so it can only be checked after deriving it.
  if (noteKeyHash(name, ed25519.getPublicKey(key)) !== keyHash) {
    throw new ProvenantError('key.invalid', 'signer key: wrong key hash');
  }
  return { name, secretKey: key.slice() };
}

/** Note text must be well-formed Unicode without ASCII control characters other than newline. */
function assertNoteText(text: string, what: string): void {
  if (text.length > MAX_NOTE_CHARS) throw new ProvenantError('input.tooLarge', `${what} is too long`);
  if (!text.isWellFormed() || CONTROL_RE.test(text)) {
    throw new ProvenantError('input.invalid', `${what} must be valid text without control characters`);
  }
}

/** Signs `body` (which must end in a newline) with each signer, in order; returns the whole note. */
export function signNote(body: string, signers: NoteSigner | readonly NoteSigner[]): string {
  if (typeof body !== 'string') throw new ProvenantError('input.invalid', 'note body must be a string');
  assertNoteText(body, 'note body');
  if (!body.endsWith('\n')) throw new ProvenantError('input.invalid', 'note body must end with a newline');
  const list = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0 || list.length > MAX_NOTE_SIGNATURES) {
    throw new ProvenantError('input.invalid', `a note needs 1 to ${MAX_NOTE_SIGNATURES} signers`);
  }
  const message = utf8(body);
  let lines = '';
  for (const signer of list) {
    assertKeyName(signer?.name);
    assertSecretKey(signer.secretKey);
    const hash = noteKeyHash(signer.name, ed25519.getPublicKey(signer.secretKey));
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, hash);
    const signature = ed25519.sign(message, signer.secretKey);
    lines += `${SIG_PREFIX}${signer.name} ${bytesToBase64(concatBytes(id, signature))}\n`;
  }
  return `${body}\n${lines}`;
}

function verifierTable(keys: readonly (string | NoteVerifierKey)[]): Map<string, NoteVerifierKey> {
  if (!Array.isArray(keys)) throw new ProvenantError('input.invalid', 'verifier keys must be an array');
  const table = new Map<string, NoteVerifierKey>();
  for (const k of keys) {
    const key = typeof k === 'string' ? parseVerifierKey(k) : k;
    assertKeyName(key?.name);
    assertEd25519PublicKey(key.publicKey);
    if (noteKeyHash(key.name, key.publicKey) !== key.keyHash) {
      throw new ProvenantError('key.invalid', `verifier key ${key.name}: wrong key hash`);
    }
    const id = `${key.name}+${hex8(key.keyHash)}`;
    const previous = table.get(id);
    // Same name and key hash for two different keys: someone is trying to confuse the verifier.
    if (previous && !equalBytes(previous.publicKey, key.publicKey)) {
      throw new ProvenantError('key.invalid', `ambiguous verifier key ${id}`);
    }
    table.set(id, key);
  }
  return table;
}

/**
 * Parses a signed note and checks the signatures of the known keys (strict RFC 8032 Ed25519, no ZIP-215).
 * Signatures by unknown keys (name and key hash not both known) are ignored. Throws input.invalid for a malformed
 * note (bytes must be UTF-8), input.tooLarge beyond MAX_NOTE_CHARS or MAX_NOTE_SIGNATURES, key.* for bad keys.
 */
export function openSignedNote(
  note: string | Uint8Array,
  verifierKeys: readonly (string | NoteVerifierKey)[],
): OpenedNote {
  let text: string;
  if (note instanceof Uint8Array) {
    if (note.length > 4 * MAX_NOTE_CHARS) throw new ProvenantError('input.tooLarge', 'note is too long');
    try {
      text = fromUtf8(note);
    } catch (cause) {
      throw new ProvenantError('input.invalid', 'note is not UTF-8', { cause });
    }
  } else if (typeof note === 'string') {
    text = note;
  } else {
    throw new ProvenantError('input.invalid', 'note must be a string or UTF-8 bytes');
  }
  const table = verifierTable(verifierKeys);
  assertNoteText(text, 'note');
  const malformed = (why: string) => new ProvenantError('input.invalid', `malformed note: ${why}`);

  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('the signature block must end with a newline');

  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new ProvenantError('input.tooLarge', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const message = utf8(body);
  const signatures: NoteSignature[] = [];
  const seenKeys = new Set<string>();
  const seenUnknownLines = new Set<string>();
  const verifiedBy: string[] = [];
  const failedBy: string[] = [];
  for (const line of lines) {
    if (!line.startsWith(SIG_PREFIX)) throw malformed('a signature line must start with "— "');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const encoded = space < 0 ? '' : rest.slice(space + 1);
    if (!isValidKeyName(name) || encoded === '') throw malformed('bad signature line');
    let raw: Uint8Array;
    try {
      raw = base64ToBytes(encoded);
    } catch (cause) {
      if (isProvenantError(cause)) throw malformed('signature is not base64');
      throw cause;
    }
    if (raw.length < 5) throw malformed('signature too short');
    const keyHash = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0);
    const signature = raw.slice(4);
    const id = `${name}+${hex8(keyHash)}`;
    const key = table.get(id);
    if (!key) {
      if (seenUnknownLines.has(line)) continue;
      seenUnknownLines.add(line);
      signatures.push({ name, keyHash, signature, status: 'unknownKey' });
      continue;
    }
    if (seenKeys.has(id)) continue;
    seenKeys.add(id);
    const ok = signature.length === ED25519_SIGNATURE_BYTES && verifyEd25519(signature, message, key.publicKey);
    signatures.push({ name, keyHash, signature, status: ok ? 'verified' : 'invalid' });
    const names = ok ? verifiedBy : failedBy;
    if (!names.includes(name)) names.push(name);
  }
  return { body, verifiedBy: failedBy.length > 0 ? [] : verifiedBy, failedBy, signatures };
}

function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
