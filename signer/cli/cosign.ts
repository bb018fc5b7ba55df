/** `provenant cosign <manifest>`: add this key's signature to a manifest (any order, any time; idempotent). */
import { type Command, Option } from 'commander';
import { emit } from '../../cli/output.ts';

const COSIGN_ROLES = ['cosigner', 'capture', 'editor', 'publisher', 'transcriber'] as const;

interface CosignCliOptions {
  key: string;
  passphraseEnv?: string;
  role: (typeof COSIGN_ROLES)[number];
  json?: boolean;
}

export function registerCosign(program: Command): void {
  program
    .command('cosign <manifest>')
    .description('Add a detached co-signature to an existing manifest')
    .requiredOption('--key <key.json>', 'signing key file')
    .option('--passphrase-env <VAR>', "environment variable holding the key file's passphrase")
    .addOption(new Option('--role <role>', 'role of this signature').choices(COSIGN_ROLES).default('cosigner'))
    .option('--json', 'print the result as JSON')
    .action(async (manifest: string, options: CosignCliOptions) => {
      const { loadKeyFile, passphraseFromEnv } = await import('../keyfile.ts');
      const { cosignManifest } = await import('../cosign.ts');
      const signer = await loadKeyFile(options.key, passphraseFromEnv(options.passphraseEnv));
      const result = await cosignManifest({ manifestPath: manifest, signer, role: options.role });
      emit(
        options,
        {
          manifest,
          manifestId: result.manifestId,
          keyId: result.keyId,
          added: result.added,
          signatures: result.signatureCount,
        },
        () =>
          result.added
            ? `co-signed ${manifest} as ${options.role} with key ${result.keyId} (${result.signatureCount} signatures)`
            : `${manifest} already carries a valid signature by ${result.keyId}; nothing changed`,
      );
    });
}
