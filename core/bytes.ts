/** Byte helpers and boundary asserters. Uint8Array only: no Buffer, no node:*. */
import { ProvenantError } from './errors.ts';

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

export function assertBytes(value: unknown, name = 'bytes', length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ProvenantError('input.invalid', `${name} must be a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new ProvenantError('input.invalid', `${name} must be ${length} bytes, got ${value.length}`);
  }
}

export function assertString(value: unknown, name = 'value', maxLength = 1 << 20): asserts value is string {
  if (typeof value !== 'string') throw new ProvenantError('input.invalid', `${name} must be a string`);
  if (value.length > maxLength) throw new ProvenantError('input.tooLarge', `${name} is longer than ${maxLength}`);
}

export function assertSafeInteger(
  value: unknown,
  name = 'value',
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ProvenantError('input.invalid', `${name} must be an integer in [${min}, ${max}]`);
  }
}

/** Lower-case hex only: one canonical spelling for every digest and key id. */
export function hexToBytes(hex: string, expectedLength?: number): Uint8Array {
  assertString(hex, 'hex');
  if (!HEX_RE.test(hex)) throw new ProvenantError('encoding.invalid', 'hex must be lower-case with an even length');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new ProvenantError('encoding.invalid', `hex must encode ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}

const HEX_TABLE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX_TABLE[b];
  return s;
}

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL: readonly string[] = B64URL_ALPHABET.split('');
const B64URL_REV = new Int16Array(128).fill(-1);
for (let i = 0; i < B64URL_ALPHABET.length; i++) B64URL_REV[B64URL_ALPHABET.charCodeAt(i)] = i;

/** RFC 4648 §5 base64url without padding. */
export function bytesToBase64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += `${B64URL[n >> 18]}${B64URL[(n >> 12) & 63]}${B64URL[(n >> 6) & 63]}${B64URL[n & 63]}`;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${B64URL[n >> 18]}${B64URL[(n >> 12) & 63]}`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${B64URL[n >> 18]}${B64URL[(n >> 12) & 63]}${B64URL[(n >> 6) & 63]}`;
  }
  return out;
}

/** Strict decoder: rejects padding, foreign characters and non-zero trailing bits (one spelling per value). */
export function base64urlToBytes(text: string, expectedLength?: number): Uint8Array {
  assertString(text, 'base64url', 64 << 20);
  if (text.length % 4 === 1) throw new ProvenantError('encoding.invalid', 'base64url has an impossible length');
  const vals = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (B64URL_REV[c] as number) : -1;
    if (v < 0) throw new ProvenantError('encoding.invalid', 'base64url has a character outside its alphabet');
    vals[i] = v;
  }
  const full = Math.floor(text.length / 4);
  const rest = text.length % 4;
  const out = new Uint8Array(full * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  let i = 0;
  for (; i < full * 4; i += 4) {
    const n =
      ((vals[i] as number) << 18) |
      ((vals[i + 1] as number) << 12) |
      ((vals[i + 2] as number) << 6) |
      (vals[i + 3] as number);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (rest === 2) {
    const n = ((vals[i] as number) << 18) | ((vals[i + 1] as number) << 12);
    if (n & 0xffff) throw new ProvenantError('encoding.invalid', 'base64url has non-zero trailing bits');
    out[o++] = n >> 16;
  } else if (rest === 3) {
    const n = ((vals[i] as number) << 18) | ((vals[i + 1] as number) << 12) | ((vals[i + 2] as number) << 6);
    if (n & 0xff) throw new ProvenantError('encoding.invalid', 'base64url has non-zero trailing bits');
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
  }
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new ProvenantError('encoding.invalid', `base64url must encode ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch (cause) {
    throw new ProvenantError('encoding.invalid', 'bytes are not valid UTF-8', { cause });
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Constant-time for equal lengths; digests and MACs are compared with this. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function u64be(value: number): Uint8Array {
  assertSafeInteger(value, 'u64');
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

export function u32be(value: number): Uint8Array {
  assertSafeInteger(value, 'u32', 0, 0xffffffff);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}
