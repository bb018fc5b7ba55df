/** ECDSA scalar rules shared by P-256 and secp256k1: 1 ≤ r < n and 1 ≤ s ≤ n/2 (low-S, one spelling). */
import { bytesToBigIntBE } from './bigint-bytes.ts';

/** Splits the first 64 bytes r ‖ s of a signature and applies the rules; null means "invalid signature". */
export function lowSScalars(sig: Uint8Array, n: bigint): { r: bigint; s: bigint } | null {
  const r = bytesToBigIntBE(sig.subarray(0, 32));
  const s = bytesToBigIntBE(sig.subarray(32, 64));
  if (r === 0n || r >= n || s === 0n || s > n >> 1n) return null;
  return { r, s };
}
