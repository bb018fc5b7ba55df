/**
 * Signed submission receipts: the service key signs tagPrefix('receipt') ‖ JCS(body), body =
 * {v: 1, origin, manifestId, logIndex, receivedAt, anchorDeadline} — a promise to anchor that entry by the deadline.
 */
import { bytesToBase64url, concatBytes, fromUtf8 } from '../core/bytes.ts';
import { canonicalBytes } from '../core/canonical.ts';
import { type SigningKey, signBytes } from '../core/crypto/keys.ts';
import { tagPrefix } from '../core/hash.ts';

export interface ReceiptBody {
  v: 1;
  origin: string;
  manifestId: string;
  logIndex: number;
  receivedAt: number;
  anchorDeadline: number;
}

export interface Receipt extends ReceiptBody {
  keyId: string;
  /** base64url Ed25519 signature over tagPrefix('receipt') ‖ JCS(body). */
  sig: string;
}

export function receiptBodyBytes(body: ReceiptBody): Uint8Array {
  return canonicalBytes({ ...body });
}

export function receiptMessage(bodyBytes: Uint8Array): Uint8Array {
  return concatBytes(tagPrefix('receipt'), bodyBytes);
}

/** `signer` defaults to core's signBytes with `key`; the server passes a node:crypto signer of the same key. */
export function signReceipt(
  body: ReceiptBody,
  key: SigningKey,
  signer: (message: Uint8Array) => Uint8Array = (m) => signBytes(key, m),
): { bodyBytes: Uint8Array; sig: string } {
  const bodyBytes = receiptBodyBytes(body);
  return { bodyBytes, sig: bytesToBase64url(signer(receiptMessage(bodyBytes))) };
}

export function receiptFromStored(bodyBytes: Uint8Array, sig: string, keyId: string): Receipt {
  return { ...(JSON.parse(fromUtf8(bodyBytes)) as ReceiptBody), keyId, sig };
}
