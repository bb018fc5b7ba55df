import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import {
  buildQuoteProof,
  buildTranscriptTree,
  findClosest,
  findQuote,
  proveQuote,
  type QuoteProof,
  type TranscriptTree,
  verifyQuoteProof,
} from '../../core/transcript/index.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface Segment {
  i: number;
  speaker: string;
  t0: number;
  t1: number;
  text: string;
}
interface MutationFile {
  source: string;
  transcript: Segment[];
  cases: Array<
    | {
        name: string;
        quote: string;
        want: 'exact';
        speaker: string;
        segments: number[];
        t0: number;
        t1: number;
        omittedWordCounts: number[];
        editorial: string[];
        revealed: string[][];
        ambiguous: boolean;
      }
    | {
        name: string;
        kind: string;
        quote: string;
        want: 'none';
        claimed?: { speaker?: string; t0?: number; t1?: number };
      }
  >;
  wantErr: { name: string; quote: string; wantErr: string }[];
}

const SEED = new Uint8Array(32).fill(7);
const file = loadVectors<MutationFile>('qv1-mutations.json');
const tree = buildTranscriptTree(file.transcript, SEED);

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (!isProvenantError(e)) throw e;
    return e.code;
  }
};

/** Verifies with the root and size of `t` (as a transcript claim would carry them). */
const verify = (t: TranscriptTree, quote: string, proof: unknown, claimed = {}) =>
  verifyQuoteProof(quote, proof, t.root, t.segmentCount, claimed);

describe('quote vectors (tests/vectors/qv1-mutations.json)', () => {
  it('has a source', () => expect(file.source).toMatch(/hand-written/i));

  for (const c of file.cases) {
    if (c.want === 'exact') {
      it(`exact: ${c.name}`, () => {
        const { proof, match } = proveQuote(tree, c.quote);
        expect(match.ambiguous).toBe(c.ambiguous);
        const r = verify(tree, c.quote, proof, { speaker: c.speaker, t0: c.t0, t1: c.t1 });
        expect(r).toEqual({
          match: 'exact',
          speaker: c.speaker,
          t0: c.t0,
          t1: c.t1,
          segments: c.segments,
          omittedWordCounts: c.omittedWordCounts,
          fragments: c.revealed.map((tokens) => ({ tokens })),
          editorial: c.editorial,
        });
        // The proof survives a JSON round trip and carries only integers, hex and base64url.
        expect(verify(tree, c.quote, JSON.parse(JSON.stringify(proof))).match).toBe('exact');
        expect(JSON.stringify(proof)).toMatch(/^[\x20-\x7e]*$/);
      });
    } else {
      it(`none (${c.kind}): ${c.name}`, () => {
        if (c.claimed) {
          // The words are in the transcript, but not as the attestation states them.
          const { proof } = proveQuote(tree, c.quote);
          const r = verify(tree, c.quote, proof, c.claimed);
          expect(r.match).toBe('none');
          expect(r).toMatchObject({ reason: 'quote.mismatch' });
        } else {
          expect(findQuote(tree, c.quote)).toBeNull();
          expect(codeOf(() => proveQuote(tree, c.quote))).toBe('quote.notFound');
        }
      });
    }
  }

  for (const c of file.wantErr) {
    it(`wantErr ${c.wantErr}: ${c.name}`, () => {
      expect(codeOf(() => findQuote(tree, c.quote))).toBe(c.wantErr);
      const { proof } = proveQuote(tree, 'We will publish');
      expect(codeOf(() => verify(tree, c.quote, proof))).toBe(c.wantErr);
    });
  }
});

