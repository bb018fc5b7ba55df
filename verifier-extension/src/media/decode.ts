/**
 * Decodes a picture in the service worker (createImageBitmap + OffscreenCanvas, no offscreen document needed) into
 * the EXIF-oriented, 8-bit sRGB RGBA pixels core hashes. Returns null for anything the browser cannot decode.
 */
import { MAX_IMAGE_EDGE, MAX_IMAGE_PIXELS, type RgbaImage, rgbaFromImageData } from '../../../core/image/rgba.ts';

export async function decodePicture(bytes: Uint8Array, mediaType: string): Promise<RgbaImage | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }), {
      imageOrientation: 'from-image',
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'default',
    });
  } catch {
    return null;
  }
  try {
    const { width, height } = bitmap;
    if (width === 0 || height === 0 || width > MAX_IMAGE_EDGE || height > MAX_IMAGE_EDGE) return null;
    if (width * height > MAX_IMAGE_PIXELS) return null;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { colorSpace: 'srgb', willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0);
    return rgbaFromImageData(ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' }));
  } finally {
    bitmap.close();
  }
}
