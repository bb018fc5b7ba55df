/** `provenant serve`: runs the API. The server (hono, drizzle, PGlite) is imported only when the command runs. */
import type { Command } from 'commander';
import { emit } from '../../cli/output.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the Provenant API (PGlite in ./data unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (default: PORT or 8787)')
    .option('--json', 'print the listening address as JSON')
    .action(async (options: { port?: string; json?: boolean }) => {
      const { loadConfig, parseConfig } = await import('../config.ts');
      const base = await loadConfig();
      const config = options.port === undefined ? base : parseConfig({ ...process.env, PORT: options.port });
      const { startServer } = await import('../server.ts');
      const running = await startServer(config);
      emit(
        options,
        { port: running.port, origin: running.origin, verifierKey: running.verifierKey },
        () =>
          `provenant API listening on http://127.0.0.1:${running.port} (log ${running.origin})\nlog verifier key: ${running.verifierKey}`,
      );
      // Keep running until a signal: the server's listener holds the event loop open.
      await new Promise<never>(() => {});
    });
}
