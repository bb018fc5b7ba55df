/** Per-client token bucket (in-process): `perMinute` tokens refill continuously, bursts up to the same amount. */
import type { MiddlewareHandler } from 'hono';
import { ProvenantError } from '../../core/errors.ts';

const MAX_CLIENTS = 100_000;

export function rateLimit(
  perMinute: number,
  clientOf: (c: Parameters<MiddlewareHandler>[0]) => string,
  now = Date.now,
): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = perMinute / 60_000;
  return async (c, next) => {
    const client = clientOf(c);
    const t = now();
    const b = buckets.get(client) ?? { tokens: perMinute, at: t };
    b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * rate);
    b.at = t;
    if (b.tokens < 1) {
      c.header('Retry-After', String(Math.ceil((1 - b.tokens) / rate / 1000)));
      throw new ProvenantError('rateLimited', 'too many requests');
    }
    b.tokens -= 1;
    // Bounded memory: forget everyone when the table gets large (their buckets were full or nearly so).
    if (!buckets.has(client) && buckets.size >= MAX_CLIENTS) buckets.clear();
    buckets.set(client, b);
    await next();
  };
}
