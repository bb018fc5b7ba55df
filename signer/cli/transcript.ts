/** `provenant transcript <file>`: import a transcript, commit to it with a salted tree and bind it to the recording. */
import type { Command } from 'commander';
import { emit } from '../../cli/output.ts';
import { parseCount } from './sign.ts';

interface TranscriptCliOptions {
  recording: string;
  key: string;
  passphraseEnv?: string;
  speaker?: string[];
  threshold?: number;
  format?: string;
  language?: string;
  title?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

export function registerTranscript(program: Command): void {
  program
    .command('transcript <file>')
    .description(
      'Sign a transcript (WebVTT, SRT, JSON segments, or "HH:MM:SS.mmm - HH:MM:SS.mmm, Speaker: text" lines) bound to a signed recording',
    )
    .requiredOption('--recording <manifest.json>', "the recording's manifest")
    .requiredOption('--key <key.json>', "the transcriber's key file")
    .option('--passphrase-env <VAR>', "environment variable holding the key file's passphrase")
    .option(
      '--speaker <"Label=key.json">',
      'map a speaker to a key (file or key id); mapped speakers must co-sign (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--threshold <k>', 'how many mapped speakers make co-signing complete (default: all)', parseCount)
    .option('--format <format>', 'vtt, srt, json or lines (default: from the extension; .txt = lines)')
    .option('--language <tag>', 'BCP 47 language tag of the transcript')
    .option('--title <title>', 'a title for the claim')
    .option('--out <manifest.json>', 'manifest path (default: <file>.provenant.json)')
    .option('--force', 'replace an existing manifest and secret sidecar')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: TranscriptCliOptions) => {
      const { loadKeyFile, passphraseFromEnv } = await import('../keyfile.ts');
      const { parseSpeakerArg, signTranscript } = await import('../transcript/sign-transcript.ts');
      const signer = await loadKeyFile(options.key, passphraseFromEnv(options.passphraseEnv));
      const r = await signTranscript({
        file,
        recording: options.recording,
        signer,
        speakers: (options.speaker ?? []).map(parseSpeakerArg),
        ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
        ...(options.format === undefined ? {} : { format: options.format }),
        ...(options.language === undefined ? {} : { language: options.language }),
        ...(options.title === undefined ? {} : { title: options.title }),
        ...(options.out === undefined ? {} : { out: options.out }),
        force: options.force === true,
      });
      emit(
        options,
        {
          manifest: r.manifestPath,
          manifestId: r.manifestId,
          recording: r.recordingId,
          segments: r.segmentCount,
          words: r.wordCount,
          speakers: r.speakers,
          requiredSigners: r.requiredSigners,
          secret: r.secretPath,
          keys: r.keysPath,
        },
        () =>
          [
            `signed transcript ${file}: ${r.segmentCount} segments, ${r.wordCount} words`,
            `  manifest ${r.manifestPath}`,
            `  id ${r.manifestId} (recording ${r.recordingId.slice(0, 16)})`,
            ...r.speakers.map((s) => `  speaker ${s.label}${s.keyId ? ` = ${s.keyId} (must co-sign)` : ''}`),
            `  seed and segments kept in ${r.secretPath} (mode 0600; share only with whoever proves quotes)`,
          ].join('\n'),
      );
    });
}
