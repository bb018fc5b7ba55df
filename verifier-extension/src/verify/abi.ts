/**
 * The few ABI pieces the verifier needs to read ProvenantAnchor (anchor/contracts/ProvenantAnchor.sol) with a bare
 * eth_call: function selectors and fixed-size return words. Deliberately tiny; the extension never bundles ethers.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, utf8 } from '../../../core/bytes.ts';

/** First four bytes of keccak-256 of the canonical signature, e.g. `latestCheckpoint()`. */
export function selector(signature: string): string {
  return `0x${bytesToHex(keccak_256(utf8(signature)).subarray(0, 4))}`;
}

/** A uint256 argument as one 32-byte word (no 0x). */
export function encodeUint256(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('uint256 argument must be a safe integer ≥ 0');
  return value.toString(16).padStart(64, '0');
}

/** Splits return data into 32-byte words; throws on anything that is not whole words of hex. */
export function decodeWords(data: string, count: number): Uint8Array[] {
  if (!/^0x(?:[0-9a-fA-F]{64})*$/.test(data)) throw new RangeError('return data is not a sequence of 32-byte words');
  const bytes = hexToBytes(data.slice(2).toLowerCase());
  if (bytes.length < count * 32) throw new RangeError(`return data has fewer than ${count} words`);
  return Array.from({ length: count }, (_, i) => bytes.subarray(i * 32, (i + 1) * 32));
}

/** A uint256 word as a safe integer; throws if it does not fit (a checkpoint field never exceeds 2^40). */
export function wordToSafeInteger(word: Uint8Array): number {
  const value = BigInt(`0x${bytesToHex(word)}`);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('uint256 value beyond 2^53 − 1');
  return Number(value);
}
