/** SHA-256 of the fetched bytes with WebCrypto (native speed; core's noble hash is for streaming pixel digests). */
import { bytesToHex } from '../../../core/bytes.ts';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
