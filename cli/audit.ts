/**
 * `provenant audit`: replay the anchors from the chain and check the log API against them.
 * Exit 0 consistent, 1 with failure findings, 2 usage or unreachable endpoints.
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from './exit.ts';

interface AuditCliOptions {
  api: string;
  rpc: string;
  contract: string;
  full?: boolean;
  receipts?: string;
  logKey?: string;
  maxLagMs?: string;
  json?: boolean;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Audit the log against its on-chain anchors (exit 0 consistent, 1 findings, 2 usage)')
    .requiredOption('--api <url>', 'base URL of the log API')
    .requiredOption('--rpc <url>', 'JSON-RPC endpoint of the chain (your own choice, not the operator’s)')
    .requiredOption('--contract <address>', 'the ProvenantAnchor contract address')
    .option('--full', 'rebuild the whole tree from the entries and check every entry and manifest')
    .option('--receipts <dir>', 'directory of submission receipt JSON files to check')
    .option('--log-key <vkey>', "the log's C2SP verifier key: check checkpoint notes and receipt signatures")
    .option('--max-lag-ms <ms>', 'how long an anchor may trail its checkpoint (receivedAt lower bound)')
    .option('--json', 'machine-readable report')
    .action(async (options: AuditCliOptions) => {
      const [{ runAudit }, { emit, startProgress }, { ProvenantError }] = await Promise.all([
        import('../anchor/audit/audit.ts'),
        import('./output.ts'),
        import('../core/errors.ts'),
      ]);
      const maxLagMs = options.maxLagMs === undefined ? undefined : Number(options.maxLagMs);
      if (maxLagMs !== undefined && !(Number.isSafeInteger(maxLagMs) && maxLagMs >= 0)) {
        throw new ProvenantError('input.invalid', '--max-lag-ms must be a non-negative integer');
      }
      let progress: ReturnType<typeof startProgress> | null = null;
      const report = await runAudit({
        api: options.api,
        rpc: options.rpc,
        contract: options.contract,
        full: options.full === true,
        ...(options.receipts ? { receiptsDir: options.receipts } : {}),
        ...(options.logKey ? { logKey: options.logKey } : {}),
        ...(maxLagMs !== undefined ? { maxLagMs } : {}),
        onProgress: (done, total) => {
          progress ??= startProgress('audit', total, options);
          progress.update(done);
        },
      });
      (progress as ReturnType<typeof startProgress> | null)?.stop();
      emit(options, report, () => {
        const head = `${report.consistent ? 'consistent' : 'FINDINGS'}: ${report.anchors} anchors (${report.finalizedAnchors} finalized) up to size ${report.anchoredSize} on chain ${report.chainId} ${report.contract}${report.entries === null ? '' : `, ${report.entries} entries rebuilt`}`;
        const lines = report.findings.map(
          (f) =>
            `  ${f.kind === 'failure' ? '✗' : 'i'} ${f.code}${f.seq === undefined ? '' : ` seq=${f.seq}`}${f.index === undefined ? '' : ` index=${f.index}`}${f.file ? ` file=${f.file}` : ''}: ${f.detail}`,
        );
        return [head, ...lines].join('\n');
      });
      if (!report.consistent) throw new ExitError(EXIT.verificationFailed);
    });
}
