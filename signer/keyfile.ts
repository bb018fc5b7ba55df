/**
 * Key files: a signer's key pair, its signed key statement (self-signed, optionally endorsed) and the statements
 * of its endorsers, in one JSON file written with mode 0600. The secret key is stored plain or encrypted with
 * scrypt + AES-256-GCM; the GCM additional data binds the ciphertext to the file's alg, key id and public key,
 * so a ciphertext cannot be moved under another key's header.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';
import * as z from 'zod';
import { base64urlToBytes, bytesToBase64url, equalBytes, fromUtf8 } from '../core/bytes.ts';
import { canonicalBytes, parseJson } from '../core/canonical.ts';
import { ALGS, type Alg } from '../core/crypto/algorithms.ts';
import { generateKey, keyFromSecret, type RandomBytes, type SigningKey } from '../core/crypto/keys.ts';
import {
  checkKeyStatement,
  issueKeyStatement,
  type KeyStatementEnvelope,
  KeyStatementEnvelopeSchema,
  type Subject,
} from '../core/crypto/statements.ts';
import { isProvenantError, ProvenantError } from '../core/errors.ts';
import { tagPrefix } from '../core/hash.ts';
import { formatIssues } from '../core/manifest/issues.ts';
import { readSmallFile, SECRET_FILE_MODE, writeOutputFile } from './files.ts';

export const KEY_FILE_TYPE = 'provenant-key';
export const MAX_KEY_FILE_BYTES = 256 * 1024;
/** Endorsers above the key, closest first (the trust chain is at most 8 keys including this one). */
export const MAX_CHAIN_STATEMENTS = 7;

/** scrypt cost for new files: 2^15 × 8 × 128 B = 32 MiB of memory, ≈ 0.1 s. */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
/** Bounds on the cost a (possibly hostile) file may demand when it is opened. */
const SCRYPT_MAX_LOG2_N = 20;
const SCRYPT_MAX_MEMORY = 512 * 1024 * 1024;

const b64u = (bytes: number) =>
  z
    .string()
    .max(Math.ceil((bytes * 4) / 3))
    .refine((s) => {
      try {
        base64urlToBytes(s, bytes);
        return true;
      } catch {
        return false;
      }
    }, `expected ${bytes} bytes as unpadded base64url`);

const PlainSecretSchema = z.strictObject({ encryption: z.literal('none'), key: b64u(32) });

const EncryptedSecretSchema = z.strictObject({
  encryption: z.literal('scrypt-aes-256-gcm'),
  scrypt: z
    .strictObject({
      N: z
        .int()
        .min(2)
        .max(2 ** SCRYPT_MAX_LOG2_N)
        .refine((n) => (n & (n - 1)) === 0, 'expected a power of two'),
      r: z.int().min(1).max(32),
      p: z.int().min(1).max(16),
      salt: b64u(16),
    })
    .refine((s) => 128 * s.N * s.r * (s.p + 1) <= SCRYPT_MAX_MEMORY, 'scrypt parameters need too much memory'),
  iv: b64u(12),
  ciphertext: b64u(32),
  tag: b64u(16),
});

export const KeyFileSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal(KEY_FILE_TYPE),
  alg: z.enum(ALGS),
  keyId: z.string().max(66),
  publicKey: z.string().max(44),
  statement: KeyStatementEnvelopeSchema,
  chain: z.array(KeyStatementEnvelopeSchema).max(MAX_CHAIN_STATEMENTS),
  secret: z.discriminatedUnion('encryption', [PlainSecretSchema, EncryptedSecretSchema]),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export interface LoadedKey {
  readonly key: SigningKey;
  readonly file: KeyFile;
}

function invalid(message: string, details: readonly string[] = []): ProvenantError {
  return new ProvenantError('key.invalid', message, { details });
}

/** AES-GCM additional data: tagPrefix('keyFile') ‖ JCS({v, alg, keyId, publicKey}). */
function keyFileAad(file: Pick<KeyFile, 'alg' | 'keyId' | 'publicKey'>): Uint8Array {
  const header = canonicalBytes({ v: 1, alg: file.alg, keyId: file.keyId, publicKey: file.publicKey });
  const prefix = tagPrefix('keyFile');
  const out = new Uint8Array(prefix.length + header.length);
  out.set(prefix);
  out.set(header, prefix.length);
  return out;
}

function scrypt(passphrase: string, salt: Uint8Array, N: number, r: number, p: number): Promise<Buffer> {
  // Passphrases are NFC-normalised so the same typed text opens the file on every platform.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    scryptCb(secret, salt, 32, { N, r, p, maxmem: SCRYPT_MAX_MEMORY + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

async function encryptSecret(
  secretKey: Uint8Array,
  header: Pick<KeyFile, 'alg' | 'keyId' | 'publicKey'>,
  passphrase: string,
): Promise<KeyFile['secret']> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { N, r, p } = SCRYPT_DEFAULTS;
  const kek = await scrypt(passphrase, salt, N, r, p);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(keyFileAad(header));
  const ciphertext = Buffer.concat([cipher.update(secretKey), cipher.final()]);
  return {
    encryption: 'scrypt-aes-256-gcm',
    scrypt: { N, r, p, salt: bytesToBase64url(salt) },
    iv: bytesToBase64url(iv),
    ciphertext: bytesToBase64url(ciphertext),
    tag: bytesToBase64url(cipher.getAuthTag()),
  };
}

