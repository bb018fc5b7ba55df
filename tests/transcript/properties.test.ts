/**
 * Property tests over random transcripts: every contiguous run of a segment's words proves and verifies, and
 * flipping any byte the proof reveals (word, salt, path hash, segment field) makes it fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import {
  buildQuoteProof,
  buildTranscriptTree,
  findQuote,
  type QuoteProof,
  verifyQuoteProof,
} from '../../core/transcript/index.ts';

const word = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z]{1,7}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('don’t', 'ＦＵＬＬ', 'ﬁle', 'état', 'e\u0301tat', '15', '3.14', 'Ça', 'ΟΔΟΣ'),
  },
);
const separator = fc.constantFrom(' ', ', ', '. ', ' — ', '\u00a0', '\n', '? ', ' “', '” ');
const segmentText = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 12 })
  .map((xs) => xs.flat().join(''));
const transcript = fc
  .array(fc.tuple(fc.constantFrom('Speaker A', 'Speaker B'), segmentText, fc.nat({ max: 5000 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((segs) => {
    let t = 0;
    return segs.map(([speaker, text, d], i) => {
      const t0 = t;
      t += d + 1;
      return { i, speaker, t0, t1: t, text };
    });
  });
const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** A transcript, a seed, and one contiguous run of words inside one segment. */
const scenario = fc
  .tuple(transcript, seed)
  .map(([segs, s]) => ({ segs, tree: buildTranscriptTree(segs, s) }))
  .filter(({ tree }) => tree.wordCount > 0)
  .chain(({ segs, tree }) => {
    const withWords = tree.segments.filter((s) => s.tokens.length > 0).map((s) => s.i);
    return fc
      .constantFrom(...withWords)
      .chain((i) => {
        const n = tree.segments[i]!.tokens.length;
        return fc
          .tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }))
          .map(([a, b]) => ({ i, start: Math.min(a, b), end: Math.max(a, b) + 1 }));
      })
      .map((run) => ({ segs, tree, run }));
  });

function proofFor(s: { tree: ReturnType<typeof buildTranscriptTree>; run: { i: number; start: number; end: number } }) {
  const node = s.tree.segments[s.run.i]!;
  const quote = node.tokens
    .slice(s.run.start, s.run.end)
    .map((t) => t.raw)
    .join(' ');
  const proof = buildQuoteProof(s.tree, {
    speaker: node.speaker,
    firstSegment: s.run.i,
    lastSegment: s.run.i,
    t0: node.t0,
    t1: node.t1,
    fragments: [[{ segment: s.run.i, start: s.run.start, end: s.run.end }]],
    omittedWordCounts: [],
    matchCount: 1,
    ambiguous: false,
  });
  return { quote, proof };
}

/** 'exact', 'none', or 'malformed' (a ProvenantError proof.malformed); anything else fails the test. */
function outcome(quote: string, proof: unknown, root: string, size: number): string {
  try {
    return verifyQuoteProof(quote, proof, root, size).match;
  } catch (e) {
    if (isProvenantError(e, 'proof.malformed')) return 'malformed';
    throw e;
  }
}

const flipB64 = (s: string, at: number, bit: number) => {
  const b = base64urlToBytes(s);
  if (b.length === 0) return s;
  b[at % b.length]! ^= 1 << bit;
  return bytesToBase64url(b);
};
const flipHex = (s: string, at: number, bit: number) => {
  const b = hexToBytes(s);
  b[at % b.length]! ^= 1 << bit;
  return bytesToHex(b);
};

describe('quote proofs over random transcripts', () => {
  it('every contiguous run of a segment’s words proves and verifies', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { quote, proof } = proofFor(s);
        const r = verifyQuoteProof(quote, JSON.parse(JSON.stringify(proof)), s.tree.root, s.tree.segmentCount);
        expect(r.match).toBe('exact');
        expect(r.segments).toEqual([s.run.i]);
        expect(r.speaker).toBe(s.segs[s.run.i]!.speaker);
        // The search finds some occurrence of the same words too.
        const found = findQuote(s.tree, quote);
        expect(found).not.toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('flipping any revealed bit makes it fail', () => {
    type Target = (p: QuoteProof, at: number, bit: number) => void;
    const targets: Target[] = [
      (p, at, bit) => {
        const run = p.runs[0]!;
        const k = at % run.tokens.length;
        run.tokens[k] = flipB64(run.tokens[k]!, at, bit);
      },
      (p, at, bit) => {
        const run = p.runs[0]!;
        const k = at % run.salts.length;
        run.salts[k] = flipB64(run.salts[k]!, at, bit);
      },
      (p, at, bit) => {
        const path = p.runs[0]!.proof;
        if (path.length === 0) p.runs[0]!.proof = ['00'.repeat(32)];
        else path[at % path.length] = flipHex(path[at % path.length]!, at >> 3, bit);
      },
      (p, at, bit) => {
        const path = p.segments.proof;
        if (path.length === 0) p.segments.proof = ['00'.repeat(32)];
        else path[at % path.length] = flipHex(path[at % path.length]!, at >> 3, bit);
      },
      (p, at, bit) => {
        const item = p.segments.items[0]!;
        item.salt = flipB64(item.salt, at, bit);
      },
      (p, at, bit) => {
        const item = p.segments.items[0]!;
        item.tokensRoot = flipHex(item.tokensRoot, at, bit);
      },
      (p, at, bit) => {
        const item = p.segments.items[0]!;
        item.speaker = flipB64(item.speaker, at, bit);
      },
      (p, at, bit) => {
        const item = p.segments.items[0]!;
        if (at % 2) item.t0 ^= 1 << bit;
        else item.t1 ^= 1 << bit;
      },
      (p, at) => {
        const item = p.segments.items[0]!;
        item.tokenCount += (at % 3) + 1;
      },
    ];
    fc.assert(
      fc.property(scenario, fc.nat({ max: targets.length - 1 }), fc.nat(), fc.nat({ max: 7 }), (s, t, at, bit) => {
        const { quote, proof } = proofFor(s);
        const forged = JSON.parse(JSON.stringify(proof)) as QuoteProof;
        targets[t]!(forged, at, bit);
        const result = outcome(quote, forged, s.tree.root, s.tree.segmentCount);
        expect(['none', 'malformed']).toContain(result);
      }),
      { numRuns: 400 },
    );
  });

  it('a run moved to another index or segment fails', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0),
        (s, delta) => {
          const { quote, proof } = proofFor(s);
          const moved = JSON.parse(JSON.stringify(proof)) as QuoteProof;
          if (delta % 2) moved.runs[0]!.start += delta;
          else {
            moved.runs[0]!.segment += delta / 2;
            moved.segments.start += delta / 2;
          }
          expect(['none', 'malformed']).toContain(outcome(quote, moved, s.tree.root, s.tree.segmentCount));
        },
      ),
      { numRuns: 150 },
    );
  });
});
