/**
 * Zod building blocks for signed JSON: one canonical spelling per value (lower-case hex digests, strict
 * base64url, EIP-55 addresses, integer milliseconds) and a bound on every string, number and array.
 */
import * as z from 'zod';
import { base64urlToBytes } from '../bytes.ts';
import { isChecksumAddress } from '../crypto/ethereum-address.ts';

/** `n` lower-case hex characters. */
export function hexChars(n: number) {
  return z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`), `expected ${n} lower-case hex chars`);
}

/** A SHA-256 digest (claim digests, file and raster hashes, Merkle roots). */
export const DigestSchema = hexChars(64);

const B64URL_RE = /^[A-Za-z0-9_-]*$/;

function isStrictBase64url(s: string): boolean {
  if (!B64URL_RE.test(s)) return false;
  try {
    base64urlToBytes(s);
    return true;
  } catch {
    return false;
  }
}

/** Unpadded base64url with zero trailing bits, at most `maxChars` characters. */
export function base64url(maxChars: number, minChars = 0) {
  return z
    .string()
    .min(minChars, `expected at least ${minChars} base64url chars`)
    .max(maxChars, `expected at most ${maxChars} base64url chars`)
    .refine(isStrictBase64url, 'expected unpadded base64url (RFC 4648 §5) with zero trailing bits');
}

/** A key id: 64 lower-case hex chars (Ed25519, P-256) or an EIP-55 address (secp256k1). */
export const KeyIdSchema = z
  .string()
  .refine(
    (s) => /^[0-9a-f]{64}$/.test(s) || isChecksumAddress(s),
    'expected 64 lower-case hex chars or an EIP-55 checksummed 0x address',
  );

/** 9999-12-31T23:59:59.999Z: keeps times far inside the safe-integer range. */
export const MAX_TIME_MS = 253_402_300_799_999;

/** Integer milliseconds since the Unix epoch. */
export const TimeMsSchema = z.int().min(0, 'expected a time ≥ 0').max(MAX_TIME_MS, 'expected a time before year 10000');

export function intIn(min: number, max: number) {
  return z.int().min(min, `expected an integer ≥ ${min}`).max(max, `expected an integer ≤ ${max}`);
}

/** Pixel dimensions and coordinates. */
export const MAX_PIXELS_EDGE = 65_535;
export const PixelEdgeSchema = intIn(1, MAX_PIXELS_EDGE);
export const PixelCoordSchema = intIn(0, MAX_PIXELS_EDGE - 1);

/** File sizes up to 1 TiB. */
export const ByteLengthSchema = intIn(0, 2 ** 40);

/** Durations up to 7 days. */
export const DurationMsSchema = intIn(0, 7 * 24 * 3600 * 1000);

// C0/C1 controls and the bidi embedding/override/isolate controls: they let a label render as something else.
const LABEL_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Prose may also contain tabs and newlines.
const PROSE_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A short single-line display string: non-empty, no controls, no bidi overrides, well-formed UTF-16. */
export function label(max: number) {
  return z
    .string()
    .min(1, 'expected a non-empty string')
    .max(max, `expected at most ${max} chars`)
    .refine((s) => s.isWellFormed(), 'expected well-formed Unicode (no lone surrogates)')
    .refine((s) => !LABEL_FORBIDDEN.test(s), 'must not contain control or bidi-override characters');
}

/** Free text (descriptions, quotes): tabs and newlines allowed, other controls not. */
export function prose(max: number) {
  return z
    .string()
    .min(1, 'expected a non-empty string')
    .max(max, `expected at most ${max} chars`)
    .refine((s) => s.isWellFormed(), 'expected well-formed Unicode (no lone surrogates)')
    .refine((s) => !PROSE_FORBIDDEN.test(s), 'must not contain control or bidi-override characters');
}

/** Machine tokens such as ffmpeg codec and container names ("aac", "h264", "mov,mp4,m4a,3gp,3g2,mj2"). */
export const TokenSchema = z.string().regex(/^[a-z0-9][a-z0-9_.,+-]{0,63}$/, 'expected a lower-case token');

/** RFC 6838 type/subtype, lower-case, without parameters; `top` pins the top-level type. */
export function mediaType(top?: readonly string[]) {
  return z
    .string()
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/, 'expected a lower-case media type')
    .refine(
      (s) => top === undefined || top.includes(s.slice(0, s.indexOf('/'))),
      `expected a media type under ${top?.join('/ or ')}/`,
    );
}

/**
 * A reference to another manifest. The manifest id IS the hex claim digest, so both fields carry the same
 * value; the redundancy is kept so a reader of the claim sees what is bound, and they must agree.
 */
export const ClaimRefSchema = z
  .strictObject({ manifestId: DigestSchema, claimDigest: DigestSchema })
  .refine((r) => r.manifestId === r.claimDigest, {
    path: ['claimDigest'],
    message: 'must equal manifestId (a manifest id is its claim digest)',
  });
export type ClaimRef = z.infer<typeof ClaimRefSchema>;

/** Non-empty list of distinct values. */
export function distinct<T extends z.ZodType>(item: T, max: number, min = 1) {
  return z
    .array(item)
    .min(min, `expected at least ${min} items`)
    .max(max, `expected at most ${max} items`)
    .refine((xs) => new Set(xs).size === xs.length, 'expected distinct values');
}
