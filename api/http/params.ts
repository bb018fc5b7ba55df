/** Strict readers for path and query parameters: anything off-format is input.invalid naming the parameter. */
import { ProvenantError } from '../../core/errors.ts';

const HEX64_RE = /^[0-9a-f]{64}$/;
const INT_RE = /^(?:0|[1-9][0-9]{0,15})$/;

export function hex64Param(value: string | undefined, name: string): string {
  if (value === undefined || !HEX64_RE.test(value)) {
    throw new ProvenantError('input.invalid', `${name} must be 64 lower-case hex digits`, { details: [name] });
  }
  return value;
}

export function intParam(
  value: string | undefined,
  name: string,
  options: { min?: number; fallback?: number } = {},
): number {
  if (value === undefined) {
    if (options.fallback !== undefined) return options.fallback;
    throw new ProvenantError('input.invalid', `${name} is required`, { details: [name] });
  }
  const n = Number(value);
  if (!INT_RE.test(value) || !Number.isSafeInteger(n) || n < (options.min ?? 0)) {
    throw new ProvenantError('input.invalid', `${name} must be a non-negative decimal integer`, { details: [name] });
  }
  return n;
}

export { bodyBytes } from './body.ts';
