import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, u64be, utf8 } from '../../core/bytes.ts';
import { CompactRange, leafHash, merkleRoot } from '../../core/merkle/index.ts';

const leaves = Array.from({ length: 600 }, (_, i) => leafHash(utf8(`entry ${i}`)));

describe('CompactRange', () => {
  it('agrees with merkleRoot for every size 0..600', () => {
    const c = new CompactRange();
    expect(bytesToHex(c.root())).toBe(bytesToHex(merkleRoot([])));
    for (let n = 1; n <= 600; n++) {
      c.append(leaves[n - 1] as Uint8Array);
      expect(c.size).toBe(n);
      expect(bytesToHex(c.root()), `size ${n}`).toBe(bytesToHex(merkleRoot(leaves.slice(0, n))));
      // O(log n) state: one peak per one bit of the size.
      expect(c.state().peaks.length).toBe(n.toString(2).replaceAll('0', '').length);
    }
  });

  it('survives serialisation at any point (toBytes / fromBytes, state / fromState)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
        const c = new CompactRange();
        for (let i = 0; i < a; i++) c.append(leaves[i] as Uint8Array);
        const bytes = c.toBytes();
        expect(bytes.length).toBe(8 + 32 * c.state().peaks.length);
        const restored = CompactRange.fromBytes(bytes);
        const fromState = CompactRange.fromState(c.state());
        expect(restored.equals(c)).toBe(true);
        for (let i = a; i < a + b; i++) {
          restored.append(leaves[i] as Uint8Array);
          fromState.appendLeafData(utf8(`entry ${i}`));
        }
        const want = bytesToHex(merkleRoot(leaves.slice(0, a + b)));
        expect(bytesToHex(restored.root())).toBe(want);
        expect(bytesToHex(fromState.root())).toBe(want);
      }),
      { numRuns: 60 },
    );
  });

  it('clones are independent, and state() hands out copies', () => {
    const c = new CompactRange();
    for (let i = 0; i < 5; i++) c.append(leaves[i] as Uint8Array);
    const d = c.clone();
    d.append(leaves[5] as Uint8Array);
    expect(c.size).toBe(5);
    const s = c.state();
    const peak = s.peaks[0] as Uint8Array;
    peak[0] = (peak[0] as number) ^ 1;
    expect(bytesToHex(c.root())).toBe(bytesToHex(merkleRoot(leaves.slice(0, 5))));
  });

  it('rejects malformed state', () => {
    const h = leaves[0] as Uint8Array;
    const cases: [string, () => unknown][] = [
      ['bytes too short', () => CompactRange.fromBytes(new Uint8Array(7))],
      ['peak count does not match size', () => CompactRange.fromBytes(new Uint8Array([...u64be(3), ...h]))],
      ['partial peak', () => CompactRange.fromBytes(new Uint8Array([...u64be(1), ...h.subarray(0, 31)]))],
      ['size above 2^53 - 1', () => CompactRange.fromBytes(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255]))],
      ['negative size', () => CompactRange.fromState({ size: -1, peaks: [] })],
      ['31-byte peak', () => CompactRange.fromState({ size: 1, peaks: [h.subarray(1)] })],
      ['peaks not an array', () => CompactRange.fromState({ size: 1, peaks: 'x' as unknown as Uint8Array[] })],
      ['null state', () => CompactRange.fromState(null as never)],
      ['append a 33-byte hash', () => new CompactRange().append(new Uint8Array(33))],
      ['append leaf data that is not bytes', () => new CompactRange().appendLeafData('x' as never)],
    ];
    for (const [name, fn] of cases) expect(fn, name).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });
});
