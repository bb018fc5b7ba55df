import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes } from '../../core/bytes.ts';
import {
  ASPECT_TOLERANCE,
  comparePhotos,
  PDQ_CLOSE_BITS,
  PDQ_FLAT_QUALITY,
  PDQ_MIN_QUALITY,
  PHASH_CLOSE_BITS,
} from '../../core/image/similarity.ts';
import { decodeChromaprint, encodeChromaprint } from '../../signer/media/av.ts';
import { chromaprintBitErrorRate, frameSequenceDistance } from '../../signer/media/similarity.ts';
import { prng } from './fixtures.ts';

const pdq0 = '0'.repeat(64);
const ph0 = '0'.repeat(16);
/** `bits` leading one bits in a hex string of `len` digits. */
function ones(bits: number, len: number): string {
  const full = Math.floor(bits / 4);
  const rest = bits % 4;
  return ('f'.repeat(full) + (rest ? ((0xf0 >> rest) & 0xf).toString(16) : '')).padEnd(len, '0');
}

describe('comparePhotos', () => {
  const at = (pdq: string, phash: string, width = 400, height = 300, pdqQuality = 100) => ({
    fingerprints: { pdq, phash },
    width,
    height,
    pdqQuality,
  });

  it('is close within the PDQ and pHash thresholds and far beyond either', () => {
    expect(comparePhotos(at(pdq0, ph0), at(ones(PDQ_CLOSE_BITS, 64), ones(PHASH_CLOSE_BITS, 16))).close).toBe(true);
    expect(comparePhotos(at(pdq0, ph0), at(ones(PDQ_CLOSE_BITS + 1, 64), ph0)).close).toBe(false);
    expect(comparePhotos(at(pdq0, ph0), at(pdq0, ones(PHASH_CLOSE_BITS + 1, 16))).close).toBe(false);
  });

  it('ignores PDQ for low-quality (flat) pictures, never pHash', () => {
    const low = PDQ_MIN_QUALITY - 1;
    expect(comparePhotos(at(pdq0, ph0), at(ones(100, 64), ph0, 400, 300, low))).toMatchObject({
      close: true,
      pdqUsed: false,
    });
    expect(comparePhotos(at(pdq0, ph0), at(pdq0, ones(PHASH_CLOSE_BITS + 1, 16), 400, 300, low)).close).toBe(false);
  });

  it('gives no perceptual verdict for flat pictures', () => {
    const flat = comparePhotos(at(pdq0, ph0), at(pdq0, ph0, 400, 300, PDQ_FLAT_QUALITY - 1));
    expect(flat).toMatchObject({ close: false, decidable: false });
  });

  it('treats a changed aspect ratio as another picture (fingerprints ignore aspect)', () => {
    expect(comparePhotos(at(pdq0, ph0), at(pdq0, ph0, 200, 150)).close).toBe(true);
    expect(comparePhotos(at(pdq0, ph0), at(pdq0, ph0, 400, Math.round(300 * (1 + 2 * ASPECT_TOLERANCE)))).close).toBe(
      false,
    );
  });
});

describe('Chromaprint comparison', () => {
  const random = (n: number, seed: number) => {
    const r = prng(seed);
    return Uint32Array.from({ length: n }, () => Math.floor(r() * 2 ** 32));
  };

  it('finds an exact match at an offset and scores unrelated fingerprints near 0.5', () => {
    const a = random(200, 1);
    expect(chromaprintBitErrorRate(a, a)).toBe(0);
    expect(chromaprintBitErrorRate(a, a.subarray(5))).toBe(0);
    const ber = chromaprintBitErrorRate(a, random(200, 2)) as number;
    expect(ber).toBeGreaterThan(0.4);
    expect(ber).toBeLessThan(0.6);
    expect(chromaprintBitErrorRate(a, new Uint32Array(0))).toBeNull();
  });

  it('round-trips the claim encoding (big-endian u32, base64url)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 64 }), (values) => {
        const v = Uint32Array.from(values);
        expect(decodeChromaprint(base64urlToBytes(encodeChromaprint(v)))).toEqual(v);
      }),
    );
    expect(encodeChromaprint(Uint32Array.of(0x01020304))).toBe('AQIDBA');
  });
});

describe('per-second frame comparison', () => {
  it('tolerates a small shift and measures the mean distance', () => {
    const a = ['0000000000000000', 'ffffffffffffffff', '00000000ffffffff', 'ffffffff00000000'];
    expect(frameSequenceDistance(a, a)).toBe(0);
    expect(frameSequenceDistance(a, ['0000000000000000', ...a])).toBe(0);
    expect(frameSequenceDistance(a, ['000000000000000f', ...a.slice(1)])).toBe(1);
  });
});