describe('forged and mutated proofs do not verify', () => {
  const quote = 'We will publish the full data … starting in March';
  const { proof } = proveQuote(tree, quote);

  const b64 = (s: string) => bytesToBase64url(utf8(s));

  it('the genuine proof verifies', () => {
    expect(verify(tree, quote, proof).match).toBe('exact');
  });

  it('substitution: a revealed word replaced (its salt kept)', () => {
    const p = clone(proof);
    p.runs[0]!.tokens[5] = b64('figures');
    expect(verify(tree, 'We will publish the full figures … starting in March', p)).toMatchObject({
      match: 'none',
      reason: 'quote.proof.invalid',
      detail: 'tokens',
    });
  });

  it('insertion: a word added to a run', () => {
    const p = clone(proof);
    p.runs[0]!.tokens.splice(3, 0, b64('all'));
    p.runs[0]!.salts.splice(3, 0, p.runs[0]!.salts[3]!);
    expect(verify(tree, 'We will publish all the full data … starting in March', p).match).toBe('none');
  });

  it('deletion: a word removed from a run', () => {
    const p = clone(proof);
    p.runs[0]!.tokens.splice(3, 1);
    p.runs[0]!.salts.splice(3, 1);
    expect(verify(tree, 'We will publish full data … starting in March', p).match).toBe('none');
  });

  it('speaker swap in the revealed segment', () => {
    const p = clone(proof);
    p.segments.items[0]!.speaker = b64('Host');
    expect(verify(tree, quote, p)).toMatchObject({ match: 'none', reason: 'quote.proof.invalid', detail: 'segments' });
  });

  it('wrong time range in the revealed segment', () => {
    for (const change of [{ t0: 5000 }, { t1: 14000 }]) {
      const p = clone(proof);
      Object.assign(p.segments.items[0]!, change);
      expect(verify(tree, quote, p)).toMatchObject({ match: 'none', reason: 'quote.proof.invalid' });
    }
  });

  it('claimed speaker or time that the proof does not show', () => {
    expect(verify(tree, quote, proof, { speaker: 'Host' })).toMatchObject({ detail: 'claimedSpeaker' });
    expect(verify(tree, quote, proof, { t0: 6000, t1: 12999 })).toMatchObject({ detail: 'claimedTime' });
    expect(verify(tree, quote, proof, { speaker: 'Guest', t0: 6000, t1: 13000 }).match).toBe('exact');
  });

  it('tokens from another segment', () => {
    // "the" occurs in segments 0 and 1: move segment 0's proven "the" into segment 1's run.
    const other = proveQuote(tree, 'talking about the').proof;
    expect(other.segments.start).toBe(0);
    const p = clone(proof);
    p.runs[0]!.tokens[3] = other.runs[0]!.tokens[2]!;
    p.runs[0]!.salts[3] = other.runs[0]!.salts[2]!;
    expect(verify(tree, quote, p)).toMatchObject({ match: 'none', detail: 'tokens' });
    // …or a whole run of another segment, relabelled.
    const q = clone(proof);
    q.runs[1] = { ...other.runs[0]!, fragment: 1, segment: 1, start: proof.runs[1]!.start };
    expect(verify(tree, 'We will publish the full data … talking about the', q).match).toBe('none');
  });

  it('splice: two genuine runs presented as one fragment', () => {
    const p = clone(proof);
    p.runs[1]!.fragment = 0;
    const r = verify(tree, 'We will publish the full data starting in March', p);
    expect(r).toMatchObject({ match: 'none', reason: 'quote.mismatch', detail: 'notContiguous' });
  });

  it('a proof for other words, or a different number of fragments', () => {
    expect(verify(tree, 'We will publish the full data … starting in May', proof)).toMatchObject({ detail: 'words' });
    expect(verify(tree, 'We will publish the full data starting in March', proof)).toMatchObject({
      detail: 'fragments',
    });
  });

  it('the wrong root or tree size', () => {
    const other = buildTranscriptTree(file.transcript, new Uint8Array(32).fill(8));
    expect(verify(other, quote, proof).match).toBe('none');
    // (Sizes whose paths have the same shape share the root: the size comes from the signed claim, never the proof.)
    expect(verifyQuoteProof(quote, proof, tree.root, 2 * tree.segmentCount + 1).match).toBe('none');
    expect(verifyQuoteProof(quote, proof, tree.root, 1).match).toBe('none');
  });

  it('revealed segments of two speakers (a tree whose speakers alternate inside one fragment run)', () => {
    // Build a proof by hand over a turn boundary: the verifier must refuse to join two speakers.
    const m = findQuote(tree, 'is green')!;
    const forged = buildQuoteProof(tree, {
      ...m,
      lastSegment: 3,
      fragments: [[...m.fragments[0]!, { segment: 3, start: 0, end: 2 }]],
    });
    const r = verify(tree, 'is green fifteen percent', forged);
    expect(r).toMatchObject({ match: 'none', reason: 'quote.mismatch' });
  });
});

