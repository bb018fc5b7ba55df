/**
 * Whole-pixel reads for hot loops: an RGBA buffer viewed as one 32-bit word per pixel. On a little-endian platform
 * (every JS engine in practice) R is bits 0–7 and A bits 24–31. Callers fall back to byte reads when this returns
 * null (big-endian platform, or a buffer view not aligned to 4 bytes), so results never depend on the platform.
 */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

export function pixelWords(data: Uint8Array): Uint32Array | null {
  if (!LITTLE_ENDIAN || data.byteOffset % 4 !== 0 || data.length % 4 !== 0) return null;
  return new Uint32Array(data.buffer, data.byteOffset, data.length / 4);
}
