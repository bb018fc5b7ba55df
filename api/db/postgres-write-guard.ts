/**
 * postgres.js 3.4.9 defers small writes with setImmediate; when the connection closes first, the deferred write
 * dereferences a null socket and throws from the timer, outside any await (porsager/postgres#1154, #1208): an
 * uncaught exception that would take the server down whenever PostgreSQL restarts. By then the driver has already
 * rejected the connection's queries (CONNECTION_CLOSED), so the write is moot. The server process swallows exactly
 * that exception and exits on any other, as it would without a handler. Drop this once the driver is fixed.
 */
import type { Logger } from 'pino';

export function isDeferredWriteOnClosedSocket(e: unknown): boolean {
  return (
    e instanceof TypeError &&
    /reading 'write'/.test(e.message) &&
    /nextWrite/.test(e.stack ?? '') &&
    /postgres[/\\]src[/\\]connection\.js/.test(e.stack ?? '')
  );
}

let installed = false;

/** For the server entry only: a library must not install process-wide handlers (test runners have their own). */
export function installPostgresWriteGuard(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (err) => {
    if (isDeferredWriteOnClosedSocket(err)) {
      logger.warn({ err }, 'postgres.js wrote to a closed connection (driver bug, ignored)');
      return;
    }
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
}
