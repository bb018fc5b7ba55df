/**
 * A validated but generic JSON value, for structures another module defines (tile proofs, quote proofs):
 * plain JSON only, bounded depth, size and string lengths, and strings limited to the base64url alphabet
 * (which covers lower-case hex) unless they are object keys.
 */
import * as z from 'zod';
import type { JsonValue } from '../canonical.ts';

export interface BoundedJsonLimits {
  maxDepth: number;
  maxNodes: number;
  maxString: number;
  maxKey: number;
  /** Allowed string values; base64url/hex by default. */
  stringPattern: RegExp;
}

export const PROOF_JSON_LIMITS: BoundedJsonLimits = {
  maxDepth: 12,
  maxNodes: 100_000,
  maxString: 65_536,
  maxKey: 64,
  stringPattern: /^[A-Za-z0-9_-]*$/,
};

const KEY_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Returns [relative path, message] of the first problem, or null. */
export function findJsonProblem(value: unknown, limits: BoundedJsonLimits): [PropertyKey[], string] | null {
  let nodes = 0;
  const walk = (v: unknown, path: PropertyKey[]): [PropertyKey[], string] | null => {
    if (++nodes > limits.maxNodes) return [path, `expected at most ${limits.maxNodes} JSON values`];
    if (path.length > limits.maxDepth) return [path, `expected nesting depth ≤ ${limits.maxDepth}`];
    if (v === null || typeof v === 'boolean') return null;
    if (typeof v === 'number') return Number.isSafeInteger(v) ? null : [path, 'expected a safe integer'];
    if (typeof v === 'string') {
      if (v.length > limits.maxString) return [path, `expected at most ${limits.maxString} chars`];
      return limits.stringPattern.test(v) ? null : [path, 'expected hex or base64url text'];
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], [...path, i]);
        if (p) return p;
      }
      return null;
    }
    const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
    if (proto === Object.prototype || proto === null) {
      for (const [k, item] of Object.entries(v as object)) {
        if (k.length > limits.maxKey || !KEY_RE.test(k)) return [[...path, k], 'expected an identifier-like key'];
        const p = walk(item, [...path, k]);
        if (p) return p;
      }
      return null;
    }
    return [path, 'expected a JSON value'];
  };
  return walk(value, []);
}

export function boundedJson(limits: BoundedJsonLimits = PROOF_JSON_LIMITS): z.ZodType<JsonValue> {
  return z.unknown().superRefine((v, ctx) => {
    const problem = findJsonProblem(v, limits);
    if (problem) ctx.addIssue({ code: 'custom', path: problem[0], message: problem[1] });
  }) as unknown as z.ZodType<JsonValue>;
}
