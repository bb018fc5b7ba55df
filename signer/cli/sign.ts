/** `provenant sign <file>`: capture-sign a photo, recording or video and write `<file>.provenant.json`. */
import { type Command, InvalidArgumentError } from 'commander';
import { emit, startProgress } from '../../cli/output.ts';

interface SignCliOptions {
  key: string;
  passphraseEnv?: string;
  policy?: string;
  cosigners?: string;
  threshold?: number;
  out?: string;
  title?: string;
  force?: boolean;
  json?: boolean;
}

export function parseCount(value: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) throw new InvalidArgumentError('expected a positive integer');
  return Number(value);
}

export function registerSign(program: Command): void {
  program
    .command('sign <file>')
    .description(
      'Sign a photo (JPEG, PNG, WebP, AVIF, TIFF), audio (WAV, MP3, M4A/AAC, Opus, FLAC) or video (MP4/MOV, WebM) at capture',
    )
    .requiredOption('--key <key.json>', 'signing key file (from provenant keygen)')
    .option('--passphrase-env <VAR>', "environment variable holding the key file's passphrase")
    .option(
      '--policy <preset|json|file>',
      'allowed later edits: a preset (none, news-strict, news-standard, audio-standard), inline JSON or a JSON file',
    )
    .option('--cosigners <keyIds>', 'comma-separated key ids whose co-signatures the claim requires')
    .option('--threshold <k>', 'how many of --cosigners make it complete (default: all)', parseCount)
    .option('--title <title>', 'a title for the claim')
    .option('--out <manifest.json>', 'manifest path (default: <file>.provenant.json)')
    .option('--force', 'replace an existing manifest and secret sidecar')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: SignCliOptions) => {
      const { ProvenantError } = await import('../../core/errors.ts');
      if (options.threshold !== undefined && options.cosigners === undefined) {
        throw new ProvenantError('input.invalid', '--threshold needs --cosigners');
      }
      const { loadKeyFile, passphraseFromEnv } = await import('../keyfile.ts');
      const { signCapture } = await import('../sign.ts');
      const signer = await loadKeyFile(options.key, passphraseFromEnv(options.passphraseEnv));
      let bar: ReturnType<typeof startProgress> | null = null;
      const result = await signCapture({
        file,
        signer,
        ...(options.policy === undefined ? {} : { policy: options.policy }),
        ...(options.cosigners === undefined
          ? {}
          : {
              requiredSigners: {
                keys: options.cosigners.split(','),
                ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
              },
            }),
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(options.title === undefined ? {} : { title: options.title }),
        force: options.force === true,
        onProgress: (ms, total) => {
          if (total === null) return;
          bar ??= startProgress('hashing', total, options);
          bar.update(Math.min(total, Math.round(ms)));
        },
      });
      (bar as ReturnType<typeof startProgress> | null)?.stop();
      emit(
        options,
        {
          manifest: result.manifestPath,
          manifestId: result.manifestId,
          kind: result.kind,
          signer: signer.key.keyId,
          secret: result.secretPath,
          keys: result.keysPath,
          notes: result.notes,
        },
        () =>
          [
            `signed ${file} (${result.kind}) with key ${signer.key.keyId}`,
            `  manifest ${result.manifestPath}`,
            `  id ${result.manifestId}`,
            ...(result.secretPath ? [`  tile seed kept in ${result.secretPath} (mode 0600, do not publish)`] : []),
            `  key statements in ${result.keysPath}`,
            ...result.notes.map((n) => `  note: ${n}`),
          ].join('\n'),
      );
    });
}
