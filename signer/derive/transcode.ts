/**
 * ffmpeg arguments for a `transcode` op: the claim names the output codec (ffmpeg's codec name, as in the capture's
 * `codec`); the encoder is ffmpeg's usual one for it. Only the hashed stream is re-encoded; a video's audio is copied.
 */
import { ProvenantError } from '../../core/errors.ts';
import type { TranscodeRequest } from './trim-args.ts';

const ENCODERS: Record<string, { encoder: string; sort: 'audio' | 'video' }> = {
  aac: { encoder: 'aac', sort: 'audio' },
  mp3: { encoder: 'libmp3lame', sort: 'audio' },
  opus: { encoder: 'libopus', sort: 'audio' },
  flac: { encoder: 'flac', sort: 'audio' },
  vorbis: { encoder: 'libvorbis', sort: 'audio' },
  pcm_s16le: { encoder: 'pcm_s16le', sort: 'audio' },
  h264: { encoder: 'libx264', sort: 'video' },
  hevc: { encoder: 'libx265', sort: 'video' },
  vp9: { encoder: 'libvpx-vp9', sort: 'video' },
  av1: { encoder: 'libaom-av1', sort: 'video' },
};

/** Codec arguments (after -i and the maps) that re-encode the main stream of a `sort` recording. */
export function transcodeArgs(request: TranscodeRequest, sort: 'audio' | 'video'): string[] {
  const known = ENCODERS[request.codec];
  if (known === undefined) {
    throw new ProvenantError(
      'input.invalid',
      `--transcode ${request.codec}: no encoder known for it (one of ${Object.keys(ENCODERS).join(', ')})`,
    );
  }
  if (known.sort !== sort) {
    throw new ProvenantError('input.invalid', `--transcode ${request.codec} is a ${known.sort} codec; this is ${sort}`);
  }
  const s = sort === 'audio' ? 'a' : 'v';
  const bitrate = request.bitrate === undefined ? [] : [`-b:${s}`, String(request.bitrate)];
  const others = sort === 'video' ? ['-c:a', 'copy'] : [];
  return [`-c:${s}`, known.encoder, ...bitrate, ...others];
}
