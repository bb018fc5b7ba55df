/** Token buckets (in-process): `perMinute` tokens per client refill continuously, bursts up to the same amount. */
import type { MiddlewareHandler } from 'hono';
import { ProvenantError } from '../../core/errors.ts';

const MAX_CLIENTS = 100_000;

export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMinute: number;
  readonly #rate: number;
  readonly #now: () => number;

  constructor(perMinute: number, now = Date.now) {
    this.#perMinute = perMinute;
    this.#rate = perMinute / 60_000;
    this.#now = now;
  }

  /** Takes one token for `client`; returns 0, or the seconds until one is available (nothing is taken then). */
  take(client: string): number {
    const t = this.#now();
    const b = this.#buckets.get(client) ?? { tokens: this.#perMinute, at: t };
    b.tokens = Math.min(this.#perMinute, b.tokens + (t - b.at) * this.#rate);
    b.at = t;
    if (b.tokens < 1) return Math.max(1, Math.ceil((1 - b.tokens) / this.#rate / 1000));
    b.tokens -= 1;
    // Bounded memory: forget everyone when the table gets large (their buckets were full or nearly so).
    if (!this.#buckets.has(client) && this.#buckets.size >= MAX_CLIENTS) this.#buckets.clear();
    this.#buckets.set(client, b);
    return 0;
  }
}

/** Per-IP limit on every request it wraps. */
export function rateLimit(
  perMinute: number,
  clientOf: (c: Parameters<MiddlewareHandler>[0]) => string,
  now = Date.now,
): MiddlewareHandler {
  const buckets = new TokenBuckets(perMinute, now);
  return async (c, next) => {
    const wait = buckets.take(clientOf(c));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new ProvenantError('rateLimited', 'too many requests');
    }
    await next();
  };
}

/**
 * Per-key limit on submissions: one token per signing key named in the submission, so one key cannot flood the
 * log from many addresses. Throws rateLimited (details name the key).
 */
export function keyRateLimiter(perMinute: number, now = Date.now): (keyIds: readonly string[]) => void {
  const buckets = new TokenBuckets(perMinute, now);
  return (keyIds) => {
    for (const keyId of new Set(keyIds)) {
      if (buckets.take(keyId) > 0) {
        throw new ProvenantError('rateLimited', 'too many submissions by this key', { details: [`key ${keyId}`] });
      }
    }
  };
}
