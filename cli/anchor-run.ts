/**
 * `provenant anchor run`: the anchor worker alone, on the log's PostgreSQL database (DATABASE_URL; the embedded
 * PGlite belongs to `provenant serve`, which runs the worker itself). Lives in the composition root because it wires api's
 * database to anchor's worker; it attaches to the `anchor` command that anchor/cli/anchor.ts declares.
 */
import type { Command } from 'commander';
import { ProvenantError } from '../core/errors.ts';

export function registerAnchorRun(program: Command): void {
  const anchor = program.commands.find((c) => c.name() === 'anchor') ?? program.command('anchor');
  anchor
    .command('run')
    .description(
      'Run the anchor worker: anchor new checkpoints every ANCHOR_INTERVAL_S s or ANCHOR_BATCH_MAX entries (embedded anvil unless ANCHOR_RPC_URL/ANCHOR_PRIVATE_KEY/ANCHOR_CONTRACT are set)',
    )
    .option('--json', 'print the chain and contract as JSON')
    .action(async (options: { json?: boolean }) => {
      const [{ join }, { loadConfig }, { openDatabase }, { pino }, anchoring, { emit }] = await Promise.all([
        import('node:path'),
        import('../api/config.ts'),
        import('../api/db/client.ts'),
        import('pino'),
        import('./anchoring.ts'),
        import('./output.ts'),
      ]);
      const config = await loadConfig();
      if (config.DATABASE_URL === undefined) {
        // Two processes must never open one PGlite directory; `provenant serve` already runs the worker.
        throw new ProvenantError(
          'input.invalid',
          'anchor run needs DATABASE_URL (the embedded database belongs to `provenant serve`, which anchors itself)',
          { details: ['DATABASE_URL'] },
        );
      }
      const logger = pino({ level: config.LOG_LEVEL });
      const database = await openDatabase(config.DATABASE_URL, join(config.DATA_DIR, 'db'));
      let running: Awaited<ReturnType<typeof anchoring.startAnchoring>>;
      try {
        running = await anchoring.startAnchoring(database.db, process.env, logger);
      } catch (e) {
        await database.close();
        throw e;
      }
      emit(options, anchoring.anchoringJson(running), () => anchoring.anchoringSummary(running));
      // The worker's timers are unref'd (so they never hold `serve` open); here the worker is the whole job.
      const keepAlive = setInterval(() => {}, 1 << 30);
      await anchoring.stopOnSignal(async () => {
        clearInterval(keepAlive);
        await running.stop();
        await database.close();
      });
    });
}
