/**
 * `provenant` CLI entry. Each command lives in its own module and registers itself on the program.
 * Exit codes: 0 ok, 1 verification failed, 2 usage or input error.
 */
import { Command, CommanderError } from 'commander';
import { registerAnchor } from '../anchor/cli/anchor.ts';
import { registerServe } from '../api/cli/serve.ts';
import { isProvenantError } from '../core/errors.ts';
import { registerCosign } from '../signer/cli/cosign.ts';
import { registerDerive } from '../signer/cli/derive.ts';
import { registerKeygen } from '../signer/cli/keygen.ts';
import { registerQuote } from '../signer/cli/quote.ts';
import { registerSign } from '../signer/cli/sign.ts';
import { registerTranscript } from '../signer/cli/transcript.ts';
import { registerVerify } from '../signer/cli/verify.ts';
import { registerAnchorRun } from './anchor-run.ts';
import { registerAudit } from './audit.ts';
import { EXIT, ExitError } from './exit.ts';
import { registerSubmit } from './submit.ts';

/**
 * Each command module exports a `register…(program)` that declares its options and imports its
 * implementation lazily inside the action, so `--help` stays fast and never loads sharp, drizzle or ethers.
 */
const REGISTRARS: ReadonlyArray<(program: Command) => void> = [
  registerKeygen,
  registerSign,
  registerCosign,
  registerDerive,
  registerTranscript,
  registerQuote,
  registerVerify,
  registerAnchor,
  registerAnchorRun,
  registerSubmit,
  registerServe,
  registerAudit,
];

export function buildProgram(): Command {
  const program = new Command('provenant')
    .description('Sign, co-sign, derive, quote, verify and log content provenance manifests.')
    .version('0.1.0')
    .showHelpAfterError('(run `provenant --help` for the list of commands)')
    .exitOverride();
  program.showSuggestionAfterError(true);
  for (const register of REGISTRARS) register(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv as string[]);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof ExitError) return e.exitCode;
    if (isProvenantError(e)) {
      process.stderr.write(`provenant: ${e.code}: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`provenant: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
}
