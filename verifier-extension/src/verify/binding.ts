/**
 * Binding of the shown media to a claim's asset, reporting only the level that decided: file bytes → decoded
 * pixels → perceptual fingerprints (close is informational, far a failure). Audio and video are bound by their
 * bytes here; packet-level trims and re-encodes need ffmpeg and go to the server only on the reader's request.
 */
import { comparePhotos } from '../../../core/image/similarity.ts';
import type { Claim } from '../../../core/manifest/claim.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';
import type { ShownMedia } from './shown-media.ts';

type Asset = Extract<Claim, { kind: 'capture.photo' | 'capture.audio' | 'capture.video' | 'derivative' }>['asset'];

interface ImageAsset {
  sha256: string;
  byteLength: number;
  raster: { sha256: string; width: number; height: number };
  fingerprints: { pdq: string; phash: string };
}

function isImageAsset(asset: Asset): asset is Asset & ImageAsset {
  return asset.mediaType.startsWith('image/') && 'raster' in asset;
}

export function assetOf(claim: Claim): Asset | null {
  return claim.kind === 'capture.photo' ||
    claim.kind === 'capture.audio' ||
    claim.kind === 'capture.video' ||
    claim.kind === 'derivative'
    ? claim.asset
    : null;
}

/**
 * `level` is how the candidate was found. A candidate found by exact hash or by pixels that then does not match at
 * that level is the API claiming something false, so it fails there instead of falling back to a weaker level.
 */
export async function bindMedia(
  asset: Asset,
  shown: ShownMedia,
  level: 'file' | 'pixels' | 'fingerprint',
): Promise<StatusEntry> {
  if (asset.sha256 === shown.sha256 && asset.byteLength === shown.byteLength) return status('binding.file.match');
  if (level === 'file') {
    return status('binding.file.mismatch', { detail: 'the API offered this manifest for the file’s hash; it is not' });
  }
  if (!isImageAsset(asset)) {
    return status('binding.file.mismatch', {
      detail: 'the bytes differ from the signed recording; comparing packets needs the server (send the file)',
    });
  }
  const pixels = await shown.pixels();
  if (!pixels) return status('binding.file.mismatch', { detail: 'the bytes differ and the browser cannot decode it' });
  if (pixels.raster.sha256 === asset.raster.sha256) {
    return status('binding.pixels.match', {
      detail: 'the file differs (e.g. metadata stripped); the pixels are identical',
    });
  }
  const cmp = comparePhotos(
    { fingerprints: asset.fingerprints, width: asset.raster.width, height: asset.raster.height },
    { fingerprints: pixels.fingerprints, ...pixels.raster, pdqQuality: pixels.pdqQuality },
  );
  const measured = `PDQ ${cmp.pdqBits}/256, pHash ${cmp.phashBits}/64 bits`;
  if (!cmp.decidable) {
    return status('binding.pixels.mismatch', { detail: `the pixels differ and the picture is too flat to compare` });
  }
  return cmp.close
    ? status('binding.fingerprint.close', { detail: `${measured} from the signed picture` })
    : status('binding.fingerprint.far', { detail: `the picture differs from the signed one (${measured})` });
}
