/** `provenant keygen`: a new signing key and its signed key statement, written as a 0600 key file. */
import { type Command, Option } from 'commander';
import { emit } from '../../cli/output.ts';
import { ALGS } from '../../core/crypto/algorithms.ts';
import { SUBJECT_KINDS } from '../../core/crypto/key-statement.ts';

interface KeygenOptions {
  name: string;
  kind: (typeof SUBJECT_KINDS)[number];
  alg: (typeof ALGS)[number];
  maker?: string;
  model?: string;
  url?: string;
  endorseWith?: string;
  endorserPassphraseEnv?: string;
  passphraseEnv?: string;
  out: string;
  force?: boolean;
  json?: boolean;
}

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('Generate a signing key and its self-signed (optionally endorsed) key statement')
    .requiredOption('--name <name>', 'subject name shown to verifiers (device, person, newsroom, software, model)')
    .addOption(new Option('--kind <kind>', 'what the key belongs to').choices(SUBJECT_KINDS).makeOptionMandatory())
    .addOption(new Option('--alg <alg>', 'signature algorithm').choices(ALGS).default('ed25519'))
    .option('--maker <maker>', 'device maker (optional)')
    .option('--model <model>', 'device or model name (optional)')
    .option('--url <url>', 'https URL about the subject (optional)')
    .option('--endorse-with <key.json>', "endorse the new key with this key file (e.g. a maker's or newsroom's key)")
    .option('--endorser-passphrase-env <VAR>', "environment variable holding the endorser key file's passphrase")
    .option('--passphrase-env <VAR>', 'encrypt the secret key with the passphrase in this environment variable')
    .requiredOption('--out <key.json>', 'key file to write (mode 0600)')
    .option('--force', 'replace an existing key file')
    .option('--json', 'print the result as JSON')
    .action(async (options: KeygenOptions) => {
      const { createKeyFile, loadKeyFile, passphraseFromEnv, writeKeyFile } = await import('../keyfile.ts');
      const passphrase = passphraseFromEnv(options.passphraseEnv);
      const endorser = options.endorseWith
        ? await loadKeyFile(options.endorseWith, passphraseFromEnv(options.endorserPassphraseEnv))
        : undefined;
      const subject = {
        name: options.name,
        kind: options.kind,
        ...(options.maker === undefined ? {} : { maker: options.maker }),
        ...(options.model === undefined ? {} : { model: options.model }),
        ...(options.url === undefined ? {} : { url: options.url }),
      };
      const { file } = await createKeyFile({
        alg: options.alg,
        subject,
        issuedAt: Date.now(),
        ...(endorser ? { endorser } : {}),
        ...(passphrase === undefined ? {} : { passphrase }),
      });
      await writeKeyFile(options.out, file, options.force === true);
      const endorsedBy = file.statement.statement.endorsedBy;
      emit(
        options,
        {
          keyFile: options.out,
          alg: file.alg,
          keyId: file.keyId,
          publicKey: file.publicKey,
          subject: file.statement.statement.subject,
          endorsedBy: endorsedBy ?? null,
          encrypted: file.secret.encryption !== 'none',
        },
        () =>
          [
            `wrote ${options.out} (mode 0600)`,
            `  ${file.alg} key ${file.keyId}`,
            `  subject: ${subject.name} (${subject.kind})`,
            endorsedBy ? `  endorsed by ${endorsedBy}` : '  not endorsed (self-signed statement only)',
            file.secret.encryption === 'none'
              ? '  secret key NOT encrypted (use --passphrase-env to encrypt it)'
              : '  secret key encrypted (scrypt + AES-256-GCM)',
          ].join('\n'),
      );
    });
}