describe('malformed proofs throw proof.malformed', () => {
  const quote = 'We will publish the full data … starting in March';
  const { proof } = proveQuote(tree, quote);
  const mutate = (f: (p: QuoteProof & Record<string, unknown>) => void) => {
    const p = clone(proof) as QuoteProof & Record<string, unknown>;
    f(p);
    return codeOf(() => verify(tree, quote, p));
  };

  it.each<[string, (p: QuoteProof & Record<string, unknown>) => void]>([
    ['not an object', (p) => Object.assign(p, { v: 'x' })],
    ['unknown version', (p) => Object.assign(p, { v: 2 })],
    ['other normaliser', (p) => Object.assign(p, { normaliser: 'qv2' })],
    ['extra key', (p) => Object.assign(p, { extra: 1 })],
    ['negative segment start', (p) => Object.assign(p.segments, { start: -1 })],
    ['fractional index', (p) => Object.assign(p.runs[0]!, { start: 0.5 })],
    ['negative token index', (p) => Object.assign(p.runs[0]!, { start: -3 })],
    ['no runs', (p) => Object.assign(p, { runs: [] })],
    ['no segments', (p) => Object.assign(p.segments, { items: [] })],
    ['salt of 31 bytes', (p) => (p.runs[0]!.salts[0] = bytesToBase64url(new Uint8Array(31)))],
    ['segment salt of 33 bytes', (p) => (p.segments.items[0]!.salt = bytesToBase64url(new Uint8Array(33)))],
    ['salt with padding', (p) => (p.runs[0]!.salts[0] = `${p.runs[0]!.salts[0]}=`)],
    ['short path hash', (p) => p.runs[0]!.proof.push('ab')],
    ['upper-case hex', (p) => (p.segments.items[0]!.tokensRoot = p.segments.items[0]!.tokensRoot.toUpperCase())],
    ['more salts than tokens', (p) => p.runs[0]!.salts.push(p.runs[0]!.salts[0]!)],
    ['empty token', (p) => (p.runs[0]!.tokens[0] = '')],
    ['token not UTF-8', (p) => (p.runs[0]!.tokens[0] = bytesToBase64url(Uint8Array.of(0xff, 0xfe)))],
    ['speaker with a bidi override', (p) => (p.segments.items[0]!.speaker = bytesToBase64url(utf8('\u202eHost')))],
    ['run outside the revealed segments', (p) => Object.assign(p.runs[1]!, { segment: 2 })],
    ['run past tokenCount', (p) => Object.assign(p.runs[1]!, { start: 14 })],
    ['runs out of order', (p) => p.runs.reverse()],
    ['fragment skipped', (p) => Object.assign(p.runs[1]!, { fragment: 2 })],
    ['extra revealed segment', (p) => p.segments.items.push(p.segments.items[0]!)],
    ['huge path', (p) => (p.runs[0]!.proof = new Array(200).fill('00'.repeat(32)))],
  ])('%s', (_, f) => {
    expect(mutate(f)).toBe('proof.malformed');
  });

  it('non-objects', () => {
    for (const bad of [null, 42, 'proof', [], {}])
      expect(codeOf(() => verify(tree, quote, bad))).toBe('proof.malformed');
  });

  it('bad arguments are input errors', () => {
    expect(codeOf(() => verifyQuoteProof(quote, proof, 'zz', tree.segmentCount))).toBe('encoding.invalid');
    expect(codeOf(() => verifyQuoteProof(quote, proof, new Uint8Array(31), tree.segmentCount))).toBe('input.invalid');
    expect(codeOf(() => verifyQuoteProof(quote, proof, tree.root, 0))).toBe('input.invalid');
    expect(codeOf(() => verifyQuoteProof(quote, proof, tree.root, -1))).toBe('input.invalid');
    expect(codeOf(() => verifyQuoteProof('x'.repeat(1 << 21), proof, tree.root, 7))).toBe('input.tooLarge');
  });
});

