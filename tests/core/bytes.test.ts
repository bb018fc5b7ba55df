import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64urlToBytes,
  bytesToBase64url,
  bytesToHex,
  concatBytes,
  equalBytes,
  fromUtf8,
  hexToBytes,
  u32be,
  u64be,
} from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isProvenantError(e) ? e.code : 'not-a-provenant-error';
  }
  return undefined;
}

const toNodeB64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

describe('hex', () => {
  it('round trips and matches Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const hex = bytesToHex(b);
        expect(hex).toBe(Buffer.from(b).toString('hex'));
        expect(hexToBytes(hex)).toEqual(b);
      }),
    );
  });
  it('rejects upper case, odd length, foreign characters and wrong lengths', () => {
    expect(codeOf(() => hexToBytes('AB'))).toBe('encoding.invalid');
    expect(codeOf(() => hexToBytes('abc'))).toBe('encoding.invalid');
    expect(codeOf(() => hexToBytes('zz'))).toBe('encoding.invalid');
    expect(codeOf(() => hexToBytes('abcd', 3))).toBe('encoding.invalid');
    expect(codeOf(() => hexToBytes(42 as unknown as string))).toBe('input.invalid');
  });
});

describe('base64url', () => {
  it('round trips and matches Buffer (RFC 4648 §5, no padding)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const text = bytesToBase64url(b);
        expect(text).toBe(toNodeB64url(b));
        expect(base64urlToBytes(text)).toEqual(b);
      }),
    );
  });
  it('RFC 4648 §10 test vectors (unpadded, url alphabet)', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, enc] of cases) {
      expect(bytesToBase64url(new TextEncoder().encode(plain))).toBe(enc);
      expect(fromUtf8(base64urlToBytes(enc))).toBe(plain);
    }
  });
  it('rejects padding, the standard alphabet, impossible lengths and non-zero trailing bits', () => {
    expect(codeOf(() => base64urlToBytes('Zg=='))).toBe('encoding.invalid');
    expect(codeOf(() => base64urlToBytes('ab+/'))).toBe('encoding.invalid');
    expect(codeOf(() => base64urlToBytes('Zm9vY'))).toBe('encoding.invalid');
    expect(codeOf(() => base64urlToBytes('Zh'))).toBe('encoding.invalid');
    expect(codeOf(() => base64urlToBytes('Zm8'))).toBeUndefined();
    expect(codeOf(() => base64urlToBytes('Zm9'))).toBe('encoding.invalid');
    expect(codeOf(() => base64urlToBytes('Zm-'))).toBe('encoding.invalid');
    expect(codeOf(() => base64urlToBytes('Zm9v', 4))).toBe('encoding.invalid');
  });
});

describe('misc', () => {
  it('concat, equal and big-endian integers', () => {
    expect(concatBytes(Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
    expect(bytesToHex(u64be(2 ** 40 + 5))).toBe('0000010000000005');
    expect(bytesToHex(u32be(0xdeadbeef))).toBe('deadbeef');
    expect(codeOf(() => u32be(2 ** 32))).toBe('input.invalid');
    expect(codeOf(() => u64be(-1))).toBe('input.invalid');
  });
  it('strict UTF-8 decoding', () => {
    expect(codeOf(() => fromUtf8(Uint8Array.of(0xc3, 0x28)))).toBe('encoding.invalid');
  });
});
