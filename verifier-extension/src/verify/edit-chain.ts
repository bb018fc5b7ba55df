/**
 * The edit chain of a derivative: parent by parent back to the capture (each parent's id and claim digest must be
 * the ones the child signed, and each parent's signatures must verify), then every recipe from the capture onwards
 * checked as one against the ORIGINAL capture's policy with core's checkRecipeChain.
 */
import { isProvenantError } from '../../../core/errors.ts';
import type { Claim } from '../../../core/manifest/claim.ts';
import type { ParsedManifest } from '../../../core/manifest/parse.ts';
import type { Recipe } from '../../../core/manifest/recipe.ts';
import { verifyManifestSignatures } from '../../../core/manifest/signatures.ts';
import { checkRecipeChain, type SourceMedia } from '../../../core/policy/check.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';
import type { ProvenantApi } from './api-client.ts';
import { loadManifest } from './load-manifest.ts';
import type { StepView } from './verdict.ts';

/** Beyond this many derivative steps the chain is refused (the policy checker's recipe limit is 64). */
export const MAX_CHAIN_STEPS = 16;

type Derivative = Extract<Claim, { kind: 'derivative' }>;
type Capture = Extract<Claim, { kind: 'capture.photo' | 'capture.audio' | 'capture.video' }>;

export interface EditChainResult {
  entries: StatusEntry[];
  steps: StepView[];
  capture: ParsedManifest | null;
  /** The recipes from the capture onwards (empty for a capture). */
  recipes: Recipe[];
}

function stepOf(parsed: ParsedManifest): StepView {
  const c = parsed.manifest.claim;
  return { manifestId: parsed.id, kind: c.kind, title: c.title ?? null, ops: [], replay: null };
}

function sourceOf(capture: Capture): SourceMedia {
  if (capture.kind === 'capture.photo')
    return { width: capture.asset.raster.width, height: capture.asset.raster.height };
  return { width: 0, height: 0, durationMs: capture.asset.durationMs, packetCount: capture.asset.packets.count };
}

export async function walkEditChain(shown: ParsedManifest, api: ProvenantApi): Promise<EditChainResult> {
  const entries: StatusEntry[] = [];
  const steps: StepView[] = [stepOf(shown)];
  const derivatives: Derivative[] = [];
  let current = shown;
  while (current.manifest.claim.kind === 'derivative') {
    const claim = current.manifest.claim;
    derivatives.push(claim);
    if (derivatives.length > MAX_CHAIN_STEPS) {
      entries.push(status('transform.chain.broken', { detail: `more than ${MAX_CHAIN_STEPS} edit steps` }));
      return { entries, steps, capture: null, recipes: [] };
    }
    const response = await api.manifest(claim.parent.manifestId);
    if (!response) {
      entries.push(status('transform.parent.missing', { subject: claim.parent.manifestId }));
      return { entries, steps, capture: null, recipes: [] };
    }
    const loaded = loadManifest(response);
    if (!loaded.ok || loaded.parsed.id !== claim.parent.manifestId) {
      entries.push(
        status('transform.chain.broken', {
          subject: claim.parent.manifestId,
          detail: loaded.ok ? 'the API served a different parent than the one signed' : loaded.detail,
        }),
      );
      return { entries, steps, capture: null, recipes: [] };
    }
    const parent = loaded.parsed;
    // A parent nobody validly signed would let anyone invent an "original".
    const parentSignatures = verifyManifestSignatures(parent);
    if (!parentSignatures.some((e) => e.code === 'signature.valid')) {
      entries.push(
        ...parentSignatures.map((e) => ({ ...e, subject: `parent ${parent.id.slice(0, 12)}: ${e.subject ?? ''}` })),
      );
      entries.push(
        status('transform.chain.broken', { subject: parent.id, detail: 'the parent has no valid signature' }),
      );
      return { entries, steps, capture: null, recipes: [] };
    }
    steps.push(stepOf(parent));
    current = parent;
  }
  const capture = current.manifest.claim;
  if (capture.kind !== 'capture.photo' && capture.kind !== 'capture.audio' && capture.kind !== 'capture.video') {
    entries.push(status('transform.chain.broken', { detail: `the chain ends at a ${capture.kind} claim` }));
    return { entries, steps, capture: null, recipes: [] };
  }
  if (derivatives.length === 0) return { entries, steps, capture: current, recipes: [] };
  entries.push(status('transform.chain.ok', { detail: `${derivatives.length} edit step(s) back to the capture` }));
  const recipes: Recipe[] = derivatives.map((d) => d.recipe).reverse();
  let policyEntries: StatusEntry[];
  try {
    policyEntries = checkRecipeChain(capture.policy, recipes, sourceOf(capture));
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    entries.push(status('policy.op.forbidden', { detail: `the recipe cannot be checked (${e.code})` }));
    return { entries, steps, capture: current, recipes };
  }
  entries.push(...policyEntries);
  // Subjects are "chain/<i>/recipe/<j>" with i counted from the capture; steps[] runs from the shown media back.
  for (const e of policyEntries) {
    const m = /^chain\/(\d+)\/recipe\/(\d+)$/.exec(e.subject ?? '');
    if (!m) continue;
    const step = steps[derivatives.length - 1 - Number(m[1])];
    const op = recipes[Number(m[1])]?.[Number(m[2])];
    if (step && op) step.ops.push({ op: op.op, code: e.code });
  }
  return { entries, steps, capture: current, recipes };
}
