import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import { normaliseQv1, parseQuoteQv1, QV1_MAX_CHARS, tokenizeQv1 } from '../../core/quote/qv1.ts';
import { isQv1Ignorable, isQv1WhiteSpace, matchFormQv1 } from '../../core/quote/qv1-chars.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface VariantFile {
  source: string;
  cases: { name: string; tokens: string[]; variants: { transform: string; text: string }[] }[];
}

const expectCode = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (e) {
    expect(isProvenantError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return;
  }
  expect.unreachable(`expected ${code}`);
};

describe('qv1 typographic variants (tests/vectors/qv1-variants.json)', () => {
  const file = loadVectors<VariantFile>('qv1-variants.json');
  const all = file.cases.flatMap((c) => c.variants.map((v) => ({ ...v, base: c.name, tokens: c.tokens })));

  it('has a source and at least 100 variants', () => {
    expect(file.source).toMatch(/hand-written/i);
    expect(all.length).toBeGreaterThanOrEqual(100);
  });

  it.each(all.map((v) => [`${v.base}: ${v.transform}`, v] as const))('%s', (_, v) => {
    const q = normaliseQv1(v.text);
    expect(q.version).toBe('qv1');
    expect(q.fragments.map((f) => f.tokens)).toEqual([v.tokens]);
    // The same text tokenised as a transcript gives the same match forms.
    expect(tokenizeQv1(v.text).map((t) => t.norm)).toEqual(v.tokens);
  });
});

describe('tokenizeQv1', () => {
  it('returns raw slices of the original with their offsets, and norms computed from raw alone', () => {
    const text = '\u200e“Wo\u200drd\u00ad”, e\u0301tat\u00a0ＦＩＮＥ ﬁle x² — don’t.';
    const tokens = tokenizeQv1(text);
    expect(tokens.map((t) => t.norm)).toEqual(['word', 'état', 'fine', 'file', 'x2', "don't"]);
    expect(tokens.map((t) => t.raw)).toEqual(['Wo\u200drd', 'e\u0301tat', 'ＦＩＮＥ', 'ﬁle', 'x²', 'don’t']);
    for (const t of tokens) {
      expect(text.slice(t.start, t.end)).toBe(t.raw);
      expect(matchFormQv1(t.raw)).toBe(t.norm);
    }
  });

  it('keeps word-internal apostrophes and full stops, splits at hyphens and dashes', () => {
    expect(tokenizeQv1("U.S. well-known it's 3.14 1,000").map((t) => t.norm)).toEqual([
      'u.s',
      'well',
      'known',
      "it's",
      '3.14',
      '1,000',
    ]);
  });

  it('lower-cases with the root locale (no Turkish dotless i, final sigma by context)', () => {
    expect(tokenizeQv1('İSTANBUL ΟΔΟΣ').map((t) => t.norm)).toEqual(['i\u0307stanbul', 'οδος'.replace(/σ$/, 'ς')]);
  });

  it('keeps one token when one code point expands to several words under NFKC', () => {
    const t = tokenizeQv1('a \ufdfa b');
    expect(t.map((x) => x.raw)).toEqual(['a', '\ufdfa', 'b']);
  });

  it('has no tokens for punctuation, symbols, emoji and whitespace', () => {
    expect(tokenizeQv1('')).toEqual([]);
    expect(tokenizeQv1(' … — !? “” 😀 \u2028 ')).toEqual([]);
  });

  it('rejects hostile input', () => {
    expectCode(() => tokenizeQv1('a'.repeat(QV1_MAX_CHARS + 1)), 'input.tooLarge');
    expectCode(() => tokenizeQv1('ab\ud800cd'), 'input.invalid');
    expectCode(() => tokenizeQv1(42 as unknown as string), 'input.invalid');
  });

  it('handles text at the size limit', () => {
    const text = 'word '.repeat(QV1_MAX_CHARS / 8);
    expect(tokenizeQv1(text)).toHaveLength(QV1_MAX_CHARS / 8);
  });
});

describe('qv1 character tables', () => {
  it('whitespace is exactly Unicode White_Space', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const want = /\p{White_Space}/u.test(String.fromCodePoint(cp));
      if (isQv1WhiteSpace(cp) !== want) expect.unreachable(`U+${cp.toString(16)}`);
    }
  });

  it('ignorables are the listed format characters and nothing else', () => {
    const listed = [0xad, 0x61c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e];
    listed.push(0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff);
    const found: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (isQv1Ignorable(cp)) found.push(cp);
    expect(found).toEqual(listed);
  });
});

