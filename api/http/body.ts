/**
 * Request bodies read straight from Node's IncomingMessage when the service runs on @hono/node-server: building the
 * fetch Request (Headers, AbortController, web ReadableStream) for every submission cost more CPU than parsing the
 * manifest. The bytes are exactly those received; anything unusual (no Content-Length, chunked, a body someone else
 * started reading, no Node request at all as in app.request()) takes Hono's own path.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Requests whose declared length passed the limit and whose body nobody has touched: read from `incoming`. */
const direct = new WeakSet<object>();

function incomingOf(c: { env: unknown }): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && incoming.headers ? incoming : undefined;
}

/** Untouched: not flowing, not paused by a reader, nothing read yet. */
function untouched(incoming: IncomingMessage): boolean {
  return incoming.readableFlowing === null && !incoming.readableDidRead && incoming.listenerCount('data') === 0;
}

/**
 * Hono's bodyLimit, with its Content-Length rule (a declared length over the limit is refused; Node's HTTP parser
 * delivers exactly the declared length) applied to the Node request without building a fetch Request.
 */
export function limitBody(maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const hono = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const incoming = incomingOf(c);
    const length = incoming?.headers['content-length'];
    if (!incoming || length === undefined || incoming.headers['transfer-encoding'] !== undefined) return hono(c, next);
    if (Number.parseInt(length || '0', 10) > maxSize) return onError(c);
    if (untouched(incoming)) direct.add(c.req.raw);
    return next();
  };
}

/** The raw request body, as bytes (signed bytes are never re-serialised). */
export async function bodyBytes(c: {
  env: unknown;
  req: { raw: object; arrayBuffer(): Promise<ArrayBuffer> };
}): Promise<Uint8Array> {
  const incoming = incomingOf(c);
  if (!incoming || !direct.has(c.req.raw) || !untouched(incoming)) return new Uint8Array(await c.req.arrayBuffer());
  direct.delete(c.req.raw);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    size += chunk.length;
  }
  // A fresh, unshared buffer, as arrayBuffer() gives.
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
