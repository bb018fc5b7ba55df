/**
 * The log leaf: a fixed-length big-endian record, hashed as an RFC 6962 leaf (SHA-256(0x00 ‖ leaf)).
 *
 *   version u8 (= 1) ‖ kind u8 ‖ receivedAt u64 (ms) ‖ manifestDigest [32] ‖ subjectDigest [32] ‖ signer [32]
 *
 * Digest meaning per kind:
 *   manifest      claim digest                              ‖ media or transcript subject digest
 *   cosignature   claim digest of the co-signed manifest    ‖ SHA-256 of the signature entry's canonical bytes
 *   keyStatement  statement digest                          ‖ SHA-256 of the public key
 *   revocation    revocation statement digest               ‖ the revoked key id, in the 32-byte key-id encoding
 * signer is the signing key's id in the 32-byte key-id encoding (see key-id.ts).
 */
import { bytesToHex, hexToBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { leafHash, type Sha256 } from '../merkle/index.ts';
import { keyIdFromBytes, keyIdToBytes } from './key-id.ts';

export const LEAF_VERSION = 1;
export const LEAF_LENGTH = 106;

export const LEAF_KINDS = { manifest: 1, cosignature: 2, keyStatement: 3, revocation: 4 } as const;
export type LeafKind = keyof typeof LEAF_KINDS;
const KIND_BY_CODE = new Map<number, LeafKind>(Object.entries(LEAF_KINDS).map(([k, v]) => [v, k as LeafKind]));

export interface LogLeafFields {
  kind: LeafKind;
  /** When the log received the entry, in ms since the Unix epoch. */
  receivedAt: number;
  /** 64 lower-case hex chars. */
  manifestDigest: string;
  /** 64 lower-case hex chars (for a revocation: hex of the revoked key id's 32-byte encoding). */
  subjectDigest: string;
  /** Key id: 64 lower-case hex chars or an EIP-55 address. */
  signer: string;
}

export interface LogLeaf extends LogLeafFields {
  version: typeof LEAF_VERSION;
}

const OFFSET = { version: 0, kind: 1, receivedAt: 2, manifestDigest: 10, subjectDigest: 42, signer: 74 } as const;
const DIGEST_RE = /^[0-9a-f]{64}$/;

function invalid(message: string, field?: string): ProvenantError {
  return new ProvenantError('input.invalid', `log leaf: ${message}`, field ? { details: [field] } : undefined);
}

function digestBytes(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !DIGEST_RE.test(value)) throw invalid('expected 64 lower-case hex chars', field);
  return hexToBytes(value);
}

export function encodeLeaf(fields: LogLeafFields): Uint8Array {
  if (typeof fields !== 'object' || fields === null) throw invalid('fields must be an object');
  const kind = typeof fields.kind === 'string' && Object.hasOwn(LEAF_KINDS, fields.kind) ? LEAF_KINDS[fields.kind] : 0;
  if (kind === 0) throw invalid(`kind must be one of ${Object.keys(LEAF_KINDS).join(', ')}`, 'kind');
  if (!Number.isSafeInteger(fields.receivedAt) || fields.receivedAt < 0) {
    throw invalid('receivedAt must be a non-negative safe integer (ms)', 'receivedAt');
  }
  let signer: Uint8Array;
  try {
    signer = keyIdToBytes(fields.signer);
  } catch (cause) {
    throw new ProvenantError('input.invalid', 'log leaf: signer is not a key id', { cause, details: ['signer'] });
  }
  const out = new Uint8Array(LEAF_LENGTH);
  const view = new DataView(out.buffer);
  out[OFFSET.version] = LEAF_VERSION;
  out[OFFSET.kind] = kind;
  view.setBigUint64(OFFSET.receivedAt, BigInt(fields.receivedAt));
  out.set(digestBytes(fields.manifestDigest, 'manifestDigest'), OFFSET.manifestDigest);
  out.set(digestBytes(fields.subjectDigest, 'subjectDigest'), OFFSET.subjectDigest);
  out.set(signer, OFFSET.signer);
  return out;
}

/** Strict: exactly LEAF_LENGTH bytes, version 1, a known kind, a safe-integer time and a canonical signer. */
export function decodeLeaf(bytes: Uint8Array): LogLeaf {
  if (!(bytes instanceof Uint8Array)) throw invalid('must be a Uint8Array');
  if (bytes.length !== LEAF_LENGTH) throw invalid(`must be ${LEAF_LENGTH} bytes, got ${bytes.length}`);
  if (bytes[OFFSET.version] !== LEAF_VERSION) throw invalid(`unknown version ${bytes[OFFSET.version]}`, 'version');
  const kind = KIND_BY_CODE.get(bytes[OFFSET.kind] as number);
  if (!kind) throw invalid(`unknown kind ${bytes[OFFSET.kind]}`, 'kind');
  const receivedAt = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getBigUint64(OFFSET.receivedAt);
  if (receivedAt > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid('receivedAt is beyond 2^53 − 1', 'receivedAt');
  const signerBytes = bytes.subarray(OFFSET.signer, OFFSET.signer + 32);
  const signer = keyIdFromBytes(signerBytes);
  return {
    version: LEAF_VERSION,
    kind,
    receivedAt: Number(receivedAt),
    manifestDigest: bytesToHex(bytes.subarray(OFFSET.manifestDigest, OFFSET.manifestDigest + 32)),
    subjectDigest: bytesToHex(bytes.subarray(OFFSET.subjectDigest, OFFSET.subjectDigest + 32)),
    signer,
  };
}

/** The RFC 6962 leaf hash of an encoded leaf: what the log's Merkle tree commits to. */
export function logLeafHash(leafBytes: Uint8Array, h?: Sha256): Uint8Array {
  if (!(leafBytes instanceof Uint8Array) || leafBytes.length !== LEAF_LENGTH) {
    throw invalid(`must be ${LEAF_LENGTH} bytes`);
  }
  return leafHash(leafBytes, h);
}

/** subjectDigest of a revocation leaf: hex of the revoked key id's 32-byte encoding. */
export function revocationSubject(revokedKeyId: string): string {
  return bytesToHex(keyIdToBytes(revokedKeyId));
}