async function decryptSecret(file: KeyFile, passphrase: string | undefined): Promise<Uint8Array> {
  const secret = file.secret;
  if (secret.encryption === 'none') return base64urlToBytes(secret.key, 32);
  if (passphrase === undefined || passphrase === '') {
    throw new ProvenantError('key.locked', 'the key file is encrypted: give its passphrase (--passphrase-env VAR)', {
      details: ['passphrase: missing'],
    });
  }
  const { N, r, p, salt } = secret.scrypt;
  const kek = await scrypt(passphrase, base64urlToBytes(salt), N, r, p);
  const decipher = createDecipheriv('aes-256-gcm', kek, base64urlToBytes(secret.iv));
  decipher.setAAD(keyFileAad(file));
  decipher.setAuthTag(base64urlToBytes(secret.tag));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(base64urlToBytes(secret.ciphertext)), decipher.final()]));
  } catch (e) {
    // GCM cannot tell a wrong passphrase from an edited file; both mean "this passphrase does not open it".
    throw new ProvenantError('key.locked', 'wrong passphrase (or the key file was modified)', {
      cause: e,
      details: ['passphrase: wrong'],
    });
  }
}

/** Checks the structure and every statement; returns the parsed file. Throws 'key.invalid' with details. */
export function parseKeyFile(input: unknown): KeyFile {
  const parsed = KeyFileSchema.safeParse(input);
  if (!parsed.success) {
    const details = formatIssues(parsed.error.issues, input);
    throw invalid(`malformed key file: ${details[0] ?? 'unknown problem'}`, details);
  }
  const file = parsed.data;
  const s = file.statement.statement;
  if (s.keyId !== file.keyId || s.alg !== file.alg || s.publicKey !== file.publicKey) {
    throw invalid('the key statement is not about this file’s key', ['statement']);
  }
  const checks = [file.statement, ...file.chain].map((envelope, i) => {
    try {
      return checkKeyStatement(envelope).valid;
    } catch (e) {
      if (isProvenantError(e)) throw invalid(`key statement ${i} is invalid: ${e.message}`, [`chain[${i}]`]);
      throw e;
    }
  });
  if (!checks[0]) throw invalid('the key statement’s signatures do not verify', ['statement.signatures']);
  const bad = checks.indexOf(false, 1);
  if (bad > 0) throw invalid('an endorser’s key statement does not verify', [`chain[${bad - 1}]`]);
  return file;
}

export function parseKeyFileText(text: Uint8Array | string): KeyFile {
  let value: unknown;
  try {
    value = parseJson(typeof text === 'string' ? text : fromUtf8(text), MAX_KEY_FILE_BYTES);
  } catch (e) {
    throw new ProvenantError('key.invalid', 'the key file is not JSON', { cause: e, details: ['json'] });
  }
  return parseKeyFile(value);
}

/** The public part of a key file, for embedding statements; nothing secret is decrypted. */
export async function readKeyFile(path: string): Promise<KeyFile> {
  return parseKeyFileText(await readSmallFile(path, MAX_KEY_FILE_BYTES, 'key file'));
}

/** Opens a key file: decrypts the secret (if encrypted) and checks it is the file's public key. */
export async function openKeyFile(file: KeyFile, passphrase?: string): Promise<LoadedKey> {
  const secret = await decryptSecret(file, passphrase);
  let key: SigningKey;
  try {
    key = keyFromSecret(file.alg, secret);
  } catch {
    throw invalid('the secret key is not a valid key for its algorithm', ['secret']);
  }
  if (key.keyId !== file.keyId || !equalBytes(key.publicKey, base64urlToBytes(file.publicKey))) {
    throw invalid('the secret key does not match the file’s public key', ['secret']);
  }
  return { key, file };
}

export async function loadKeyFile(path: string, passphrase?: string): Promise<LoadedKey> {
  return openKeyFile(await readKeyFile(path), passphrase);
}

/** Key statements a verifier needs for this key: its own, then its endorsers', closest first. */
export function statementsOf(file: KeyFile): KeyStatementEnvelope[] {
  return [file.statement, ...file.chain] as KeyStatementEnvelope[];
}

export interface CreateKeyOptions {
  alg: Alg;
  subject: Subject;
  issuedAt: number;
  endorser?: LoadedKey;
  passphrase?: string;
  randomBytes?: RandomBytes;
}

export async function createKeyFile(options: CreateKeyOptions): Promise<LoadedKey> {
  const key = generateKey(options.alg, options.randomBytes);
  let statement: KeyStatementEnvelope;
  try {
    statement = issueKeyStatement({
      key,
      subject: options.subject,
      issuedAt: options.issuedAt,
      ...(options.endorser ? { endorser: options.endorser.key } : {}),
    });
  } catch (e) {
    // A bad subject (empty name, control characters) is the user's input.
    if (isProvenantError(e, 'statement.invalid')) {
      throw new ProvenantError('input.invalid', e.message, { cause: e, details: e.details });
    }
    throw e;
  }
  const chain = options.endorser ? statementsOf(options.endorser.file).slice(0, MAX_CHAIN_STATEMENTS) : [];
  const header = { alg: key.alg, keyId: key.keyId, publicKey: bytesToBase64url(key.publicKey) };
  const secret: KeyFile['secret'] =
    options.passphrase === undefined
      ? { encryption: 'none', key: bytesToBase64url(key.secretKey) }
      : await encryptSecret(key.secretKey, header, options.passphrase);
  const file = parseKeyFile({ v: 1, type: KEY_FILE_TYPE, ...header, statement, chain, secret });
  return { key, file };
}

export async function writeKeyFile(path: string, file: KeyFile, force = false): Promise<void> {
  await writeOutputFile(path, `${JSON.stringify(file, null, 2)}\n`, { force, mode: SECRET_FILE_MODE });
}

/** The passphrase from the named environment variable; an unset or empty variable is a usage error. */
export function passphraseFromEnv(variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  const value = process.env[variable];
  if (value === undefined || value === '') {
    throw new ProvenantError('input.invalid', `environment variable ${variable} is not set or empty`);
  }
  return value;
}