describe('transcript tree', () => {
  it('summarises the transcript', () => {
    expect(tree.root).toMatch(/^[0-9a-f]{64}$/);
    expect(tree.segmentCount).toBe(7);
    expect(tree.wordCount).toBe(tree.segments.reduce((n, s) => n + s.tokens.length, 0));
    expect(tree.speakers).toEqual(['Host', 'Guest']);
  });

  it('is deterministic in the seed and depends on every field', () => {
    expect(buildTranscriptTree(file.transcript, SEED).root).toBe(tree.root);
    expect(buildTranscriptTree(file.transcript, new Uint8Array(32)).root).not.toBe(tree.root);
    const changes: Array<Partial<Segment>> = [{ speaker: 'Guest' }, { t0: 1 }, { t1: 6001 }, { text: 'Welcome back!' }];
    for (const change of changes) {
      const segs = clone(file.transcript);
      Object.assign(segs[0]!, change);
      expect(buildTranscriptTree(segs, SEED).root).not.toBe(tree.root);
    }
  });

  it('commits to words, not to punctuation or typography between them', () => {
    const segs = clone(file.transcript);
    segs[1]!.text = 'Thanks for having me — we will publish the full data every month; starting in March!';
    const t = buildTranscriptTree(segs, SEED);
    expect(t.segments[1]!.tokensRoot).not.toEqual(tree.segments[1]!.tokensRoot); // "we" ≠ "We": raw forms are committed
    segs[1]!.text = 'Thanks for having me… We will publish the full data every month starting in March';
    expect(buildTranscriptTree(segs, SEED).root).toBe(tree.root);
  });

  it('never reuses a salt', () => {
    const salts = new Set<string>();
    for (const s of tree.segments) {
      salts.add(bytesToBase64url(s.salt));
      for (const salt of s.tokenSalts) salts.add(bytesToBase64url(salt));
    }
    expect(salts.size).toBe(tree.segmentCount + tree.wordCount);
  });

  it.each<[string, unknown, string]>([
    ['not an array', { i: 0 }, 'transcript.invalid'],
    ['empty', [], 'transcript.invalid'],
    ['i not dense', [{ i: 1, speaker: 'A', t0: 0, t1: 1, text: 'x' }], 'transcript.invalid'],
    ['negative i', [{ i: -1, speaker: 'A', t0: 0, t1: 1, text: 'x' }], 'transcript.invalid'],
    ['t1 before t0', [{ i: 0, speaker: 'A', t0: 5, t1: 1, text: 'x' }], 'transcript.invalid'],
    ['fractional time', [{ i: 0, speaker: 'A', t0: 0.5, t1: 1, text: 'x' }], 'transcript.invalid'],
    ['empty speaker', [{ i: 0, speaker: '', t0: 0, t1: 1, text: 'x' }], 'transcript.invalid'],
    ['bidi override in speaker', [{ i: 0, speaker: '\u202eA', t0: 0, t1: 1, text: 'x' }], 'transcript.invalid'],
    ['lone surrogate in text', [{ i: 0, speaker: 'A', t0: 0, t1: 1, text: 'a\udc00' }], 'transcript.invalid'],
    ['extra field', [{ i: 0, speaker: 'A', t0: 0, t1: 1, text: 'x', words: [] }], 'transcript.invalid'],
    ['a word over 4096 bytes', [{ i: 0, speaker: 'A', t0: 0, t1: 1, text: 'é'.repeat(2049) }], 'transcript.invalid'],
  ])('rejects %s', (_, segments, code) => {
    expect(codeOf(() => buildTranscriptTree(segments, SEED))).toBe(code);
  });

  it('rejects a seed that is not 32 bytes', () => {
    expect(codeOf(() => buildTranscriptTree(file.transcript, new Uint8Array(16)))).toBe('input.invalid');
  });

  it('allows segments without words', () => {
    const t = buildTranscriptTree(
      [
        { i: 0, speaker: 'A', t0: 0, t1: 10, text: 'one two' },
        { i: 1, speaker: 'A', t0: 10, t1: 20, text: '…' },
        { i: 2, speaker: 'A', t0: 20, t1: 30, text: 'three four' },
      ],
      SEED,
    );
    expect(t.segments[1]!.tokens).toHaveLength(0);
    // Contiguous across the empty segment: it is revealed (tokenCount 0) and nothing is omitted.
    const { proof, match } = proveQuote(t, 'two three');
    expect(match.firstSegment).toBe(0);
    expect(match.lastSegment).toBe(2);
    expect(verifyQuoteProof('two three', proof, t.root, 3)).toMatchObject({ match: 'exact', segments: [0, 1, 2] });
  });
});

