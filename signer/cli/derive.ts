/**
 * `provenant derive <file>`: an editor's signed edit of a signed photo (crop, rotate, colour, resize, redact, encode),
 * or with --trim a signed clip of a signed recording (stream copy, or re-encoded with --transcode).
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from '../../cli/exit.ts';
import { emit, type OutputOptions, type Progress, startProgress } from '../../cli/output.ts';

interface DeriveCliOptions {
  manifest: string;
  key: string;
  passphraseEnv?: string;
  crop?: string;
  rotate?: string;
  flip?: boolean;
  brightness?: string;
  contrast?: string;
  saturation?: string;
  resize?: string;
  redact?: string[];
  format?: string;
  quality?: string;
  force?: boolean;
  replace?: boolean;
  secret?: string;
  parent?: string[];
  title?: string;
  trim?: string;
  transcode?: string;
  bitrate?: string;
  out: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerDerive(program: Command): void {
  program
    .command('derive <file>')
    .description(
      'Edit a signed photo within its policy and sign the result as a derivative (ops run in the order: crop, rotate, colour, resize, redact, encode), or with --trim cut a signed recording into a signed clip',
    )
    .requiredOption('--manifest <manifest.json>', "the parent's manifest (a capture or an earlier derivative)")
    .requiredOption('--key <key.json>', "the editor's key file")
    .option('--passphrase-env <VAR>', "environment variable holding the key file's passphrase")
    .option('--crop <x,y,w,h>', 'keep this rectangle (input pixels)')
    .option('--rotate <degrees>', 'rotate clockwise by 90, 180 or 270')
    .option('--flip', 'mirror left–right after rotating')
    .option('--brightness <b>', 'brightness multiplier (1 = unchanged)')
    .option('--contrast <c>', 'contrast multiplier (1 = unchanged)')
    .option('--saturation <s>', 'saturation multiplier (1 = unchanged)')
    .option('--resize <W>', 'scale to this width, height in proportion')
    .option(
      '--redact <x,y,w,h>',
      'paint a rectangle black, in the coordinates after crop/rotate/resize (repeatable)',
      collect,
    )
    .option('--format <format>', 'jpeg, png, webp or avif (default: from the --out extension)')
    .option('--quality <q>', 'encoder quality 1–100 (default 90; not for png)')
    .option('--force', "record the recipe even if the original's policy forbids it (verifiers will report it)")
    .option('--replace', 'replace existing output files')
    .option('--secret <secret.json>', "the capture's secret sidecar, if not beside its manifest")
    .option('--parent <manifest.json>', 'an ancestor manifest to follow the chain through (repeatable)', collect)
    .option('--title <title>', 'a title for the claim')
    .option('--trim <t0,t1>', 'audio/video: cut the recording to [t0, t1) seconds by stream copy (whole packets)')
    .option('--transcode <codec>', 'audio/video: re-encode the clip (aac, mp3, opus, flac, h264, …); no exact proof')
    .option('--bitrate <bits>', 'with --transcode: target bitrate in bit/s (e.g. 96k)')
    .requiredOption('--out <file>', 'the edited picture; its manifest goes to <file>.provenant.json')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: DeriveCliOptions) => {
      const { loadKeyFile, passphraseFromEnv } = await import('../keyfile.ts');
      const { deriveImage } = await import('../derive/derive.ts');
      const { recipeFromArgs } = await import('../derive/recipe-args.ts');
      const editor = await loadKeyFile(options.key, passphraseFromEnv(options.passphraseEnv));
      if (options.trim !== undefined || options.transcode !== undefined || options.bitrate !== undefined) {
        await deriveClipCommand(file, options, editor);
        return;
      }
      const result = await refusableWithProgress('deriving', options, (onProgress) =>
        deriveImage({
          file,
          manifest: options.manifest,
          editor,
          recipe: (w, h) => recipeFromArgs(options, w, h, options.out),
          out: options.out,
          force: options.force === true,
          replace: options.replace === true,
          ...(options.secret === undefined ? {} : { secret: options.secret }),
          ...(options.parent === undefined ? {} : { parents: options.parent }),
          ...(options.title === undefined ? {} : { title: options.title }),
          onProgress,
        }),
      );
      const failures = result.policy.filter((p) => p.kind === 'failure');
      emit(
        options,
        {
          out: result.outPath,
          manifest: result.manifestPath,
          manifestId: result.manifestId,
          parent: result.parentId,
          capture: result.captureId,
          recipe: result.recipe,
          policy: result.policy,
          forced: result.forced,
          revealedTiles: result.revealedTiles,
          notes: result.notes,
          keys: result.keysPath,
          parents: result.parentsPath,
        },
        () =>
          [
            `derived ${result.outPath} from ${file} with key ${editor.key.keyId}`,
            `  manifest ${result.manifestPath}`,
            `  id ${result.manifestId} (parent ${result.parentId.slice(0, 16)}, capture ${result.captureId.slice(0, 16)})`,
            `  recipe ${result.recipe.map((o) => o.op).join(' → ')}`,
            `  ${result.revealedTiles} reference tile(s) revealed for replay`,
            `  ancestors in ${result.parentsPath}`,
            ...result.notes.map((n) => `  note: ${n}`),
            ...(result.forced
              ? [
                  `  FORCED: the policy forbids this recipe (${failures.map((f) => f.code).join(', ')}); verifiers will report it`,
                ]
              : []),
          ].join('\n'),
      );
    });
}

const IMAGE_FLAGS = [
  'crop',
  'rotate',
  'flip',
  'brightness',
  'contrast',
  'saturation',
  'resize',
  'redact',
  'format',
  'quality',
  'secret',
  'parent',
] as const;

async function deriveClipCommand(
  file: string,
  options: DeriveCliOptions,
  editor: Awaited<ReturnType<typeof import('../keyfile.ts')['loadKeyFile']>>,
): Promise<void> {
  const { ProvenantError } = await import('../../core/errors.ts');
  const { deriveClip } = await import('../derive/clip.ts');
  const { parseTranscode, parseTrim } = await import('../derive/trim-args.ts');
  const image = IMAGE_FLAGS.filter((f) => options[f] !== undefined);
  if (image.length > 0) {
    throw new ProvenantError('input.invalid', `--${image[0]} is a photo edit; a clip takes --trim and --transcode`);
  }
  if (options.trim === undefined) throw new ProvenantError('input.invalid', '--transcode needs --trim t0,t1');
  if (options.bitrate !== undefined && options.transcode === undefined) {
    throw new ProvenantError('input.invalid', '--bitrate needs --transcode');
  }
  const trim = parseTrim(options.trim);
  const result = await refusableWithProgress('cutting', options, (onProgress) =>
    deriveClip({
      file,
      manifest: options.manifest,
      editor,
      trim,
      ...(options.transcode === undefined ? {} : { transcode: parseTranscode(options.transcode, options.bitrate) }),
      out: options.out,
      force: options.force === true,
      replace: options.replace === true,
      ...(options.title === undefined ? {} : { title: options.title }),
      onProgress,
    }),
  );
  const failures = result.policy.filter((p) => p.kind === 'failure');
  emit(
    options,
    {
      out: result.outPath,
      manifest: result.manifestPath,
      manifestId: result.manifestId,
      parent: result.parentId,
      capture: result.captureId,
      recipe: result.recipe,
      policy: result.policy,
      forced: result.forced,
      packets: result.packets,
      exact: result.exact,
      notes: result.notes,
      keys: result.keysPath,
      parents: result.parentsPath,
    },
    () =>
      [
        `derived clip ${result.outPath} from ${file} with key ${editor.key.keyId}`,
        `  manifest ${result.manifestPath}`,
        `  id ${result.manifestId} (capture ${result.captureId.slice(0, 16)})`,
        `  packets [${result.packets.start}, ${result.packets.end}) = ${result.packets.t0Ms}–${result.packets.t1Ms} ms of the recording`,
        `  recipe ${result.recipe.map((o) => o.op).join(' → ')}${result.exact ? ', with a range proof' : ''}`,
        ...result.notes.map((n) => `  note: ${n}`),
        ...(result.forced
          ? [
              `  FORCED: the policy forbids this recipe (${failures.map((f) => f.code).join(', ')}); verifiers will report it`,
            ]
          : []),
      ].join('\n'),
  );
}

/**
 * Runs a derive step with a progress bar on a TTY. A refused recipe is a failed policy check (exit 1), reported
 * with the policy status codes; every other error propagates.
 */
async function refusableWithProgress<T>(
  label: string,
  options: OutputOptions,
  work: (onProgress: (step: number, total: number) => void) => Promise<T>,
): Promise<T> {
  const { isProvenantError } = await import('../../core/errors.ts');
  let bar: Progress | null = null;
  try {
    return await work((step, total) => {
      bar ??= startProgress(label, total, options);
      bar.update(step);
    });
  } catch (e) {
    if (!isProvenantError(e, 'policy.refused')) throw e;
    if (options.json) emit(options, { error: { code: e.code, message: e.message, details: e.details } }, () => '');
    else process.stderr.write(`provenant: ${e.code}: ${e.message}\n`);
    throw new ExitError(EXIT.verificationFailed);
  } finally {
    (bar as Progress | null)?.stop();
  }
}
