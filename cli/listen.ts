/** Serves a fetch handler on @hono/node-server and closes it on demand (the signal handling is the caller's). */
import { serve } from '@hono/node-server';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

export async function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  port: number,
): Promise<Listening> {
  let server!: ReturnType<typeof serve>;
  const bound = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port }, (info) => resolve(info.port));
  });
  let closing: Promise<void> | null = null;
  return {
    port: bound,
    close: () => {
      closing ??= new Promise<void>((done) => server.close(() => done()));
      return closing;
    },
  };
}
