/**
 * Ed25519 signing with node:crypto for the service key (receipts are signed on every submission; noble's pure-JS
 * signing dominated ingest CPU). Ed25519 is deterministic, so signatures equal core's signBytes (tested).
 */
import { createPrivateKey, sign } from 'node:crypto';
import { concatBytes } from '../core/bytes.ts';

/** RFC 8410 PKCS#8 prefix for a raw 32-byte Ed25519 seed. */
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

export type Ed25519Signer = (message: Uint8Array) => Uint8Array;

export function fastEd25519Signer(seed: Uint8Array): Ed25519Signer {
  const key = createPrivateKey({
    key: Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, seed)),
    format: 'der',
    type: 'pkcs8',
  });
  return (message) => new Uint8Array(sign(null, message, key));
}
