/**
 * The two unsigned copies of the published photo a reader meets on other sites:
 *   - the CDN copy: decoded and re-encoded as WebP, with no metadata (what an image CDN does); same picture;
 *   - the tampered copy: a plume of smoke painted over the docks ("fire at the harbour!"), then re-saved.
 */
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { Canvas, mix } from './canvas.ts';
import { valueNoise } from './noise.ts';

export async function writeCdnCopy(source: string, out: string): Promise<void> {
  // sharp drops EXIF/XMP/ICC unless withMetadata() is asked for: stripping needs no key and no signer.
  await writeFile(out, await sharp(source).webp({ quality: 72 }).toBuffer());
}

async function loadCanvas(path: string): Promise<Canvas> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const cv = new Canvas(info.width, info.height);
  for (let i = 0; i < data.length; i++) cv.data[i] = data[i] ?? 0;
  return cv;
}

export async function writeTamperedCopy(source: string, out: string): Promise<void> {
  const cv = await loadCanvas(source);
  const { width, height } = cv;
  const smoke = valueNoise(71);
  // A plume rising from the right-hand docks and drifting left with the wind.
  const baseX = width * 0.8;
  const baseY = height * 0.62;
  cv.paint((x, y) => {
    const rise = (baseY - y) / (height * 0.6);
    if (rise < 0 || rise > 1) return null;
    const centre = baseX - width * 0.3 * rise ** 1.5;
    const spread = width * (0.03 + 0.16 * rise);
    const across = (x - centre) / spread;
    const density = Math.exp(-(across * across)) * (1 - Math.max(0, rise - 0.7) / 0.3);
    const billow = smoke.fbm(x / 70, y / 70 + rise * 3, 5);
    const alpha = Math.max(0, density * (0.55 + billow) - 0.25) * 1.4;
    return { color: mix([34, 30, 32], [110, 100, 104], billow), alpha };
  });
  // Embers at the foot of the plume.
  cv.paint((x, y) => {
    const d = Math.hypot((x - baseX) / (width * 0.05), (y - baseY) / (height * 0.02));
    return d > 1.6 ? null : { color: [255, 120 + 60 * smoke.at(x / 5, y / 5), 40], alpha: Math.max(0, 1 - d) };
  });
  const raw = Buffer.from(cv.toRgba());
  await writeFile(
    out,
    await sharp(raw, { raw: { width, height, channels: 4 } })
      .jpeg({ quality: 88 })
      .toBuffer(),
  );
}
