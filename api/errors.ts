/** Maps errors to `{error: {code, message, details?}}` responses; internal text never reaches a client. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, isProvenantError } from '../core/errors.ts';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  'input.tooLarge': 413,
  'media.tooLarge': 413,
  notFound: 404,
  'quote.notFound': 404,
  conflict: 409,
  'auth.required': 401,
  'auth.forbidden': 403,
  'policy.refused': 422,
  rateLimited: 429,
  'db.unavailable': 503,
  'chain.unreachable': 503,
  'ffmpeg.missing': 503,
  internal: 500,
};

/** Every other code is a client error: 400. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? 400;
}

const PUBLIC_MESSAGE: Partial<Record<ErrorCode, string>> = {
  internal: 'internal error',
  'db.unavailable': 'database unavailable',
};

export function errorBody(code: ErrorCode, message: string, details?: readonly string[]) {
  return { error: { code, message, ...(details && details.length > 0 ? { details: [...details] } : {}) } };
}

/** Connection failures of either driver: the request may be retried. */
function isDbUnavailable(e: unknown): boolean {
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } })?.code ?? (e as { cause?: { code?: unknown } })?.cause?.code;
  return (
    typeof code === 'string' &&
    (code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'CONNECTION_ENDED' ||
      code === 'CONNECTION_CLOSED' ||
      code === 'CONNECTION_DESTROYED' ||
      code === 'CONNECT_TIMEOUT' ||
      code.startsWith('57P') ||
      code.startsWith('08'))
  );
}

export function onError(err: Error, c: Context, log?: (e: unknown) => void) {
  if (isProvenantError(err)) {
    const message = PUBLIC_MESSAGE[err.code] ?? err.message;
    return c.json(errorBody(err.code, message, err.details), statusOf(err.code));
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode =
      status === 413
        ? 'input.tooLarge'
        : status === 429
          ? 'rateLimited'
          : status === 404
            ? 'notFound'
            : status < 500
              ? 'input.invalid'
              : 'internal';
    return c.json(errorBody(code, code), statusOf(code));
  }
  log?.(err);
  if (isDbUnavailable(err)) return c.json(errorBody('db.unavailable', 'database unavailable'), 503);
  return c.json(errorBody('internal', 'internal error'), 500);
}