describe('findClosest: close, not exact', () => {
  it('shows a changed number', () => {
    const c = findClosest('The deficit fell by fifteen percent', tree)!;
    expect(c.distance).toBe(1);
    expect(c.speaker).toBe('Guest');
    expect(c.firstSegment).toBe(2);
    expect(c.diff).toEqual([
      { op: 'same', quote: 'The', transcript: 'The' },
      { op: 'same', quote: 'deficit', transcript: 'deficit' },
      { op: 'same', quote: 'fell', transcript: 'fell' },
      { op: 'same', quote: 'by', transcript: 'by' },
      { op: 'changed', quote: 'fifteen', transcript: '15' },
      { op: 'same', quote: 'percent', transcript: 'percent' },
    ]);
  });

  it('shows added and missing words and words skipped by an ellipsis', () => {
    const c = findClosest('We will publish all the data … starting in March', tree)!;
    expect(c.distance).toBe(2);
    expect(c.diff.map((d) => d.op)).toEqual([
      'same',
      'same',
      'same',
      'added',
      'same',
      'missing',
      'same',
      'omitted',
      'same',
      'same',
      'same',
    ]);
    expect(c.diff[5]).toEqual({ op: 'missing', transcript: 'full' });
    expect(c.diff[7]).toEqual({ op: 'omitted', count: 2 });
    expect(c.start).toEqual({ segment: 1, token: 4 });
    expect(c.end).toEqual({ segment: 1, token: 14 });
  });

  it('gives distance 0 for an exact quote and null when nothing is shared', () => {
    expect(findClosest('every month starting in March', tree)?.distance).toBe(0);
    expect(findClosest('zebra quokka', tree)).toBeNull();
  });

  it('stays inside one speaker turn', () => {
    const c = findClosest('the report is green. Fifteen percent', tree)!;
    expect(c.distance).toBe(2);
    expect(c.firstSegment).toBe(c.lastSegment);
  });
});

describe('ambiguity', () => {
  it('reports more than one place, and more than one placement of a later fragment', () => {
    const t = buildTranscriptTree(
      [
        { i: 0, speaker: 'A', t0: 0, t1: 10, text: 'we said yes and we said no and we said yes' },
        { i: 1, speaker: 'B', t0: 10, t1: 20, text: 'we said maybe' },
      ],
      SEED,
    );
    expect(findQuote(t, 'we said maybe')).toMatchObject({ matchCount: 1, ambiguous: false, firstSegment: 1 });
    expect(findQuote(t, 'we said yes')).toMatchObject({ matchCount: 2, ambiguous: true });
    expect(findQuote(t, 'and … no')).toMatchObject({ matchCount: 1, ambiguous: false });
    // Unique start, but "yes" could be either the first or the last one after "no"? No: only one "yes" follows "no".
    expect(findQuote(t, 'no … yes')).toMatchObject({ matchCount: 1, ambiguous: false });
    // Unique start, two placements of the second fragment.
    expect(findQuote(t, 'yes and … said')).toMatchObject({ matchCount: 1, ambiguous: true });
  });
});

describe('proof contents', () => {
  it('reveals only the quoted words and public segment fields', () => {
    const { proof } = proveQuote(tree, 'the full data');
    const words = proof.runs.flatMap((r) => r.tokens.map((t) => new TextDecoder().decode(base64urlToBytes(t))));
    expect(words).toEqual(['the', 'full', 'data']);
    expect(Object.keys(proof.segments.items[0]!).sort()).toEqual([
      'salt',
      'speaker',
      't0',
      't1',
      'tokenCount',
      'tokensRoot',
    ]);
    expect(JSON.stringify(proof)).not.toMatch(/publish|March/);
  });
});
