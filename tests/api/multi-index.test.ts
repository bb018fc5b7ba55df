import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkNeighbours,
  FINGERPRINT_KINDS,
  fingerprintChunks,
  probeSets,
} from '../../api/fingerprints/multi-index.ts';
import { hammingDistance } from '../../core/image/hamming.ts';

const hex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));

describe('multi-index hashing', () => {
  it('splits into 16-bit chunks, most significant first', () => {
    expect(fingerprintChunks('aa00a418ef7ce3e3', [16, 16, 16, 16])).toEqual([0xaa00, 0xa418, 0xef7c, 0xe3e3]);
    const [a, b, c] = fingerprintChunks('aa00a418ef7ce3e3', [22, 21, 21]);
    expect(a).toBe(Number(0xaa00a418ef7ce3e3n >> 42n));
    expect(b).toBe(Number((0xaa00a418ef7ce3e3n >> 21n) & 0x1fffffn));
    expect(c).toBe(Number(0xaa00a418ef7ce3e3n & 0x1fffffn));
  });

  it('enumerates exactly the values within the radius, once each', () => {
    const r2 = chunkNeighbours(0x1234, 2, 16);
    expect(r2.length).toBe(1 + 16 + 120);
    expect(new Set(r2).size).toBe(r2.length);
    for (const v of r2) expect(v).toBeLessThan(1 << 16);
    for (const v of r2)
      expect(hammingDistance(new Uint8Array([v >> 8, v & 255]), new Uint8Array([0x12, 0x34]))).toBeLessThanOrEqual(2);
  });

  it.each([
    ['phash', 8, 11],
    ['pdq', 32, 32],
  ] as const)('never misses a %s within maxDistance (pigeonhole)', (kind, bytes, maxDistance) => {
    const widths = FINGERPRINT_KINDS[kind].chunkBits;
    fc.assert(
      fc.property(hex(bytes), fc.array(fc.nat(bytes * 8 - 1), { maxLength: maxDistance }), (base, flips) => {
        const bytes = Buffer.from(base, 'hex');
        for (const bit of flips) bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
        const other = bytes.toString('hex');
        const d = hammingDistance(base, other);
        const probes = probeSets(kind, base, d);
        const chunks = fingerprintChunks(other, widths);
        expect(chunks.some((c, i) => probes[i]?.includes(c))).toBe(true);
      }),
    );
  });
});
