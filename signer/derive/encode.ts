/**
 * Encodes a recipe's pixels with sharp. The pixels already follow core's op math (core/image/ops.ts); the
 * encoder is the only step whose loss the replay tolerance has to absorb. Formats without alpha are flattened on
 * white, as every Provenant comparison composites on white.
 */
import sharp from 'sharp';
import type { ImageOp } from '../../core/image/ops.ts';
import { isOpaque, type RgbaImage } from '../../core/image/rgba.ts';
import { sharpError } from '../media/photo.ts';

export type EncodeOp = Extract<ImageOp, { op: 'encode' }>;

export const FORMAT_MEDIA_TYPES: Readonly<Record<EncodeOp['format'], string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

export async function encodeImage(img: RgbaImage, op: EncodeOp): Promise<Uint8Array> {
  try {
    const raw = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length);
    let s = sharp(raw, { raw: { width: img.width, height: img.height, channels: 4 } });
    if (op.format === 'jpeg' || isOpaque(img)) s = s.flatten({ background: '#ffffff' });
    switch (op.format) {
      case 'jpeg':
        s = s.jpeg({ quality: op.quality ?? 90, chromaSubsampling: '4:4:4' });
        break;
      case 'png':
        s = s.png();
        break;
      case 'webp':
        s = op.quality === undefined ? s.webp({ lossless: true }) : s.webp({ quality: op.quality });
        break;
      case 'avif':
        s = op.quality === undefined ? s.avif({ lossless: true }) : s.avif({ quality: op.quality, effort: 2 });
        break;
    }
    return new Uint8Array(await s.toBuffer());
  } catch (e) {
    throw sharpError(e, 'encoding the derivative');
  }
}
