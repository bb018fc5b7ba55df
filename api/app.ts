/** The Hono application: middleware, one sub-app per resource, one error mapper. */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ProvenantError } from '../core/errors.ts';
import { errorBody, onError } from './errors.ts';
import { limitBody } from './http/body.ts';
import { recordMetrics } from './middleware/metrics.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { requestLog } from './middleware/request-log.ts';
import { openApiDocument } from './openapi.ts';
import { keyRoutes } from './routes/keys.ts';
import { logRoutes } from './routes/log.ts';
import { manifestRoutes } from './routes/manifests.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { pageRoutes } from './routes/pages.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { verifyRoutes } from './routes/verify.ts';
import type { Services } from './services.ts';

/** The client address as the Node adapter reports it; behind a proxy, configure the proxy to rate-limit instead. */
function clientAddress(c: { env: unknown }): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export function createApp(s: Services): Hono {
  const app = new Hono();
  app.use('*', requestLog(s.logger));
  app.use('*', recordMetrics(s.metrics));
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization'],
      exposeHeaders: ['X-Request-Id'],
    }),
  );
  app.use('/v1/*', rateLimit(s.config.RATE_LIMIT_PER_MINUTE, clientAddress, s.now));
  const jsonBodyLimit = limitBody(s.config.BODY_LIMIT_BYTES, () => {
    throw new ProvenantError('input.tooLarge', `request body is larger than ${s.config.BODY_LIMIT_BYTES} bytes`);
  });
  // Uploads to /v1/verify are media files: that route applies its own, larger limit.
  app.use('/v1/*', (c, next) => (c.req.path === '/v1/verify' ? next() : jsonBodyLimit(c, next)));
  const openapi = openApiDocument();
  app.get('/openapi.json', (c) => c.json(openapi));
  app.get('/healthz', (c) => c.json({ ok: true, origin: s.config.LOG_ORIGIN }));
  app.route('/metrics', metricsRoutes(s));
  app.route('/', pageRoutes(openapi));
  app.route('/v1/manifests', manifestRoutes(s));
  app.route('/v1/keys', keyRoutes(s));
  app.route('/v1/log', logRoutes(s));
  app.route('/v1/quotes', quoteRoutes(s));
  app.route('/v1/verify', verifyRoutes(s));
  app.notFound((c) => c.json(errorBody('notFound', 'no such route'), 404));
  app.onError((err, c) => onError(err, c, (e) => s.logger.error({ err: e }, 'unhandled error')));
  return app;
}
