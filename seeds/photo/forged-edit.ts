/**
 * The viral copy: a derivative claim that lies. The reposter derives the capture with the photo desk's own recipe
 * (deriveImage: parent = the camera capture, the reference tiles revealed from it, exactly as `provenant derive`
 * does), then paints smoke over the output and signs a claim whose recipe, parent and tiles are the honest ones but
 * whose asset hashes are those of the painted pixels: what a lying editor would publish. Verifiers replay the
 * recipe on the revealed tiles and find the painted region does not follow from it.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { claimFingerprints } from '../../core/image/fingerprints.ts';
import type { ImageOp } from '../../core/image/ops.ts';
import { rasterDigestHex } from '../../core/image/raster-digest.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { decodePhoto, deriveImage, type LoadedKey, manifestText, readManifestFile } from '../../signer/index.ts';
import { stoppedClock } from '../clock.ts';
import { writeTamperedCopy } from './copies.ts';

export interface ForgedEditInput {
  /** The capture's picture and manifest (its secret sidecar beside it). */
  captureFile: string;
  captureManifest: string;
  editor: LoadedKey;
  recipe: readonly ImageOp[];
  out: string;
  at: number;
  title: string;
}

export interface ForgedEditOutput {
  manifestPath: string;
  manifestId: string;
  parentId: string;
}

export async function signForgedEdit(input: ForgedEditInput): Promise<ForgedEditOutput> {
  // The honest derivative first: its manifest, keys and parents sidecars are kept; its picture is painted over.
  const honest = await deriveImage({
    file: input.captureFile,
    manifest: input.captureManifest,
    editor: input.editor,
    recipe: input.recipe,
    out: input.out,
    replace: true,
    now: stoppedClock(input.at),
    title: input.title,
  });
  await writeTamperedCopy(honest.outPath, input.out);

  const bytes = new Uint8Array(await readFile(input.out));
  const { image } = await decodePhoto(bytes, input.out);
  const fp = claimFingerprints(image);
  const claim = { ...(await readManifestFile(honest.manifestPath)).manifest.claim } as Record<string, unknown>;
  claim.asset = {
    ...(claim.asset as object),
    byteLength: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    raster: { sha256: rasterDigestHex(image), width: image.width, height: image.height },
    fingerprints: { pdq: fp.pdq, phash: fp.phash },
  };
  const parsed = parseManifest({ claim, signatures: [] });
  const entry = signClaim(parsed.claimDigest, input.editor.key, 'editor', input.at);
  await writeFile(honest.manifestPath, manifestText(parsed, [entry]));
  return { manifestPath: honest.manifestPath, manifestId: parsed.id, parentId: honest.parentId };
}
