/**
 * Key ids in 32 bytes, for the log leaf. A key id is 64 lower-case hex chars (a SHA-256 value: Ed25519 and P-256
 * keys) or, for secp256k1 keys, an EIP-55 checksummed Ethereum address, stored like an ABI-encoded address:
 * 12 zero bytes ‖ the 20 address bytes. Decoding restores the checksummed spelling.
 */
import { bytesToHex, hexToBytes } from '../bytes.ts';
import { isChecksumAddress, toChecksumAddress } from '../crypto/ethereum-address.ts';
import { ProvenantError } from '../errors.ts';

export const KEY_ID_BYTES = 32;
const ADDRESS_PAD = 12;

const SHA256_ID_RE = /^[0-9a-f]{64}$/;

// One EIP-55 implementation for the whole protocol: the log re-exports the crypto module's.
export { isChecksumAddress, toChecksumAddress };

/**
 * The 32-byte form of a key id. Refuses anything but the two canonical spellings, and refuses a SHA-256 id that
 * starts with 12 zero bytes (probability 2^-96), which would decode as an address: decode ∘ encode is the identity.
 */
export function keyIdToBytes(keyId: string): Uint8Array {
  if (typeof keyId === 'string' && SHA256_ID_RE.test(keyId)) {
    if (keyId.startsWith('0'.repeat(2 * ADDRESS_PAD))) {
      throw new ProvenantError('input.invalid', 'a SHA-256 key id with 12 leading zero bytes is not representable');
    }
    return hexToBytes(keyId);
  }
  if (isChecksumAddress(keyId)) {
    const out = new Uint8Array(KEY_ID_BYTES);
    out.set(hexToBytes(keyId.slice(2).toLowerCase()), ADDRESS_PAD);
    return out;
  }
  throw new ProvenantError('input.invalid', 'a key id is 64 lower-case hex chars or an EIP-55 checksummed address');
}

/** Inverse of keyIdToBytes. */
export function keyIdFromBytes(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array) || bytes.length !== KEY_ID_BYTES) {
    throw new ProvenantError('input.invalid', `a key id is ${KEY_ID_BYTES} bytes`);
  }
  const isAddress = bytes.subarray(0, ADDRESS_PAD).every((b) => b === 0);
  return isAddress ? toChecksumAddress(`0x${bytesToHex(bytes.subarray(ADDRESS_PAD))}`) : bytesToHex(bytes);
}
