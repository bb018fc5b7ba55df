/** Ethereum addresses: keccak-256 of the uncompressed secp256k1 key, last 20 bytes, EIP-55 checksummed. */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8 } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** EIP-55: upper-case the i-th hex letter iff the i-th nibble of keccak256(lower-case hex) is ≥ 8. */
export function toChecksumAddress(address: string): string {
  if (!ADDRESS_RE.test(address)) throw new ProvenantError('encoding.invalid', 'address must be 0x and 40 hex digits');
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = lower[i] as string;
    out += Number.parseInt(hash[i] as string, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/** True only for the exact EIP-55 spelling (all-lower or all-upper spellings are not accepted as key ids). */
export function isChecksumAddress(value: unknown): value is string {
  return typeof value === 'string' && ADDRESS_RE.test(value) && toChecksumAddress(value) === value;
}

/** The checksummed address of a secp256k1 public key (compressed or uncompressed SEC1). */
export function ethereumAddress(publicKey: Uint8Array): string {
  let uncompressed: Uint8Array;
  try {
    uncompressed = secp256k1.Point.fromBytes(publicKey).toBytes(false);
  } catch (cause) {
    throw new ProvenantError('key.invalid', 'secp256k1 public key is not a curve point', { cause });
  }
  return toChecksumAddress(`0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`);
}
