import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { hammingDistance } from '../../core/image/index.ts';

const hash = fc.uint8Array({ minLength: 8, maxLength: 8 });

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('f'.repeat(64), '0'.repeat(64))).toBe(256);
  });

  it('is a metric: zero on itself, symmetric, triangle inequality; hex and bytes agree', () => {
    fc.assert(
      fc.property(hash, hash, hash, (a, b, c) => {
        expect(hammingDistance(a, a)).toBe(0);
        expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
        expect(hammingDistance(bytesToHex(a), bytesToHex(b))).toBe(hammingDistance(a, b));
        const flipped = a.slice();
        flipped[3] = (flipped[3] as number) ^ 0x10;
        expect(hammingDistance(a, flipped)).toBe(1);
      }),
    );
  });

  it('refuses hashes of different lengths, empty hashes and non-canonical hex', () => {
    for (const [a, b] of [
      ['00', '0000'],
      ['', ''],
      ['0A', '0a'],
      ['zz', '00'],
    ]) {
      let err: unknown;
      try {
        hammingDistance(a as string, b as string);
      } catch (e) {
        err = e;
      }
      expect(isProvenantError(err)).toBe(true);
    }
  });
});
