/**
 * Offline verification of a derivative (an edit of a signed photo; clips go to verify-clip.ts), in order:
 *   1. the manifest parses; 2. the picture shown is bound to the derivative's output hashes (bytes → pixels →
 *   fingerprints: an honest re-encode is `binding.fingerprint.close`); 3. the editor's signatures and identities;
 *   4. the chain back to the capture claim, every ancestor signed (transform.chain.ok / parent.missing / broken)
 *   and the capture's signers' identities; 5. the policy of the ORIGINAL capture over the whole chain of recipes,
 *   one entry per op; 6. the replay of that chain on the revealed reference tiles against the picture shown
 *   (derive/replay-check.ts); 7. co-signing; 8. anchoring not checked offline.
 */
import { isProvenantError } from '../core/errors.ts';
import type { CaptureGeometry } from '../core/image/capture-geometry.ts';
import type { ImageOp } from '../core/image/ops.ts';
import { checkReplay } from '../core/image/replay-check.ts';
import type { RgbaImage } from '../core/image/rgba.ts';
import { evaluateCosigning, unexpectedSigners } from '../core/manifest/cosigning.ts';
import type { ParsedManifest } from '../core/manifest/parse.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { checkRecipeChain } from '../core/policy/check.ts';
import { type StatusEntry, status } from '../core/report/entry.ts';
import { chainRecipes, type DerivativeClaim, resolveChain } from './derive/chain.ts';
import { decodePhoto } from './media/photo.ts';
import { EMPTY_TRUST, type TrustConfig } from './trust.ts';
import { bindPhoto, type PhotoAsset, type VerifyOutcome } from './verify.ts';
import { chainEntry } from './verify-chain.ts';
import { verifyClip } from './verify-clip.ts';
import { offlineOutcome } from './verify-outcome.ts';
import { checkSigners } from './verify-signers.ts';

export interface VerifyDerivativeInput {
  parsed: ParsedManifest;
  manifestPath: string;
  mediaPath: string | null;
  trust?: TrustConfig;
  /** More manifest files to find ancestors in. */
  parents?: readonly string[];
}

async function decodeShown(mediaPath: string): Promise<RgbaImage | null> {
  try {
    return (await decodePhoto(mediaPath, mediaPath)).image;
  } catch (e) {
    if (isProvenantError(e) && e.code.startsWith('media.')) return null;
    throw e;
  }
}

export async function verifyDerivative(input: VerifyDerivativeInput): Promise<VerifyOutcome> {
  const { parsed, manifestPath, mediaPath } = input;
  const trust = input.trust ?? EMPTY_TRUST;
  const claim = parsed.manifest.claim as DerivativeClaim;
  // Audio/video derivatives are clips of a recording: their own check (exact run or fingerprint-consistent).
  if (!claim.asset.mediaType.startsWith('image/')) return verifyClip(input);
  const notes: string[] = [];
  const entries: StatusEntry[] = [status('claim.valid', { subject: parsed.id, detail: claim.kind })];

  let shown: RgbaImage | null = null;
  if (mediaPath === null) {
    notes.push('no media file was given or found next to the manifest: only the manifests were checked');
  } else {
    shown = await decodeShown(mediaPath);
    entries.push(await bindPhoto(claim.asset as PhotoAsset, mediaPath, shown ?? undefined));
  }

  const { valid, identities, addIdentity } = await checkSigners(parsed, manifestPath, trust, entries);

  const chain = await resolveChain(parsed, manifestPath, input.parents ?? []);
  const linked = chainEntry(chain);
  entries.push(linked.entry);
  if (chain.status === 'ok') {
    if (linked.ok) {
      const captureClaim = chain.capture.manifest.claim;
      for (const k of validKeyIds(verifyManifestSignatures(chain.capture))) addIdentity(k);
      const geometry: CaptureGeometry = {
        width: captureClaim.asset.raster.width,
        height: captureClaim.asset.raster.height,
        reference: captureClaim.asset.reference,
      };
      const recipes = chainRecipes(chain.links);
      entries.push(
        ...checkRecipeChain(captureClaim.policy, recipes, { width: geometry.width, height: geometry.height }),
      );
      if (claim.revealedTiles === undefined) {
        entries.push(status('transform.replay.skipped', { detail: 'the derivative reveals no reference tiles' }));
      } else if (shown === null) {
        entries.push(
          status('transform.replay.skipped', {
            detail: mediaPath === null ? 'no picture to compare with' : 'the picture shown cannot be decoded',
          }),
        );
      } else {
        const ops = recipes.flat() as ImageOp[];
        entries.push(checkReplay(geometry, claim.revealedTiles, ops, shown).entry);
      }
    }
  }

  entries.push(evaluateCosigning(claim, valid), ...unexpectedSigners(claim, valid));
  return offlineOutcome({
    entries,
    notes,
    trust,
    validSigners: valid.length,
    manifestPath,
    mediaPath: mediaPath,
    manifestId: parsed.id,
    kind: claim.kind,
    identities,
  });
}