describe('normaliseQv1: fragments and editorial text', () => {
  it('splits at … and ... (also spaced ". . ." and "[…]") and drops empty fragments', () => {
    const q = normaliseQv1('… We will publish . . . the data [...] every month...');
    expect(q.fragments.map((f) => f.tokens)).toEqual([
      ['we', 'will', 'publish'],
      ['the', 'data'],
      ['every', 'month'],
    ]);
    expect(q.fragments.map((f) => f.display)).toEqual(['We will publish', 'the data', 'every month']);
    expect(q.editorial).toEqual([]);
  });

  it('two full stops are not an ellipsis', () => {
    expect(normaliseQv1('We will.. publish').fragments).toHaveLength(1);
  });

  it('shows bracketed text but never matches it, and does not split there', () => {
    const q = normaliseQv1('“[The minister] said we will publish every [single] month” [sic]');
    expect(q.fragments).toEqual([
      {
        tokens: ['said', 'we', 'will', 'publish', 'every', 'month'],
        display: '"[The minister] said we will publish every [single] month" [sic]',
      },
    ]);
    expect(q.editorial).toEqual(['The minister', 'single', 'sic']);
  });

  it('an ellipsis inside editorial brackets is editorial text', () => {
    const q = normaliseQv1('we will [… later …] publish');
    expect(q.fragments.map((f) => f.tokens)).toEqual([['we', 'will', 'publish']]);
    expect(q.editorial).toEqual(['... later ...']);
  });

  it('stray brackets are punctuation', () => {
    expect(normaliseQv1('we [will publish').fragments.map((f) => f.tokens)).toEqual([['we', 'will', 'publish']]);
    expect(normaliseQv1('we ] will [ publish').fragments.map((f) => f.tokens)).toEqual([['we', 'will', 'publish']]);
  });

  it('display strips invisibles and bidi controls, folds and collapses', () => {
    const q = normaliseQv1('  \u202eWe\u00a0said\u2028“no” — twice\u200b  ');
    expect(q.display).toBe('We said "no" - twice');
  });

  it('returns no fragments for empty, punctuation-only and editorial-only quotes', () => {
    expect(normaliseQv1('').fragments).toEqual([]);
    expect(normaliseQv1('… !? —').fragments).toEqual([]);
    expect(normaliseQv1('[inaudible]').fragments).toEqual([]);
  });

  it('keeps raw tokens for diffs', () => {
    const q = parseQuoteQv1('We’ll ＳＥＥ … maybe');
    expect(q.fragmentTokens.map((f) => f.map((t) => t.raw))).toEqual([['We’ll', 'ＳＥＥ'], ['maybe']]);
  });

  it('rejects a huge quote', () => {
    expectCode(() => normaliseQv1('x '.repeat(QV1_MAX_CHARS)), 'input.tooLarge');
  });
});

describe('qv1 properties', () => {
  const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
  const sep = fc.constantFrom(' ', '  ', ', ', '; ', ' - ', ' — ', '\u00a0', '\n', '! ', ' "', '" ');
  const text = fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 30 }).map((xs) => xs.flat().join(''));
  const ignorable = fc.constantFrom(
    '\u200b',
    '\u200c',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u00ad',
    '\u200e',
    '\u202e',
    '\u2066',
    '\u061c',
  );

  it('tokens are ordered, non-overlapping slices whose norm depends only on the slice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        let end = 0;
        for (const t of tokenizeQv1(s)) {
          expect(t.start).toBeGreaterThanOrEqual(end);
          expect(t.end).toBeGreaterThan(t.start);
          expect(s.slice(t.start, t.end)).toBe(t.raw);
          expect(t.norm).toBe(matchFormQv1(t.raw));
          expect(t.norm).not.toBe('');
          end = t.end;
        }
      }),
    );
  });

  it('ignorable characters inserted anywhere change no token', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), ignorable), { maxLength: 10 }), (s, inserts) => {
        let v = s;
        for (const [at, ch] of inserts) {
          const k = at % (v.length + 1);
          v = v.slice(0, k) + ch + v.slice(k);
        }
        expect(tokenizeQv1(v).map((t) => t.norm)).toEqual(tokenizeQv1(s).map((t) => t.norm));
      }),
    );
  });

  it('case and fullwidth forms change no token; a quote without dots or brackets is one fragment of its tokens', () => {
    fc.assert(
      fc.property(text, (s) => {
        const norms = tokenizeQv1(s).map((t) => t.norm);
        const fullwidth = s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(tokenizeQv1(fullwidth).map((t) => t.norm)).toEqual(norms);
        expect(tokenizeQv1(s.toUpperCase()).map((t) => t.norm)).toEqual(norms);
        expect(normaliseQv1(s).fragments.map((f) => f.tokens)).toEqual([norms]);
      }),
    );
  });

  it('segmenting long texts in pieces gives the words of one pass over the whole text', () => {
    // Printable ASCII with single spaces is its own prepared form, so a direct segmenter pass is the reference.
    const direct = new Intl.Segmenter('en', { granularity: 'word' });
    const asciiText = fc
      .array(
        fc.tuple(fc.stringMatching(/^[A-Za-z0-9'.,:_]{1,12}$/), fc.constantFrom(' ', '! ', '(', ') ', ' - ', '/', '#')),
        {
          minLength: 50,
          maxLength: 400,
        },
      )
      .map((xs) => xs.flat().join(''));
    fc.assert(
      fc.property(asciiText, (s) => {
        const want = [...direct.segment(s)].filter((x) => x.isWordLike).map((x) => [x.index, x.segment]);
        expect(tokenizeQv1(s).map((t) => [t.start, t.raw])).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});
