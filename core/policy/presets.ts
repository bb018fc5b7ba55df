/**
 * Named policies for signers. A claim always carries the expanded policy object, never a preset name,
 * so verifiers do not depend on this table and presets can evolve without changing old verdicts.
 */
import type { TransformPolicy } from './schema.ts';

const newsStrict = {
  crop: { minAreaFrac: 0.5 },
  resize: { minLongEdge: 640 },
  // "±20 %" is symmetric in ratio: 1/1.25 = 0.8, so brightening and darkening are bounded alike.
  color: { brightness: [0.8, 1.25], contrast: [0.8, 1.25], saturation: [0.8, 1.25] },
  orient: { rot90: true },
  reencode: { formats: ['jpeg', 'webp', 'avif'], minQuality: 60 },
} satisfies TransformPolicy;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const POLICY_PRESETS = deepFreeze({
  /** No edits at all. */
  none: {},
  /** Crop to ≥ 50 % of the area, resize to ≥ 640 px long edge, colour ±20 %, quarter turns, lossy re-encode ≥ 60. */
  'news-strict': newsStrict,
  /** news-strict plus redaction of at most 10 % of the visible area (faces, number plates). */
  'news-standard': { ...structuredClone(newsStrict), redact: { maxAreaFrac: 0.1 } },
  /** Stream-copied trims of at least one second, and transcodes to common audio codecs. */
  'audio-standard': {
    trim: { minDurationMs: 1000 },
    transcode: { codecs: ['aac', 'flac', 'mp3', 'opus'] },
  },
} as const satisfies Record<string, TransformPolicy>);

export type PolicyPresetName = keyof typeof POLICY_PRESETS;

export function isPolicyPresetName(name: unknown): name is PolicyPresetName {
  return typeof name === 'string' && Object.hasOwn(POLICY_PRESETS, name);
}

/** A fresh, mutable copy of a preset, ready to be put into a claim. */
export function policyPreset(name: PolicyPresetName): TransformPolicy {
  return structuredClone(POLICY_PRESETS[name]) as TransformPolicy;
}
