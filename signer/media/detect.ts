/**
 * Media type detection from magic bytes (never from the file name): the signer must not let a misleading
 * extension choose how a file is hashed. Audio-or-video containers (MP4, WebM, Ogg) are resolved to audio/* or
 * video/* later, from the streams ffmpeg finds.
 */
import { open } from 'node:fs/promises';
import { ProvenantError } from '../../core/errors.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff';

export type DetectedMedia =
  | { readonly sort: 'image'; readonly format: ImageFormat; readonly mediaType: string }
  | {
      readonly sort: 'timed';
      /** What the bytes look like, e.g. 'mp4', 'webm', 'wav'. */
      readonly family: string;
      /** The media type if the file has no video stream. */
      readonly audioType: string;
      /** The media type if it has one (null: an audio-only format). */
      readonly videoType: string | null;
    };

export const SNIFF_BYTES = 4096;

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** ISO BMFF: the major brand and the compatible brands of the leading `ftyp` box. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(Math.max(size, 16), bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let o = 16; o + 4 <= end; o += 4) brands.push(ascii(bytes, o, o + 4));
  return brands;
}

function timed(family: string, audioType: string, videoType: string | null): DetectedMedia {
  return { sort: 'timed', family, audioType, videoType };
}

/** Classifies the first bytes of a file; null when the format is not one the signer handles. */
export function sniffMedia(bytes: Uint8Array): DetectedMedia | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { sort: 'image', format: 'jpeg', mediaType: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { sort: 'image', format: 'png', mediaType: 'image/png' };
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { sort: 'image', format: 'tiff', mediaType: 'image/tiff' };
  }
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 12);
    if (form === 'WEBP') return { sort: 'image', format: 'webp', mediaType: 'image/webp' };
    if (form === 'WAVE') return timed('wav', 'audio/wav', null);
    return null;
  }
  const brands = ftypBrands(bytes);
  if (brands) {
    const major = brands[0] as string;
    if (major === 'avif' || major === 'avis' || (brands.includes('avif') && /^m[is]f1$/.test(major))) {
      return { sort: 'image', format: 'avif', mediaType: 'image/avif' };
    }
    if (['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(major)) return null; // HEIF without AVIF
    if (major === 'qt  ') return timed('mov', 'audio/mp4', 'video/quicktime');
    if (major.startsWith('3g')) return timed('3gp', 'audio/3gpp', 'video/3gpp');
    return timed('mp4', 'audio/mp4', 'video/mp4');
  }
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    return ascii(bytes, 0, 64).includes('webm')
      ? timed('webm', 'audio/webm', 'video/webm')
      : timed('matroska', 'audio/x-matroska', 'video/x-matroska');
  }
  if (ascii(bytes, 0, 4) === 'OggS') return timed('ogg', 'audio/ogg', 'video/ogg');
  if (ascii(bytes, 0, 4) === 'fLaC') return timed('flac', 'audio/flac', null);
  if (ascii(bytes, 0, 3) === 'ID3') return timed('mp3', 'audio/mpeg', null);
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0) {
    const layer = (b1 >> 1) & 3;
    if (layer === 0 && (b1 & 0xf6) === 0xf0) return timed('aac', 'audio/aac', null); // ADTS
    if (layer !== 0) return timed('mp3', 'audio/mpeg', null);
  }
  return null;
}

/** Reads the first bytes of `path` and classifies them; 'media.unsupported' for anything else. */
export async function detectMedia(path: string): Promise<DetectedMedia> {
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const buf = new Uint8Array(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ProvenantError('input.invalid', `cannot read ${path} (${code})`, { cause: e });
  }
  if (bytes.length === 0) throw new ProvenantError('media.corrupt', `${path} is empty`);
  const found = sniffMedia(bytes);
  if (!found) {
    throw new ProvenantError(
      'media.unsupported',
      `${path}: not a supported format (photos: JPEG, PNG, WebP, AVIF, TIFF; audio: WAV, MP3, M4A/AAC, Opus/Ogg, FLAC; video: MP4/MOV, WebM)`,
    );
  }
  return found;
}
