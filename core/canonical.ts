/** RFC 8785 (JCS) canonical JSON: the only encoding that is ever signed (invariant 1). */
import canonicalizeModule from 'canonicalize';
import { fromUtf8, utf8 } from './bytes.ts';
import { ProvenantError } from './errors.ts';

// The package is CommonJS: at run time the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;

/** I-JSON (RFC 7493) restrictions that JCS relies on; checked before the library serialises. */
function assertIJson(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new ProvenantError('json.invalid', `JSON nests deeper than ${MAX_DEPTH}`);
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (!value.isWellFormed()) throw new ProvenantError('json.invalid', 'JSON string has a lone surrogate');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ProvenantError('json.invalid', 'JSON number must be finite');
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) assertIJson(v, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new ProvenantError('json.invalid', 'only plain objects can be canonicalised');
    }
    for (const [k, v] of Object.entries(value)) {
      if (!k.isWellFormed()) throw new ProvenantError('json.invalid', 'JSON key has a lone surrogate');
      if (v === undefined) throw new ProvenantError('json.invalid', `JSON member "${k}" is undefined`);
      assertIJson(v, depth + 1);
    }
    return;
  }
  throw new ProvenantError('json.invalid', `${typeof value} is not a JSON value`);
}

export function canonicalJson(value: unknown): string {
  assertIJson(value, 0);
  const text = canonicalize(value);
  if (text === undefined) throw new ProvenantError('json.invalid', 'value has no JSON form');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}

/** Parse JSON text with a size bound; `JSON.parse` errors become a coded error. */
export function parseJson(text: string, maxBytes = 8 << 20): unknown {
  if (text.length > maxBytes) throw new ProvenantError('input.tooLarge', `JSON is larger than ${maxBytes} bytes`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ProvenantError('json.invalid', 'not valid JSON', { cause });
  }
}

/**
 * Parse bytes that claim to be canonical and prove it: they must re-serialise to themselves.
 * This rejects whitespace, duplicate keys, unsorted members and alternative number spellings.
 */
export function parseCanonical(bytes: Uint8Array, maxBytes = 8 << 20): JsonValue {
  if (bytes.length > maxBytes) throw new ProvenantError('input.tooLarge', `JSON is larger than ${maxBytes} bytes`);
  const text = fromUtf8(bytes);
  const value = parseJson(text, maxBytes);
  if (canonicalJson(value) !== text)
    throw new ProvenantError('json.nonCanonical', 'bytes are not RFC 8785 canonical JSON');
  return value as JsonValue;
}
