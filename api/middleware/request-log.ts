/** Request ids and one structured JSON log line per request. */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const id = globalThis.crypto.randomUUID();
    c.header('X-Request-Id', id);
    const started = performance.now();
    await next();
    logger.info(
      {
        reqId: id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
