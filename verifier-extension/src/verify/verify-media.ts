/**
 * The verification flow for a picture, a clip or a recording the reader right-clicked (pure: the bytes are already
 * fetched, the API and the chain are injected):
 *   1. candidates: by the first 8 hex digits of the file's SHA-256 (k-anonymity; the exact match is picked here),
 *      then by the decoded pixels' raster digest, then by PDQ fingerprint (an API without that lookup is skipped);
 *   2. each candidate manifest is re-read with core and bound to the shown media (bytes → pixels → fingerprint);
 *   3. signatures, the edit chain with per-step policy, the anchor (inclusion proof, checkpoint authenticated on
 *      chain), the signers' identities (a chain-authenticated log time decides revocations), co-signing k of n.
 * The API is a source of candidates, never of verdicts: a hostile answer can only produce failure codes.
 */

import type { ImageOp } from '../../../core/image/ops.ts';
import { checkReplay } from '../../../core/image/replay-check.ts';
import { evaluateCosigning, unexpectedSigners } from '../../../core/manifest/cosigning.ts';
import type { ParsedManifest } from '../../../core/manifest/parse.ts';
import type { Recipe } from '../../../core/manifest/recipe.ts';
import { validKeyIds, verifyManifestSignatures } from '../../../core/manifest/signatures.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';
import { buildReport } from '../../../core/report/report.ts';
import type { TrustList } from '../settings.ts';
import { checkAnchor } from './anchor-check.ts';
import { ApiError, type ManifestSummary, type ProvenantApi } from './api-client.ts';
import { assetOf, bindMedia } from './binding.ts';
import type { ChainReader } from './chain-reader.ts';
import { walkEditChain } from './edit-chain.ts';
import { fetchKeyMaterial, identityOf } from './identity.ts';
import { loadManifest } from './load-manifest.ts';
import type { ShownMedia } from './shown-media.ts';
import type { CosignView, SignerView, Verdict } from './verdict.ts';

export const PREFIX_HEX_DIGITS = 8;
/**
 * Lookup radii (the API caps PDQ at 32 and pHash at 11 bits): PDQ first, then pHash for flat pictures whose PDQ is
 * weak. The local comparison then decides with the calibrated thresholds, whatever the API returned.
 */
export const PDQ_LOOKUP_DISTANCE = 32;
export const PHASH_LOOKUP_DISTANCE = 8;
/** Candidates fetched and checked per lookup, at most. */
const MAX_CANDIDATES = 8;

export interface VerifyContext {
  api: ProvenantApi;
  trust: TrustList;
  chain: ChainReader | null;
}

type FoundBy = NonNullable<Verdict['foundBy']>;

interface Candidates {
  foundBy: FoundBy;
  ids: string[];
}

export function noProvenance(notes: string[]): Verdict {
  const entries = [status('provenance.none', { detail: 'no manifest for this content is known to the API' })];
  return {
    ...buildReport(entries),
    entries,
    manifestId: null,
    kind: null,
    title: null,
    foundBy: null,
    capturedAt: null,
    createdAt: null,
    signers: [],
    cosigning: null,
    steps: [],
    anchor: null,
    quote: null,
    notes,
  };
}

const idsOf = (rows: ManifestSummary[]) => [...new Set(rows.map((r) => r.id))].slice(0, MAX_CANDIDATES);

async function findCandidates(shown: ShownMedia, api: ProvenantApi, notes: string[]): Promise<Candidates | null> {
  const byPrefix = await api.bySha256Prefix(shown.sha256.slice(0, PREFIX_HEX_DIGITS));
  const exact = idsOf(byPrefix.filter((r) => r.mediaSha256 === shown.sha256));
  if (exact.length > 0) return { foundBy: 'file', ids: exact };
  const pixels = await shown.pixels();
  if (!pixels) return null;
  const byPixels = idsOf(await api.byPixels(pixels.raster.sha256));
  if (byPixels.length > 0) return { foundBy: 'pixels', ids: byPixels };
  try {
    const byPdq = idsOf(await api.byFingerprint(pixels.fingerprints.pdq, PDQ_LOOKUP_DISTANCE));
    if (byPdq.length > 0) return { foundBy: 'fingerprint', ids: byPdq };
    const byPhash = idsOf(await api.byFingerprint(pixels.fingerprints.phash, PHASH_LOOKUP_DISTANCE));
    if (byPhash.length > 0) return { foundBy: 'fingerprint', ids: byPhash };
  } catch (e) {
    // An API without the fingerprint lookup answers 4xx: a missing feature, not a verdict.
    if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500) throw e;
    notes.push('the API does not offer the fingerprint lookup, so re-encoded copies cannot be found');
  }
  return null;
}

interface Bound {
  parsed: ParsedManifest;
  binding: StatusEntry;
}

/** The first candidate that loads and binds; else the first failure (exact/pixel hits that do not bind are hostile). */
async function bindCandidates(ids: string[], foundBy: FoundBy, shown: ShownMedia, api: ProvenantApi) {
  let firstFailure: { parsed: ParsedManifest | null; entry: StatusEntry } | null = null;
  for (const id of ids) {
    const response = await api.manifest(id);
    if (!response) continue;
    const loaded = loadManifest(response);
    if (!loaded.ok) {
      firstFailure ??= { parsed: null, entry: status('claim.malformed', { subject: id, detail: loaded.detail }) };
      continue;
    }
    const asset = assetOf(loaded.parsed.manifest.claim);
    const binding = asset
      ? await bindMedia(asset, shown, foundBy)
      : status('binding.file.mismatch', { detail: `a ${loaded.parsed.manifest.claim.kind} claim binds no media` });
    if (binding.kind !== 'failure') return { bound: { parsed: loaded.parsed, binding } satisfies Bound };
    firstFailure ??= { parsed: loaded.parsed, entry: binding };
  }
  // A fingerprint neighbour that turns out far is simply not this picture.
  if (foundBy === 'fingerprint') return { bound: null, failure: null };
  return { bound: null, failure: firstFailure };
}

