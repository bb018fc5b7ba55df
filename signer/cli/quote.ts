/** `provenant quote`: attest a quote from a signed transcript, revealing only the quoted words. */
import type { Command } from 'commander';
import { EXIT, ExitError } from '../../cli/exit.ts';
import { emit } from '../../cli/output.ts';

interface QuoteCliOptions {
  transcript: string;
  text: string;
  key: string;
  passphraseEnv?: string;
  url?: string;
  articleTitle?: string;
  secret?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

export function registerQuote(program: Command): void {
  program
    .command('quote')
    .description(
      'Attest that a speaker said exactly these words in a signed transcript (… separates fragments, [brackets] are editorial)',
    )
    .requiredOption('--transcript <manifest.json>', "the transcript's manifest")
    .requiredOption('--text <quote>', 'the quote as published')
    .requiredOption('--key <key.json>', "the newsroom's key file")
    .option('--passphrase-env <VAR>', "environment variable holding the key file's passphrase")
    .option('--url <article>', 'the article the quote appears in')
    .option('--article-title <title>', "the article's title")
    .option('--secret <secret.json>', "the transcript's secret sidecar, if not beside its manifest")
    .option('--out <manifest.json>', 'attestation path (default: quote-<id>.provenant.json beside the transcript)')
    .option('--force', 'replace an existing attestation')
    .option('--json', 'print the result as JSON')
    .action(async (options: QuoteCliOptions) => {
      const { loadKeyFile, passphraseFromEnv } = await import('../keyfile.ts');
      const { attestQuote, QuoteNotFoundError } = await import('../quote/attest.ts');
      const signer = await loadKeyFile(options.key, passphraseFromEnv(options.passphraseEnv));
      let r: Awaited<ReturnType<typeof attestQuote>>;
      try {
        r = await attestQuote({
          transcript: options.transcript,
          text: options.text,
          signer,
          ...(options.url === undefined ? {} : { url: options.url }),
          ...(options.articleTitle === undefined ? {} : { articleTitle: options.articleTitle }),
          ...(options.secret === undefined ? {} : { secret: options.secret }),
          ...(options.out === undefined ? {} : { out: options.out }),
          force: options.force === true,
        });
      } catch (e) {
        // Words not in the transcript: the check failed (exit 1); show the closest passage as a word diff.
        if (!(e instanceof QuoteNotFoundError)) throw e;
        const c = e.closest;
        if (options.json) {
          emit(options, { error: { code: e.code, message: e.message, closest: c } }, () => '');
        } else {
          const lines = [`provenant: ${e.code}: ${e.message}`];
          if (c) {
            lines.push(
              `closest: ${c.speaker}, segments ${c.firstSegment}–${c.lastSegment}, ${c.distance} word edit(s):`,
            );
            lines.push(...e.details.map((d) => `  ${d}`));
          } else {
            lines.push('no word of the quote occurs in the transcript');
          }
          process.stderr.write(`${lines.join('\n')}\n`);
        }
        throw new ExitError(EXIT.verificationFailed);
      }
      emit(
        options,
        {
          manifest: r.manifestPath,
          manifestId: r.manifestId,
          transcript: r.transcriptId,
          speaker: r.speaker,
          t0: r.t0,
          t1: r.t1,
          segments: r.segments,
          omittedWordCounts: r.omittedWordCounts,
          ambiguous: r.ambiguous,
        },
        () =>
          [
            `attested quote by ${r.speaker} (${r.t0}–${r.t1} ms, segments ${r.segments[0]}–${r.segments[1]})`,
            `  manifest ${r.manifestPath}`,
            `  id ${r.manifestId}`,
            ...(r.ambiguous ? [`  note: the words occur ${r.matchCount} times; the first place was attested`] : []),
          ].join('\n'),
      );
    });
}
