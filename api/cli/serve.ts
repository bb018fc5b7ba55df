/**
 * `provenant serve` (`npm start`): the API plus the anchor worker (on the embedded anvil when no chain is
 * configured). Everything heavy is imported only when the command runs.
 */
import type { Command } from 'commander';
import { emit } from '../../cli/output.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the Provenant API and anchor worker (PGlite in ./data unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (default: PORT or 8787)')
    .option('--no-anchor', 'do not run the anchor worker')
    .option('--json', 'print the listening address as JSON')
    .action(async (options: { port?: string; anchor: boolean; json?: boolean }) => {
      const { loadConfig, parseConfig } = await import('../config.ts');
      const base = await loadConfig();
      const config = options.port === undefined ? base : parseConfig({ ...process.env, PORT: options.port });
      const [{ startService }, { listen }, anchoring] = await Promise.all([
        import('../service.ts'),
        import('../../cli/listen.ts'),
        import('../../cli/anchoring.ts'),
      ]);
      const service = await startService(config);
      const server = await listen(service.app, config.PORT);
      const logger = service.services.logger;
      let announced = false;
      const print = (anchor: Parameters<typeof anchoring.anchoringJson>[0] | null) => {
        emit(
          options,
          {
            port: server.port,
            origin: config.LOG_ORIGIN,
            verifierKey: service.verifierKey,
            anchor: anchor ? anchoring.anchoringJson(anchor) : null,
          },
          () =>
            [
              `provenant API listening on http://127.0.0.1:${server.port} (log ${config.LOG_ORIGIN})`,
              `log verifier key: ${service.verifierKey}`,
              anchor ? anchoring.anchoringSummary(anchor) : 'anchoring: not running',
            ].join('\n'),
        );
        announced = true;
      };
      const anchor = options.anchor
        ? await anchoring
            .keepAnchoring(service.services.db, process.env, logger, (a) => {
              if (announced) logger.info(anchoring.anchoringJson(a), anchoring.anchoringSummary(a));
              else print(a);
            })
            .catch(async (e: unknown) => {
              await server.close();
              await service.close();
              throw e;
            })
        : null;
      if (!announced) print(null);
      await anchoring.stopOnSignal(async () => {
        await anchor?.stop();
        await server.close();
        await service.close();
      });
    });
}
