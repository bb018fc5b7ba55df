import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8 } from '../../core/bytes.ts';
import { sha256, TAGS, type Tag, taggedHash, tagPrefix } from '../../core/hash.ts';

describe('sha256', () => {
  it('FIPS 180-2 examples', () => {
    expect(bytesToHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(bytesToHex(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
  it('agrees with node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (b) => {
        expect(bytesToHex(sha256(b))).toBe(createHash('sha256').update(b).digest('hex'));
      }),
    );
  });
});

describe('tagged hashing', () => {
  it('is SHA-256(len ‖ tag ‖ data), matching node:crypto', () => {
    const tag = TAGS.claim;
    const expected = createHash('sha256')
      .update(Uint8Array.of(tag.length))
      .update(tag)
      .update(Uint8Array.of(1, 2, 3))
      .digest('hex');
    expect(bytesToHex(taggedHash('claim', Uint8Array.of(1, 2, 3)))).toBe(expected);
  });
  it('separates every pair of tags, and every tag from a bare hash', () => {
    const names = Object.keys(TAGS) as Tag[];
    const digests = new Set(names.map((t) => bytesToHex(taggedHash(t, utf8('x')))));
    digests.add(bytesToHex(sha256(utf8('x'))));
    expect(digests.size).toBe(names.length + 1);
    expect(new Set(Object.values(TAGS)).size).toBe(names.length);
  });
  it('tags are short enough for the one-byte length prefix and share the v1 namespace', () => {
    for (const t of Object.keys(TAGS) as Tag[]) {
      expect(tagPrefix(t)[0]).toBe(TAGS[t].length);
      expect(TAGS[t].startsWith('provenant/v1/')).toBe(true);
    }
  });
});
