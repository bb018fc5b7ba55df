/** Counts every request by method, route pattern (not raw path: bounded label values) and status, and times it. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';

export function recordMetrics(metrics: ServiceMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c, -1);
    metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.latency.observe((performance.now() - started) / 1000, { route });
  };
}
