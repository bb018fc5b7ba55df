/** The tiny ABI encoder against the compiled contract's own ABI (selectors computed by ethers in anchor/). */
import { describe, expect, it } from 'vitest';
import { anchorInterface } from '../../anchor/client.ts';
import { decodeWords, encodeUint256, selector, wordToSafeInteger } from '../../verifier-extension/src/verify/abi.ts';

describe('abi', () => {
  it('computes the selectors the contract exposes', () => {
    expect(selector('latestCheckpoint()')).toBe(anchorInterface.getFunction('latestCheckpoint')?.selector);
    expect(selector('checkpoint(uint256)')).toBe(anchorInterface.getFunction('checkpoint')?.selector);
    expect(selector('NoCheckpoint(uint256)')).toBe(anchorInterface.getError('NoCheckpoint')?.selector);
  });

  it('decodes the words ethers encodes for latestCheckpoint()', () => {
    const root = `0x${'ab'.repeat(32)}`;
    const data = anchorInterface.encodeFunctionResult('latestCheckpoint', [3, 1234, root, 1_780_000_000]);
    const [seq, size, r, at] = decodeWords(data, 4);
    expect(wordToSafeInteger(seq!)).toBe(3);
    expect(wordToSafeInteger(size!)).toBe(1234);
    expect(Buffer.from(r!).toString('hex')).toBe(root.slice(2));
    expect(wordToSafeInteger(at!)).toBe(1_780_000_000);
    expect(encodeUint256(1234)).toBe(anchorInterface.encodeFunctionData('checkpoint', [1234]).slice(10));
  });

  it('refuses return data that is not whole words or too short', () => {
    expect(() => decodeWords('0x1234', 1)).toThrow(RangeError);
    expect(() => decodeWords(`0x${'00'.repeat(64)}`, 4)).toThrow(RangeError);
    expect(() => wordToSafeInteger(new Uint8Array(32).fill(0xff))).toThrow(RangeError);
  });
});