async function replayStep(
  claim: Extract<ParsedManifest['manifest']['claim'], { kind: 'derivative' }>,
  capture: ParsedManifest,
  recipes: readonly Recipe[],
  shown: ShownMedia,
): Promise<StatusEntry> {
  const c = capture.manifest.claim;
  if (c.kind !== 'capture.photo') return status('transform.replay.skipped', { detail: 'not a photo capture' });
  if (claim.revealedTiles === undefined) {
    return status('transform.replay.skipped', { detail: 'the editor revealed no reference tiles' });
  }
  const image = await shown.image();
  if (!image) return status('transform.replay.skipped', { detail: 'the browser cannot decode the picture shown' });
  const geometry = { width: c.asset.raster.width, height: c.asset.raster.height, reference: c.asset.reference };
  // The extension reports any mismatch as the plain transform.replay.inconsistent (no diagnosis).
  return checkReplay(geometry, claim.revealedTiles, recipes.flat() as ImageOp[], image, { diagnose: false }).entry;
}

function cosignView(parsed: ParsedManifest, valid: string[]): CosignView | null {
  const required = parsed.manifest.claim.requiredSigners;
  if (!required) return null;
  const set = new Set(valid);
  return {
    signed: required.keys.filter((k) => set.has(k)).length,
    required: required.keys.length,
    threshold: required.threshold,
  };
}

function captureTime(parsed: ParsedManifest | null): number | null {
  const c = parsed?.manifest.claim;
  if (!c || !('capture' in c) || !c.capture) return null;
  return (c.capture as { capturedAt?: number }).capturedAt ?? null;
}

export async function verifyMedia(shown: ShownMedia, ctx: VerifyContext): Promise<Verdict> {
  const notes: string[] = [];
  const found = await findCandidates(shown, ctx.api, notes);
  if (!found) return noProvenance(notes);
  const { bound, failure } = await bindCandidates(found.ids, found.foundBy, shown, ctx.api);
  if (!bound) {
    if (!failure) return noProvenance(notes);
    const entries = [failure.entry];
    return {
      ...noProvenance(notes),
      ...buildReport(entries),
      entries,
      manifestId: failure.parsed?.id ?? null,
      kind: failure.parsed?.manifest.claim.kind ?? null,
      foundBy: found.foundBy,
    };
  }
  const { parsed, binding } = bound;
  const claim = parsed.manifest.claim;
  const entries: StatusEntry[] = [status('claim.valid', { subject: parsed.id, detail: claim.kind }), binding];

  const signatureEntries = verifyManifestSignatures(parsed);
  entries.push(...signatureEntries);
  const valid = validKeyIds(signatureEntries);

  const chain = await walkEditChain(parsed, ctx.api);
  entries.push(...chain.entries);
  if (claim.kind === 'derivative' && claim.asset.mediaType.startsWith('image/') && chain.capture) {
    const replay = await replayStep(claim, chain.capture, chain.recipes, shown);
    const step = chain.steps[0];
    if (step) step.replay = replay.code;
    entries.push(replay);
  }

  const anchor = await checkAnchor(parsed.id, ctx.api, ctx.chain);

  const signers: SignerView[] = [];
  const roles = new Map(parsed.manifest.signatures.map((s) => [s.keyId, s.role] as const));
  for (const keyId of valid) {
    const material = await fetchKeyMaterial(ctx.api, keyId);
    // Only the submitter's signature is in the authenticated manifest leaf; later co-signatures have leaves of
    // their own, which this check does not fetch, so for them every revocation applies.
    const leaf = anchor.authenticatedLeaf;
    const loggedAt = leaf && leaf.signer === keyId ? leaf.receivedAt : undefined;
    const identity = identityOf(keyId, roles.get(keyId) ?? null, material, ctx.trust, loggedAt);
    entries.push(...identity.entries);
    signers.push(identity.view);
  }
  // For an edit, who captured the original matters as much as who edited it.
  if (chain.capture && chain.capture !== parsed) {
    const captureSigners = validKeyIds(verifyManifestSignatures(chain.capture)).filter((k) => !valid.includes(k));
    const captureRoles = new Map(chain.capture.manifest.signatures.map((g) => [g.keyId, g.role] as const));
    for (const keyId of captureSigners) {
      const identity = identityOf(
        keyId,
        captureRoles.get(keyId) ?? null,
        await fetchKeyMaterial(ctx.api, keyId),
        ctx.trust,
        undefined,
      );
      entries.push(...identity.entries);
      signers.push({ ...identity.view, role: `${identity.view.role ?? 'signer'} of the original` });
    }
  }
  if (ctx.trust.roots.length === 0 && valid.length > 0) {
    notes.push('no trusted roots are configured (Options → Trusted roots): signers are checked, not trusted');
  }

  entries.push(evaluateCosigning(claim, valid), ...unexpectedSigners(claim, valid));
  entries.push(...anchor.entries);

  const report = buildReport(entries);
  return {
    state: report.state,
    entries: [...report.entries],
    manifestId: parsed.id,
    kind: claim.kind,
    title: claim.title ?? null,
    foundBy: found.foundBy,
    capturedAt: captureTime(chain.capture),
    createdAt: claim.createdAt,
    signers,
    cosigning: cosignView(parsed, valid),
    steps: chain.steps,
    anchor: anchor.view,
    quote: null,
    notes,
  };
}
