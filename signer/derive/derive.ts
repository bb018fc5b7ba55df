/**
 * `derive`: an editor's signed edit of a signed photo. The input must be the parent's picture (same decoded pixels);
 * the recipe is checked against the ORIGINAL capture's policy over the whole chain (refused with policy.refused
 * unless forced, in which case it is recorded as is and verifiers will report it); the pixels follow core's op math
 * (core/image/ops.ts) and sharp encodes them; the derivative claim names the parent, the recipe, the output hashes
 * and the reference tiles the replay needs, and is signed with role 'editor'. Beside the output go the manifest, its
 * keys file (the editor's and the ancestors' key statements) and its parents file (the ancestor manifests).
 */
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { ProvenantError } from '../../core/errors.ts';
import type { CaptureGeometry } from '../../core/image/capture-geometry.ts';
import { applyRecipe, type ImageOp } from '../../core/image/ops.ts';
import type { RevealedTilesJson } from '../../core/image/tile-tree.ts';
import { type ParsedManifest, parseManifest } from '../../core/manifest/parse.ts';
import { RecipeSchema } from '../../core/manifest/recipe.ts';
import { checkRecipeChain } from '../../core/policy/check.ts';
import type { StatusEntry } from '../../core/report/entry.ts';
import { claimTime } from '../claim-time.ts';
import { readManifestFile } from '../cosign.ts';
import { fileExists, writeOutputFile } from '../files.ts';
import { type LoadedKey, statementsOf } from '../keyfile.ts';
import { decodePhoto, photoHashes } from '../media/photo.ts';
import { addKeyMaterial, readKeyMaterial, readSecretFile, secretPathOf } from '../sidecars.ts';
import { MANIFEST_SUFFIX, manifestText } from '../sign.ts';
import { chainRecipes, resolveChain, writeParentsSidecar } from './chain.ts';
import { encodeImage, FORMAT_MEDIA_TYPES } from './encode.ts';
import { sha256Hex } from './hash.ts';
import { revealFromCapture, revealFromParent } from './reveal.ts';

export interface DeriveOptions {
  /** The parent's picture (the capture's file, or the previous derivative's output). */
  file: string;
  /** The parent manifest. */
  manifest: string;
  editor: LoadedKey;
  /** The recipe, or a function of the input's size that builds it (e.g. from CLI flags). */
  recipe: readonly ImageOp[] | ((width: number, height: number) => readonly ImageOp[]);
  out: string;
  /** Record a recipe the policy forbids instead of refusing it. */
  force?: boolean;
  /** Replace existing output files. */
  replace?: boolean;
  /** The capture's secret sidecar, if not `<capture manifest>.secret.json`. */
  secret?: string;
  /** More manifests to find ancestors in. */
  parents?: readonly string[];
  title?: string;
  description?: string;
  now?: () => number;
  /** Called after each of DERIVE_STEPS steps (decode, policy and tiles, pixels, encode, hash, write). */
  onProgress?: (step: number, total: number) => void;
}

export const DERIVE_STEPS = 6;

export interface DeriveResult {
  outPath: string;
  manifestPath: string;
  manifestId: string;
  parentId: string;
  captureId: string;
  recipe: ImageOp[];
  /** The policy check of the whole chain, one entry per op. */
  policy: StatusEntry[];
  /** True when the policy forbids the recipe and it was recorded anyway (--force). */
  forced: boolean;
  revealedTiles: number;
  /** Caveats worth telling the user. */
  notes: string[];
  keysPath: string;
  parentsPath: string;
}

type ImageAsset = { raster: { sha256: string } };

/** Revealed tiles may use this much of the 4 MiB claim; the rest is the recipe, hashes and proofs. */
export const MAX_REVEALED_JSON_CHARS = (4 << 20) - (64 << 10);

function lastEncode(recipe: readonly ImageOp[]) {
  const last = recipe[recipe.length - 1];
  if (last?.op !== 'encode') {
    throw new ProvenantError('recipe.invalid', 'a derivative recipe ends with an encode op that names the format');
  }
  return last;
}

/** The policy.refused error for the failing policy entries (details `<subject>: <code>`). */
export function policyRefusal(failures: readonly StatusEntry[]): ProvenantError {
  const first = failures[0] as StatusEntry;
  return new ProvenantError(
    'policy.refused',
    `the original's policy forbids this recipe: ${failures.map((f) => `${f.code} (${f.subject}${f.detail ? `: ${f.detail}` : ''})`).join('; ')} — use --force to record it anyway`,
    { details: failures.map((f) => `${f.subject ?? first.subject}: ${f.code}`) },
  );
}

