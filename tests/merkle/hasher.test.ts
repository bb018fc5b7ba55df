import { createHash, hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, u32be, u64be, utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { TAGS } from '../../core/hash.ts';
import {
  CompactRange,
  consistencyProof,
  deriveSalt,
  emptyRoot,
  inclusionProof,
  leafHash,
  MerkleTree,
  merkleRoot,
  nodeHash,
  rangeProof,
  type Sha256,
  saltedLeafData,
  sha256FromLatin1Digest,
} from '../../core/merkle/index.ts';

const nodeSha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};
const nodeBuffer: Sha256 = (d) => new Uint8Array(hash('sha256', d, 'buffer'));
const nodeLatin1 = sha256FromLatin1Digest((d) => hash('sha256', d, 'binary'));
const hashers: [string, Sha256 | undefined][] = [
  ['noble (default)', undefined],
  ['node:crypto buffer', nodeBuffer],
  ['node:crypto latin1', nodeLatin1],
];

describe('leaf and node hashing', () => {
  it('are SHA-256(0x00 ‖ data) and SHA-256(0x01 ‖ l ‖ r) for every hasher, for leaves of any size', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 8 }), (datas) => {
        // Alternating sizes exercise the reuse of the leaf scratch buffer.
        for (const d of datas) {
          const want = nodeSha(Uint8Array.of(0), d);
          for (const [, h] of hashers) expect(bytesToHex(leafHash(d, h))).toBe(want);
        }
      }),
    );
    const big = new Uint8Array(200_000).fill(7);
    expect(bytesToHex(leafHash(big))).toBe(nodeSha(Uint8Array.of(0), big));
    const l = leafHash(utf8('l'));
    const r = leafHash(utf8('r'));
    for (const [, h] of hashers) expect(bytesToHex(nodeHash(l, r, h))).toBe(nodeSha(Uint8Array.of(1), l, r));
  });

  it('the empty tree root is SHA-256("")', () => {
    for (const [, h] of hashers) {
      expect(bytesToHex(emptyRoot(h))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(bytesToHex(merkleRoot([], h))).toBe(bytesToHex(emptyRoot()));
    }
  });

  it('node:crypto and noble give identical roots and proofs', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 70 }), (datas) => {
        const results = hashers.map(([, h]) => {
          const leaves = datas.map((d) => leafHash(d, h));
          const n = leaves.length;
          return JSON.stringify({
            root: bytesToHex(merkleRoot(leaves, h)),
            tree: bytesToHex(MerkleTree.fromLeafData(datas, h).root()),
            compact: (() => {
              const c = new CompactRange(h);
              for (const d of datas) c.appendLeafData(d);
              return bytesToHex(c.root());
            })(),
            inclusion: n > 0 ? inclusionProof(leaves, n - 1, h).map(bytesToHex) : [],
            consistency: n > 1 ? consistencyProof(leaves, 1, n, h).map(bytesToHex) : [],
            range: n > 2 ? rangeProof(leaves, 1, n - 1, h).map(bytesToHex) : [],
          });
        });
        expect(results[1]).toBe(results[0]);
        expect(results[2]).toBe(results[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('a hasher that returns something other than 32 bytes is refused', () => {
    const short: Sha256 = (d) => new Uint8Array(hash('sha256', d, 'buffer')).subarray(0, 31);
    const leaves = [leafHash(utf8('a')), leafHash(utf8('b')), leafHash(utf8('c'))];
    for (const fn of [
      () => leafHash(utf8('x'), short),
      () => merkleRoot(leaves, short),
      () => MerkleTree.fromLeafHashes(leaves, short),
      () => emptyRoot(short),
    ]) {
      expect(() => fn()).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    }
    const badLatin1 = sha256FromLatin1Digest((d) => hash('sha256', d, 'hex'));
    expect(() => leafHash(utf8('x'), badLatin1)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });
});

describe('salted leaves', () => {
  const seed = new Uint8Array(32).map((_, i) => i);

  it('deriveSalt = SHA-256(len ‖ "provenant/v1/salt" ‖ seed ‖ u32(len L) ‖ L ‖ u64(index)), computed independently', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('token', 'segment', 'tile', 'packet'),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (label, index) => {
          const tag = utf8(TAGS.salt);
          const l = utf8(TAGS[label]);
          const want = nodeSha(Uint8Array.of(tag.length), tag, seed, u32be(l.length), l, u64be(index));
          expect(bytesToHex(deriveSalt(seed, label, index))).toBe(want);
        },
      ),
    );
  });

  it('salts differ across labels and indices', () => {
    const seen = new Set<string>();
    for (const label of ['token', 'segment', 'tile'] as const) {
      for (let i = 0; i < 50; i++) seen.add(bytesToHex(deriveSalt(seed, label, i)));
    }
    expect(seen.size).toBe(150);
  });

  it('saltedLeafData = len(tag) ‖ tag ‖ salt ‖ content', () => {
    const salt = deriveSalt(seed, 'token', 3);
    const content = utf8('hello');
    const tag = utf8(TAGS.token);
    expect(bytesToHex(saltedLeafData('token', salt, content))).toBe(
      bytesToHex(Uint8Array.of(tag.length, ...tag, ...salt, ...content)),
    );
  });

  it('rejects malformed arguments', () => {
    const bad: [string, () => unknown][] = [
      ['31-byte seed', () => deriveSalt(new Uint8Array(31), 'token', 0)],
      ['unknown label', () => deriveSalt(seed, 'nope' as 'token', 0)],
      ['inherited property as label', () => deriveSalt(seed, 'toString' as 'token', 0)],
      ['negative index', () => deriveSalt(seed, 'token', -1)],
      ['fractional index', () => deriveSalt(seed, 'token', 1.5)],
      ['index past 2^53', () => deriveSalt(seed, 'token', 2 ** 53)],
      ['33-byte salt', () => saltedLeafData('token', new Uint8Array(33), utf8('x'))],
      ['string content', () => saltedLeafData('token', new Uint8Array(32), 'x' as unknown as Uint8Array)],
    ];
    for (const [name, fn] of bad) {
      let code: unknown;
      try {
        fn();
      } catch (e) {
        code = isProvenantError(e) ? e.code : e;
      }
      expect(code, name).toBe('input.invalid');
    }
  });
});
