/** `--policy <preset|json|file>`: a preset name, inline JSON, or a JSON file, checked for the media's sort. */
import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { parseJson } from '../core/canonical.ts';
import { ProvenantError } from '../core/errors.ts';
import { formatIssues } from '../core/manifest/issues.ts';
import { isPolicyPresetName, POLICY_PRESETS, policyPreset } from '../core/policy/presets.ts';
import { ImagePolicySchema, TimedMediaPolicySchema, type TransformPolicy } from '../core/policy/schema.ts';

export type MediaSort = 'photo' | 'audio' | 'video';

/**
 * Defaults when --policy is absent: photos allow the news-strict edits, audio the audio-standard ones, video only
 * stream-copied trims of at least a second. A claim always carries the expanded policy, never a preset name.
 */
export function defaultPolicy(sort: MediaSort): TransformPolicy {
  if (sort === 'photo') return policyPreset('news-strict');
  if (sort === 'audio') return policyPreset('audio-standard');
  return { trim: { minDurationMs: 1000 } };
}

function readSpec(spec: string): unknown {
  if (isPolicyPresetName(spec)) return policyPreset(spec);
  const text = spec.trimStart().startsWith('{') ? spec : readPolicyFile(spec);
  try {
    return parseJson(text, 64 * 1024);
  } catch (e) {
    throw new ProvenantError('input.invalid', 'the policy is not valid JSON', { cause: e });
  }
}

function readPolicyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const presets = Object.keys(POLICY_PRESETS).join(', ');
    throw new ProvenantError(
      'input.invalid',
      `--policy must be a preset (${presets}), inline JSON or a JSON file; cannot read ${path}`,
      { cause: e },
    );
  }
}

export function resolvePolicy(spec: string | undefined, sort: MediaSort): TransformPolicy {
  if (spec === undefined) return defaultPolicy(sort);
  const value = readSpec(spec);
  const schema: z.ZodType = sort === 'photo' ? ImagePolicySchema : TimedMediaPolicySchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = formatIssues(parsed.error.issues, value).map((d) => d.replace(/^manifest/, 'policy'));
    throw new ProvenantError('input.invalid', `the policy is not valid for ${sort}: ${details[0] ?? ''}`, { details });
  }
  return parsed.data as TransformPolicy;
}
