/**
 * The photo half of the demo: the camera's signed capture, the photo desk's signed crop + colour adjustment, the
 * CDN's re-encode, a tampered copy signed as a harmless edit by an unendorsed reposter, and an unsigned picture.
 */
import { join } from 'node:path';
import { deriveImage } from '../signer/index.ts';
import { DEMO_TIMES, stoppedClock } from './clock.ts';
import type { DemoManifest } from './demo-manifest.ts';
import type { DemoKeys } from './keys.ts';
import { signPhotoCapture } from './photo/capture.ts';
import { writeCdnCopy } from './photo/copies.ts';
import { writeJpeg } from './photo/encode.ts';
import { signForgedEdit } from './photo/forged-edit.ts';
import { paintHarbour } from './photo/harbour-scene.ts';
import { paintSkyline } from './photo/skyline-scene.ts';
import { fixedSecret } from './random.ts';
import { DEVICE, PHOTO_DESK_RECIPE, PHOTO_TITLE } from './story.ts';

export interface DemoDirs {
  root: string;
  /** The camera's originals and the capture's secret tile seed: never served. */
  capture: string;
  /** What the demo site may serve: media and their public manifests. */
  public: string;
}

const MANIFEST = '.provenant.json';

export async function producePhoto(dirs: DemoDirs, keys: DemoKeys): Promise<DemoManifest['photo']> {
  const rel = (abs: string) => abs.slice(dirs.root.length + 1);
  const capturePath = join(dirs.capture, 'harbour-dawn.jpg');
  await writeJpeg(paintHarbour(), capturePath, 92);
  const capture = await signPhotoCapture({
    file: capturePath,
    manifestPath: capturePath + MANIFEST,
    camera: keys.camera,
    device: DEVICE,
    tileSeed: fixedSecret('photo/harbour-dawn/tile-seed'),
    capturedAt: DEMO_TIMES.photoCaptured,
    title: PHOTO_TITLE,
  });

  const publishedPath = join(dirs.public, 'harbour-dawn-published.jpg');
  const derived = await deriveImage({
    file: capturePath,
    manifest: capture.manifestPath,
    editor: keys.photoDesk,
    recipe: PHOTO_DESK_RECIPE,
    out: publishedPath,
    replace: true,
    now: stoppedClock(DEMO_TIMES.photoPublished),
    title: `${PHOTO_TITLE} (cropped and colour-corrected by the photo desk)`,
  });

  const cdnPath = join(dirs.public, 'harbour-dawn-cdn.webp');
  await writeCdnCopy(publishedPath, cdnPath);
  const tamperedPath = join(dirs.public, 'harbour-dawn-tampered.jpg');
  const forged = await signForgedEdit({
    captureFile: capturePath,
    captureManifest: capture.manifestPath,
    editor: keys.viral,
    recipe: PHOTO_DESK_RECIPE,
    out: tamperedPath,
    at: DEMO_TIMES.viralPosted,
    title: 'Fire at the north harbour, from the lighthouse spit (cropped and colour-corrected)',
  });
  const unsignedPath = join(dirs.public, 'skyline-unsigned.jpg');
  await writeJpeg(paintSkyline(), unsignedPath, 88);

  return {
    capture: {
      path: rel(capturePath),
      mediaType: 'image/jpeg',
      manifestPath: rel(capture.manifestPath),
      manifestId: capture.manifestId,
    },
    published: {
      path: rel(publishedPath),
      mediaType: 'image/jpeg',
      manifestPath: rel(derived.manifestPath),
      manifestId: derived.manifestId,
    },
    cdn: { path: rel(cdnPath), mediaType: 'image/webp', copyOf: derived.manifestId },
    tampered: {
      path: rel(tamperedPath),
      mediaType: 'image/jpeg',
      manifestPath: rel(forged.manifestPath),
      manifestId: forged.manifestId,
      claimsParent: forged.parentId,
      copyOf: derived.manifestId,
    },
    unsigned: { path: rel(unsignedPath), mediaType: 'image/jpeg' },
  };
}
