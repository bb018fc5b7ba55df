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
    .option('--demo', 'seed and serve the demo at /demo (the default when DATABASE_URL is unset)')
    .option('--no-demo', 'do not seed or serve the demo')
    .option('--json', 'print the listening address as JSON')
    .action(async (options: { port?: string; anchor: boolean; demo?: boolean; json?: boolean }) => {
      const { loadConfig, parseConfig } = await import('../config.ts');
      const base = await loadConfig();
      let config = options.port === undefined ? base : parseConfig({ ...process.env, PORT: options.port });
      const [{ startService }, { listen }, anchoring, demo] = await Promise.all([
        import('../service.ts'),
        import('../../cli/listen.ts'),
        import('../../cli/anchoring.ts'),
        import('../../cli/demo.ts'),
      ]);
      // The demo is part of the embedded defaults (`npm start`); a deployment on PostgreSQL opts in with --demo.
      const withDemo = options.demo ?? config.DATABASE_URL === undefined;
      if (withDemo && config.ADMIN_TOKEN === undefined) {
        config = { ...config, ADMIN_TOKEN: await demo.embeddedAdminToken(config.DATA_DIR) };
      }
      const service = await startService(config);
      if (config.DATABASE_URL) {
        const { installPostgresWriteGuard } = await import('../db/postgres-write-guard.ts');
        installPostgresWriteGuard(service.services.logger);
      }
      if (withDemo) await demo.mountDemoSite(service.app, config.DATA_DIR);
      const server = await listen(service.app, config.PORT);
      const logger = service.services.logger;
      const apiUrl = `http://127.0.0.1:${server.port}`;
      let chain: { rpcUrl: string; contract: string } | null = null;
      let announced = false;
      const print = (anchor: Parameters<typeof anchoring.anchoringJson>[0] | null) => {
        if (anchor) chain = { rpcUrl: anchor.rpcUrl, contract: anchor.contract };
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
      if (withDemo) {
        const adminToken = config.ADMIN_TOKEN as string;
        await demo
          .seedAndBuild({ apiUrl, dataDir: config.DATA_DIR, adminToken, log: (line) => logger.info(line) })
          .then(
            (seeded) => {
              if (!options.json) process.stdout.write(`${demo.demoInstructions(apiUrl, seeded, chain)}\n`);
            },
            // A broken demo must not take the API down with it.
            (e: unknown) => logger.error({ err: e instanceof Error ? e.message : String(e) }, 'demo: seeding failed'),
          );
      }
      await anchoring.stopOnSignal(async () => {
        await anchor?.stop();
        await server.close();
        await service.close();
      });
    });
}
