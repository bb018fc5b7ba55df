/** `provenant verify <file|manifest>`: offline verification report; exit 1 when any check fails. */
import type { Command } from 'commander';
import { EXIT, ExitError } from '../../cli/exit.ts';
import { emit } from '../../cli/output.ts';
import type { VerifyOutcome } from '../verify.ts';

interface VerifyCliOptions {
  manifest?: string;
  parent?: string[];
  trust?: string;
  json?: boolean;
}

const MARK = { success: 'ok  ', informational: 'info', failure: 'FAIL' } as const;

export function formatOutcome(o: VerifyOutcome): string {
  const lines = [
    `manifest ${o.manifestPath}${o.manifestId ? ` (${o.kind}, id ${o.manifestId})` : ''}`,
    `media    ${o.mediaPath ?? '(none)'}`,
    `state    ${o.report.state}`,
    '',
  ];
  for (const e of o.report.entries) {
    const about = e.subject && e.dimension !== 'integrity' ? ` [${e.subject.slice(0, 18)}]` : '';
    lines.push(`  ${MARK[e.kind]} ${e.dimension.padEnd(10)} ${e.code}${about}${e.detail ? `: ${e.detail}` : ''}`);
  }
  const dims = Object.entries(o.summary)
    .filter(([, k]) => k !== null)
    .map(([d, k]) => `${d}=${k}`);
  lines.push('', `summary  ${dims.join(' ')}`);
  for (const n of o.notes) lines.push(`note     ${n}`);
  return lines.join('\n');
}

export function registerVerify(program: Command): void {
  program
    .command('verify <target>')
    .description(
      'Verify a media file against its manifest (default <file>.provenant.json), or a manifest alone, offline',
    )
    .option('--manifest <manifest.json>', 'the manifest, if not next to the file')
    .option('--trust <trust.json>', 'trusted root key ids (JSON array, or {v:1, roots, statements?, revocations?})')
    .option(
      '--parent <manifest.json>',
      'a parent or source manifest to follow chains through (repeatable; also looked up beside the manifest)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--json', 'print the report as JSON')
    .action(async (target: string, options: VerifyCliOptions) => {
      const { verifyTarget } = await import('../verify-target.ts');
      const { loadTrust } = await import('../trust.ts');
      const trust = options.trust === undefined ? undefined : await loadTrust(options.trust);
      const outcome = await verifyTarget({
        target,
        ...(options.parent === undefined ? {} : { parents: options.parent }),
        ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
        ...(trust === undefined ? {} : { trust }),
      });
      emit(
        options,
        {
          state: outcome.report.state,
          manifest: outcome.manifestPath,
          media: outcome.mediaPath,
          manifestId: outcome.manifestId,
          kind: outcome.kind,
          summary: outcome.summary,
          entries: outcome.report.entries,
          identities: outcome.identities,
          notes: outcome.notes,
        },
        () => formatOutcome(outcome),
      );
      if (outcome.report.state === 'invalid') throw new ExitError(EXIT.verificationFailed);
    });
}
