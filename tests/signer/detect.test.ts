import { describe, expect, it } from 'vitest';
import { sniffMedia } from '../../signer/media/detect.ts';

function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

describe('media type detection by magic bytes', () => {
  const cases: [string, Uint8Array, string | null][] = [
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['png', bytes([0x89], 'PNG\r\n', [0x1a, 0x0a]), 'image/png'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['tiff le', bytes('II', [0x2a, 0]), 'image/tiff'],
    ['tiff be', bytes('MM', [0, 0x2a]), 'image/tiff'],
    ['avif', bytes(u32(28), 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf'), 'image/avif'],
    ['avif via mif1', bytes(u32(24), 'ftypmif1', [0, 0, 0, 0], 'avif'), 'image/avif'],
    ['heic', bytes(u32(24), 'ftypheic', [0, 0, 0, 0], 'mif1'), null],
    ['wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['flac', bytes('fLaC', [0, 0, 0, 34]), 'audio/flac'],
    ['mp3 id3', bytes('ID3', [4, 0, 0]), 'audio/mpeg'],
    ['mp3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['adts aac', bytes([0xff, 0xf1, 0x50, 0x80]), 'audio/aac'],
    ['ogg', bytes('OggS', [0, 2]), 'audio/ogg'],
    ['m4a', bytes(u32(20), 'ftypM4A ', [0, 0, 0, 0], 'isom'), 'audio/mp4'],
    ['mp4', bytes(u32(20), 'ftypisom', [0, 0, 2, 0], 'mp41'), 'audio/mp4'],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'), 'audio/webm'],
    ['text', bytes('hello world'), null],
    ['riff other', bytes('RIFF', [0, 0, 0, 0], 'AVI '), null],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      const got = sniffMedia(input);
      const type = got === null ? null : got.sort === 'image' ? got.mediaType : got.audioType;
      expect(type).toBe(want);
    });
  }

  it('gives audio-or-video containers both types, and audio-only formats no video type', () => {
    const mp4 = sniffMedia(bytes(u32(20), 'ftypisom', [0, 0, 2, 0], 'mp41'));
    expect(mp4).toMatchObject({ sort: 'timed', audioType: 'audio/mp4', videoType: 'video/mp4' });
    const mov = sniffMedia(bytes(u32(20), 'ftypqt  ', [0, 0, 2, 0], 'qt  '));
    expect(mov).toMatchObject({ videoType: 'video/quicktime' });
    expect(sniffMedia(bytes('fLaC'))).toMatchObject({ videoType: null });
  });
});
