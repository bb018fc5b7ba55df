/**
 * Capture-signs the demo photo with a FIXED tile seed. `signCapture` draws its tile seed from node:crypto and has
 * no option to inject one, so this composes the same steps from the signer's public pieces (analysePhoto,
 * photoClaim, manifestText and the sidecar writers); the resulting files are exactly what `provenant sign` writes.
 */
import { writeFile } from 'node:fs/promises';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { policyPreset } from '../../core/policy/presets.ts';
import {
  addKeyMaterial,
  analysePhoto,
  type LoadedKey,
  manifestText,
  photoClaim,
  statementsOf,
  writeManifestSecret,
} from '../../signer/index.ts';

export interface PhotoCaptureInput {
  /** A JPEG file. */
  file: string;
  manifestPath: string;
  camera: LoadedKey;
  device: { maker: string; model: string };
  tileSeed: Uint8Array;
  capturedAt: number;
  title: string;
}

export interface PhotoCaptureOutput {
  manifestPath: string;
  manifestId: string;
}

export async function signPhotoCapture(input: PhotoCaptureInput): Promise<PhotoCaptureOutput> {
  const analysis = await analysePhoto(input.file, { format: 'jpeg', mediaType: 'image/jpeg' }, input.tileSeed);
  const common = { v: 1, createdAt: input.capturedAt, title: input.title };
  const base = photoClaim(analysis, policyPreset('news-standard'), common) as Record<string, unknown>;
  const claim = { ...base, capture: { device: input.device, capturedAt: input.capturedAt } };
  const parsed = parseManifest({ claim, signatures: [] });
  const entry = signClaim(parsed.claimDigest, input.camera.key, 'capture', input.capturedAt);
  await writeFile(input.manifestPath, manifestText(parsed, [entry]));
  await writeManifestSecret(input.manifestPath, { manifestId: parsed.id, tileSeed: input.tileSeed }, true);
  await addKeyMaterial(input.manifestPath, statementsOf(input.camera.file));
  return { manifestPath: input.manifestPath, manifestId: parsed.id };
}
