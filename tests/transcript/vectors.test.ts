/**
 * tests/vectors/transcript-tree.json, checked two ways: an independent node:crypto implementation of the
 * transcript tree (written from docs/PROTOCOL.md, sharing no code with core/) recomputes every value, and the
 * library must produce the same tree, the same proof and the same verification result.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../core/bytes.ts';
import { tokenizeQv1 } from '../../core/quote/qv1.ts';
import { buildTranscriptTree, proveQuote, verifyQuoteProof } from '../../core/transcript/index.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface TreeVector {
  source: string;
  seed: string;
  segments: { i: number; speaker: string; t0: number; t1: number; text: string }[];
  tokens: string[][];
  tree: {
    root: string;
    segmentCount: number;
    wordCount: number;
    segments: {
      i: number;
      salt: string;
      tokensRoot: string;
      leafContent: string;
      leafHash: string;
      firstTokenSalt: string;
    }[];
  };
  quote: {
    text: string;
    proof: {
      segments: { start: number; items: { tokensRoot: string; salt: string }[]; proof: string[] };
      runs: { fragment: number; segment: number; start: number; tokens: string[]; salts: string[]; proof: string[] }[];
    };
    verification: unknown;
  };
}

// ---- independent implementation -------------------------------------------------------------------------
const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const tagPrefix = (tag: string) => Buffer.concat([Buffer.from([tag.length]), Buffer.from(tag, 'ascii')]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const salt = (seed: Uint8Array, tag: string, index: number) => {
  const label = Buffer.from(tag, 'utf8');
  return sha(tagPrefix('provenant/v1/salt'), seed, u32(label.length), label, u64(index));
};
const leaf = (data: Uint8Array) => sha(Uint8Array.of(0), data);
const split = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
const mth = (h: Uint8Array[], lo = 0, hi = h.length): Uint8Array => {
  if (hi - lo === 0) return sha(new Uint8Array(0));
  if (hi - lo === 1) return h[lo]!;
  const k = split(hi - lo);
  return sha(Uint8Array.of(1), mth(h, lo, lo + k), mth(h, lo + k, hi));
};
/** Root from revealed leaves [start, start + n) and a range proof, folding subtrees left to right. */
const rootFromRange = (size: number, start: number, leaves: Uint8Array[], path: Uint8Array[]): Uint8Array => {
  const end = start + leaves.length;
  let next = 0;
  const fold = (lo: number, hi: number): Uint8Array => {
    if (start <= lo && hi <= end) return mth(leaves, lo - start, hi - start);
    const mid = lo + split(hi - lo);
    if (end <= mid) return sha(Uint8Array.of(1), fold(lo, mid), path[next++]!);
    if (start >= mid) {
      const right = fold(mid, hi);
      return sha(Uint8Array.of(1), path[next++]!, right);
    }
    return sha(Uint8Array.of(1), fold(lo, mid), fold(mid, hi));
  };
  const root = fold(0, size);
  expect(next).toBe(path.length);
  return root;
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const unb64u = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));
const fromHex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const tokenLeaf = (s: Uint8Array, raw: string) =>
  leaf(Buffer.concat([tagPrefix('provenant/v1/token'), s, Buffer.from(raw, 'utf8')]));
const segmentContent = (i: number, speaker: string, t0: number, t1: number, tokenCount: number, tokensRoot: string) =>
  // Keys in RFC 8785 order (UTF-16 code unit order); ASCII strings and integers serialise as JSON.stringify does.
  JSON.stringify({ i, speaker, t0, t1, tokenCount, tokensRoot });
const segmentLeaf = (s: Uint8Array, content: string) =>
  leaf(Buffer.concat([tagPrefix('provenant/v1/segment'), s, Buffer.from(content, 'utf8')]));

// ---- checks ---------------------------------------------------------------------------------------------
const v = loadVectors<TreeVector>('transcript-tree.json');
const seed = Uint8Array.from(Buffer.from(v.seed, 'hex'));

describe('transcript tree vector (tests/vectors/transcript-tree.json)', () => {
  it('has a source', () => expect(v.source).toMatch(/independent/));

  it('the qv1 tokens of each segment are the hand-listed ones', () => {
    expect(v.segments.map((s) => tokenizeQv1(s.text).map((t) => t.raw))).toEqual(v.tokens);
  });

  it('the independent implementation reproduces every value in the vector', () => {
    const leaves = v.segments.map((s, i) => {
      const words = v.tokens[i]!;
      const tokensRoot = mth(words.map((w, j) => tokenLeaf(salt(seed, 'provenant/v1/token', i * 2 ** 20 + j), w)));
      const segSalt = salt(seed, 'provenant/v1/segment', i);
      const content = segmentContent(i, s.speaker, s.t0, s.t1, words.length, hex(tokensRoot));
      const want = v.tree.segments[i]!;
      expect(hex(tokensRoot)).toBe(want.tokensRoot);
      expect(b64u(segSalt)).toBe(want.salt);
      expect(content).toBe(want.leafContent);
      expect(b64u(salt(seed, 'provenant/v1/token', i * 2 ** 20))).toBe(want.firstTokenSalt);
      const l = segmentLeaf(segSalt, content);
      expect(hex(l)).toBe(want.leafHash);
      return l;
    });
    expect(hex(mth(leaves))).toBe(v.tree.root);
  });

  it('the independent verifier accepts the vector proof', () => {
    const p = v.quote.proof;
    const segLeaves = p.segments.items.map((item, k) => {
      const i = p.segments.start + k;
      const s = v.segments[i]!;
      const content = segmentContent(i, s.speaker, s.t0, s.t1, v.tokens[i]!.length, item.tokensRoot);
      return segmentLeaf(unb64u(item.salt), content);
    });
    expect(hex(rootFromRange(v.segments.length, p.segments.start, segLeaves, p.segments.proof.map(fromHex)))).toBe(
      v.tree.root,
    );
    for (const run of p.runs) {
      const item = p.segments.items[run.segment - p.segments.start]!;
      const leaves = run.tokens.map((t, k) =>
        tokenLeaf(unb64u(run.salts[k]!), Buffer.from(unb64u(t)).toString('utf8')),
      );
      const root = rootFromRange(v.tokens[run.segment]!.length, run.start, leaves, run.proof.map(fromHex));
      expect(hex(root)).toBe(item.tokensRoot);
    }
  });

  it('the library builds the same tree and the same proof, and verifies it as the vector says', () => {
    const tree = buildTranscriptTree(v.segments, hexToBytes(v.seed));
    expect(tree.root).toBe(v.tree.root);
    expect(tree.segmentCount).toBe(v.tree.segmentCount);
    expect(tree.wordCount).toBe(v.tree.wordCount);
    expect(proveQuote(tree, v.quote.text).proof).toEqual(v.quote.proof);
    expect(verifyQuoteProof(v.quote.text, v.quote.proof, v.tree.root, v.tree.segmentCount)).toEqual(
      v.quote.verification,
    );
  });
});