export async function deriveImage(options: DeriveOptions): Promise<DeriveResult> {
  const now = options.now ?? Date.now;
  const parent = await readManifestFile(options.manifest);
  const chain = await resolveChain(parent, options.manifest, options.parents ?? []);
  if (chain.status !== 'ok') {
    throw new ProvenantError(
      'input.invalid',
      `cannot follow ${options.manifest} back to a photo capture: ${chain.detail}`,
    );
  }
  const capture = chain.capture.manifest.claim;
  const parentClaim = parent.manifest.claim;
  const parentAsset = (
    parentClaim.kind === 'capture.photo' || parentClaim.kind === 'derivative' ? parentClaim.asset : null
  ) as ImageAsset | null;

  const progress = (step: number) => options.onProgress?.(step, DERIVE_STEPS);
  const { image } = await decodePhoto(options.file, options.file);
  progress(1);
  if (parentAsset?.raster?.sha256 !== photoHashes(image).raster.sha256) {
    throw new ProvenantError(
      'input.invalid',
      `${options.file} is not the picture ${options.manifest} signs (the decoded pixels differ)`,
    );
  }
  const built = typeof options.recipe === 'function' ? options.recipe(image.width, image.height) : options.recipe;
  const parsedRecipe = RecipeSchema.safeParse(built);
  if (!parsedRecipe.success)
    throw new ProvenantError('recipe.invalid', 'malformed recipe', { cause: parsedRecipe.error });
  const recipe = parsedRecipe.data as ImageOp[];
  const encode = lastEncode(recipe);

  const recipes = [...chainRecipes(chain.links), recipe];
  const captureGeometry: CaptureGeometry = {
    width: capture.asset.raster.width,
    height: capture.asset.raster.height,
    reference: capture.asset.reference,
  };
  const policy = checkRecipeChain(capture.policy, recipes, {
    width: captureGeometry.width,
    height: captureGeometry.height,
  });
  const failures = policy.filter((e) => e.kind === 'failure');
  if (failures.length > 0 && options.force !== true) throw policyRefusal(failures);

  const fullRecipe = recipes.flat() as ImageOp[];
  let revealed: RevealedTilesJson;
  if (parentClaim.kind === 'capture.photo') {
    const secretPath = options.secret ?? secretPathOf(options.manifest);
    if (!(await fileExists(secretPath))) {
      throw new ProvenantError(
        'input.invalid',
        `the capture's tile seed is needed to reveal reference tiles: ${secretPath} does not exist (pass --secret)`,
      );
    }
    const secret = await readSecretFile(secretPath);
    if (secret.manifestId !== parent.id)
      throw new ProvenantError('input.invalid', `${secretPath} belongs to another manifest`);
    revealed = revealFromCapture(captureGeometry, image, secret.tileSeed, fullRecipe);
  } else {
    revealed = revealFromParent(
      captureGeometry,
      (parentClaim as { revealedTiles?: RevealedTilesJson }).revealedTiles,
      fullRecipe,
    );
  }

  // A full-frame edit of a square 1024-px reference needs all 256 tiles (~4.2 MB of JSON), more than a claim may
  // hold (4 MiB): then the derivative goes without tiles and verifiers report the replay as skipped.
  const notes: string[] = [];
  const tilesFit = JSON.stringify(revealed).length <= MAX_REVEALED_JSON_CHARS;
  if (!tilesFit) {
    notes.push(
      `the replay needs ${revealed.indices.length} reference tiles, more than a manifest can hold: none are revealed and verifiers will report the replay as skipped (crop the picture to reveal fewer)`,
    );
  }
  progress(2);
  const pixels = applyRecipe(image, recipe);
  progress(3);
  const bytes = await encodeImage(pixels, encode);
  progress(4);
  const shown = photoHashes((await decodePhoto(bytes, options.out)).image);
  progress(5);
  const createdAt = claimTime(now);
  const claim = {
    v: 1,
    kind: 'derivative',
    createdAt,
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.description === undefined ? {} : { description: options.description }),
    parent: { manifestId: parent.id, claimDigest: parent.id },
    recipe,
    asset: {
      mediaType: FORMAT_MEDIA_TYPES[encode.format],
      byteLength: bytes.length,
      sha256: sha256Hex(bytes),
      raster: shown.raster,
      fingerprints: shown.fingerprints,
    },
    ...(tilesFit ? { revealedTiles: revealed } : {}),
  };
  const parsed: ParsedManifest = parseManifest({ claim, signatures: [] });
  const entry = signClaim(parsed.claimDigest, options.editor.key, 'editor', now());
  const manifestPath = options.out + MANIFEST_SUFFIX;
  const replace = options.replace === true;
  await writeOutputFile(options.out, bytes, { force: replace });
  await writeOutputFile(manifestPath, manifestText(parsed, [entry]), { force: replace });
  const parentKeys = await readKeyMaterial(options.manifest);
  const keysPath = await addKeyMaterial(manifestPath, [...parentKeys.statements, ...statementsOf(options.editor.file)]);
  const parentsPath = await writeParentsSidecar(manifestPath, chain.links);
  progress(6);
  return {
    outPath: options.out,
    manifestPath,
    manifestId: parsed.id,
    parentId: parent.id,
    captureId: chain.capture.id,
    recipe,
    policy,
    forced: failures.length > 0,
    revealedTiles: tilesFit ? revealed.indices.length : 0,
    notes,
    keysPath,
    parentsPath,
  };
}
