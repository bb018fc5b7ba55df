/** Runs the service on @hono/node-server; closes the listener and the database on SIGINT/SIGTERM. */
import { serve } from '@hono/node-server';
import type { Config } from './config.ts';
import { installPostgresWriteGuard } from './db/postgres-write-guard.ts';
import { startService } from './service.ts';

export interface RunningServer {
  port: number;
  origin: string;
  verifierKey: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const service = await startService(config);
  if (config.DATABASE_URL) installPostgresWriteGuard(service.services.logger);
  let server!: ReturnType<typeof serve>;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: service.app.fetch, port: config.PORT }, (info) => resolve(info.port));
  });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await service.close();
    })();
    return stopping;
  };
  const onSignal = () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  service.services.logger.info(
    { port, origin: config.LOG_ORIGIN, database: config.DATABASE_URL ? 'postgres' : 'pglite' },
    'listening',
  );
  return { port, origin: config.LOG_ORIGIN, verifierKey: service.verifierKey, stop };
}
