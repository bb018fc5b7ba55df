/**
 * RFC 4648 §4 standard base64 with padding, as signed notes and checkpoints use it. The decoder is strict (one
 * spelling per value): it rejects missing or extra padding, foreign characters and non-zero trailing bits.
 */
import { ProvenantError } from '../errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REVERSE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) REVERSE[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}${ALPHABET[n & 63]}`;
  }
  if (bytes.length - i === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}==`;
  } else if (bytes.length - i === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}=`;
  }
  return out;
}

/** Strict decoding; throws encoding.invalid. */
export function base64ToBytes(text: string): Uint8Array {
  const bad = (why: string) => new ProvenantError('encoding.invalid', `base64 ${why}`);
  if (typeof text !== 'string') throw bad('must be a string');
  if (text.length % 4 !== 0) throw bad('length must be a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const isPad = last && k >= 4 - pad;
      const v = isPad ? 0 : c < 128 ? (REVERSE[c] as number) : -1;
      if (isPad ? c !== 61 : v < 0) throw bad('has a character outside its alphabet or misplaced padding');
      n = (n << 6) | v;
    }
    if (last && pad === 2 && (n & 0xffff) !== 0) throw bad('has non-zero trailing bits');
    if (last && pad === 1 && (n & 0xff) !== 0) throw bad('has non-zero trailing bits');
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
