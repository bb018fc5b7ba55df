/** Writes a generated canvas as a file. sharp writes no metadata unless asked, so the bytes depend on pixels only. */
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Canvas } from './canvas.ts';

export async function writeJpeg(canvas: Canvas, path: string, quality: number): Promise<void> {
  const raw = Buffer.from(canvas.toRgba());
  const bytes = await sharp(raw, { raw: { width: canvas.width, height: canvas.height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality })
    .toBuffer();
  await writeFile(path, bytes);
}
