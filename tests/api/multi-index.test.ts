import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkNeighbours, fingerprintChunks, probeSets } from '../../api/fingerprints/multi-index.ts';
import { hammingDistance } from '../../core/image/hamming.ts';

const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));

describe('multi-index hashing', () => {
  it('splits into 16-bit chunks, most significant first', () => {
    expect(fingerprintChunks('aa00a418ef7ce3e3')).toEqual([0xaa00, 0xa418, 0xef7c, 0xe3e3]);
  });

  it('enumerates exactly the values within the radius, once each', () => {
    const r2 = chunkNeighbours(0x1234, 2);
    expect(r2.length).toBe(1 + 16 + 120);
    expect(new Set(r2).size).toBe(r2.length);
    for (const v of r2)
      expect(hammingDistance(new Uint8Array([v >> 8, v & 255]), new Uint8Array([0x12, 0x34]))).toBeLessThanOrEqual(2);
  });

  it('never misses a hash within maxDistance (pigeonhole)', () => {
    fc.assert(
      fc.property(hex(8), fc.array(fc.nat(63), { maxLength: 11 }), (base, flips) => {
        const bytes = Buffer.from(base, 'hex');
        for (const bit of flips) bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
        const other = bytes.toString('hex');
        const d = hammingDistance(base, other);
        const probes = probeSets(base, d);
        const chunks = fingerprintChunks(other);
        expect(chunks.some((c, i) => probes[i]?.includes(c))).toBe(true);
      }),
    );
  });
});
