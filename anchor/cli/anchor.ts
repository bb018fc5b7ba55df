/**
 * `provenant anchor …`: chain-side commands. The actions import their implementations lazily, so `--help`
 * never loads ethers.
 */
import type { Command } from 'commander';
import { ProvenantError } from '../../core/errors.ts';

interface DeployOptions {
  rpc: string;
  key?: string;
  anchorer?: string;
  json?: boolean;
}

export function registerAnchor(program: Command): void {
  const anchor = program.command('anchor').description('Anchor log checkpoints on an EVM chain.');
  anchor
    .command('deploy')
    .description('Deploy the ProvenantAnchor contract and print its address.')
    .requiredOption('--rpc <url>', 'JSON-RPC endpoint of the chain')
    .option('--key <hex>', 'deployer private key (default: $ANCHOR_PRIVATE_KEY); becomes the owner')
    .option('--anchorer <address>', 'address allowed to anchor (default: the deployer)')
    .option('--json', 'machine-readable output')
    .action(async (options: DeployOptions) => {
      const key = options.key ?? process.env.ANCHOR_PRIVATE_KEY;
      if (!key) throw new ProvenantError('input.invalid', 'give --key or set ANCHOR_PRIVATE_KEY');
      const [{ deployAnchor }, { emit }] = await Promise.all([import('../deploy.ts'), import('../../cli/output.ts')]);
      const d = await deployAnchor({
        rpcUrl: options.rpc,
        privateKey: key,
        ...(options.anchorer ? { anchorer: options.anchorer } : {}),
      });
      // The key is never echoed: only public facts about the deployment.
      emit(options, d, () => d.address);
    });
}
