/**
 * The `qv1` quote normaliser: which words a text has, and what a published quote claims.
 *
 * Words are found on a prepared copy of the text (ignorables stripped, each code point NFKC-normalised and
 * folded, whitespace → U+0020) by the Unicode word segmenter, and mapped back to the original string: a
 * token's `raw` form is an exact slice of the original (what a transcript commits to) and its `norm` form
 * is a pure function of `raw` (so a verifier needs nothing but the revealed raw token).
 */
import { assertString } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { displayQv1, foldQv1, isQv1Ignorable, matchFormQv1 } from './qv1-chars.ts';

export const QV1 = 'qv1';
/** Longest text qv1 accepts (UTF-16 code units): bounds the work any one call can be made to do. */
export const QV1_MAX_CHARS = 1 << 20;

export interface Qv1Token {
  /** Exact slice `text.slice(start, end)` of the input. */
  raw: string;
  /** Match form: `matchFormQv1(raw)`. Tokens match when their norms are equal. */
  norm: string;
  start: number;
  end: number;
}

export interface Qv1Fragment {
  /** Match forms of the fragment's words, in order. */
  tokens: string[];
  /** The fragment as shown (display form, editorial brackets kept). */
  display: string;
}

export interface Qv1Quote {
  version: typeof QV1;
  /** The whole quote in display form. */
  display: string;
  /** Fragments separated by ellipses; each must occur in order, gaps allowed between them. */
  fragments: Qv1Fragment[];
  /** Bracketed editorial text (without the brackets), in order: shown, never matched. */
  editorial: string[];
}

/** A parsed quote with its tokens in full (raw forms and offsets), for diffs and proofs. */
export interface Qv1ParsedQuote extends Qv1Quote {
  fragmentTokens: Qv1Token[][];
}

/**
 * ICU's root word-break rules. 'und' is not an available segmenter locale, so ECMA-402 would fall back to
 * the host's default locale, and one locale variant (en-US-u-va-posix) tailors word breaks; 'en' resolves
 * to the untailored root rules everywhere.
 */
const SEGMENTER_LOCALE = 'en';
let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(SEGMENTER_LOCALE, { granularity: 'word' });
  return segmenter;
}

function assertQv1Text(text: unknown, name: string): asserts text is string {
  assertString(text, name, QV1_MAX_CHARS);
  if (!text.isWellFormed()) throw new ProvenantError('input.invalid', `${name} has a lone surrogate`);
}

/** The prepared text and, for each of its code units, the original code point it came from. */
interface Prepared {
  text: string;
  srcStart: Int32Array;
  srcEnd: Int32Array;
}

function prepare(text: string): Prepared {
  const parts: string[] = [];
  // A prepared string is at most 18× longer (NFKC's longest expansion); grow lazily instead.
  let srcStart = new Int32Array(text.length + 16);
  let srcEnd = new Int32Array(text.length + 16);
  let n = 0;
  for (let o = 0; o < text.length; ) {
    const cp = text.codePointAt(o) as number;
    const len = cp > 0xffff ? 2 : 1;
    if (!isQv1Ignorable(cp)) {
      const ch = len === 1 ? text[o] : text.slice(o, o + 2);
      // Code points below U+00A0 are NFKC-stable; skip the call for them.
      const mapped = foldQv1(cp < 0xa0 ? (ch as string) : (ch as string).normalize('NFKC'));
      if (n + mapped.length > srcStart.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(Math.max(a.length * 2, n + mapped.length));
          b.set(a);
          return b;
        };
        srcStart = grow(srcStart);
        srcEnd = grow(srcEnd);
      }
      for (let k = 0; k < mapped.length; k++) {
        srcStart[n] = o;
        srcEnd[n] = o + len;
        n++;
      }
      parts.push(mapped);
    }
    o += len;
  }
  return { text: parts.join(''), srcStart: srcStart.subarray(0, n), srcEnd: srcEnd.subarray(0, n) };
}

/**
 * Characters the word-break rules always break before (UAX #29 class Other, or a space: in prepared text
 * every White_Space is U+0020), whatever surrounds them. Splitting there changes no word.
 */
const ALWAYS_BREAK_BEFORE = new Set(' !#$%&()*+-/<=>?@[\\]^`{|}~\u3001\u3002\u300c\u300d\u300e\u300f');
const MIN_CHUNK = 256;
/** A run this long with no such character is split anyway (no natural text has one; a defence, see below). */
export const QV1_MAX_RUN = 4096;
const MARK_RE = /\p{M}/u;

/**
 * Yields [start, end) pieces of `text` to segment separately. V8's segment iterator costs time proportional
 * to the whole string per step, so one call over a long text is quadratic; pieces keep it linear. Cuts
 * before an ALWAYS_BREAK_BEFORE character change nothing. A run of QV1_MAX_RUN code units since the last
 * such character (or forced cut) is cut anyway, before the next code point that is not a mark: that rule
 * depends only on the text, not on the piece sizes, so every implementation cuts in the same places.
 */
function* pieces(text: string): Generator<[number, number]> {
  let from = 0;
  let run = 0;
  for (let k = 1; k < text.length; k++) {
    if (ALWAYS_BREAK_BEFORE.has(text[k] as string)) {
      run = k;
      if (k - from >= MIN_CHUNK) {
        yield [from, k];
        from = k;
      }
    } else if (k - run >= QV1_MAX_RUN) {
      const c = text.charCodeAt(k);
      if ((c & 0xfc00) === 0xdc00 || MARK_RE.test(String.fromCodePoint(text.codePointAt(k) as number))) continue;
      yield [from, k];
      from = k;
      run = k;
    }
  }
  if (from < text.length) yield [from, text.length];
}

/** Word-like segments of `segmented` (a same-length variant of `prep.text`), as tokens of `original`. */
function wordTokens(original: string, prep: Prepared, segmented: string): Array<Qv1Token & { p: number }> {
  const out: Array<Qv1Token & { p: number }> = [];
  for (const [from, to] of pieces(segmented)) {
    for (const seg of wordSegmenter().segment(segmented.slice(from, to))) {
      if (seg.isWordLike) addWord(out, prep, from + seg.index, from + seg.index + seg.segment.length);
    }
  }
  for (const t of out) {
    t.raw = original.slice(t.start, t.end);
    t.norm = matchFormQv1(t.raw);
  }
  return out.filter((t) => t.norm !== '');
}

/** Adds the word at prepared positions [a, b) as original offsets. */
function addWord(out: Array<Qv1Token & { p: number }>, prep: Prepared, a: number, b: number): void {
  const start = prep.srcStart[a] as number;
  const end = prep.srcEnd[b - 1] as number;
  const last = out[out.length - 1];
  // One original code point can expand to several words (e.g. U+FDFA): they stay one token.
  if (last && start < last.end) {
    last.end = Math.max(last.end, end);
    return;
  }
  out.push({ raw: '', norm: '', start, end, p: a });
}

/** The word tokens of a text, in order, with offsets into it. Punctuation and symbols are not tokens. */
export function tokenizeQv1(text: string): Qv1Token[] {
  assertQv1Text(text, 'text');
  const prep = prepare(text);
  return wordTokens(text, prep, prep.text).map(({ raw, norm, start, end }) => ({ raw, norm, start, end }));
}

// Bracket pairs with no bracket inside; an ellipsis is three or more full stops, single spaces allowed between.
const EDITORIAL_RE = /\[[^[\]]*\]/g;
const ELLIPSIS_RE = /\.(?: *\.){2,}/g;
const ONLY_ELLIPSIS_RE = /^ *\.(?: *\.){2,} *$/;

function blank(text: string, spans: ReadonlyArray<readonly [number, number]>, fill: string): string {
  let out = '';
  let from = 0;
  for (const [a, b] of spans) {
    out += text.slice(from, a) + fill.repeat(b - a);
    from = b;
  }
  return out + text.slice(from);
}

/** Parses a published quote: fragments (split at ellipses), their tokens, and the editorial brackets. */
export function parseQuoteQv1(text: string): Qv1ParsedQuote {
  assertQv1Text(text, 'quote');
  const prep = prepare(text);
  const p = prep.text;
  const origAt = (k: number) => (k < p.length ? (prep.srcStart[k] as number) : text.length);
  const origEndAt = (k: number) => (k > 0 ? (prep.srcEnd[k - 1] as number) : 0);

  const editorialSpans: Array<[number, number]> = [];
  const ellipsisSpans: Array<[number, number]> = [];
  const editorial: string[] = [];
  for (const m of p.matchAll(EDITORIAL_RE)) {
    const a = m.index;
    const b = a + m[0].length;
    if (ONLY_ELLIPSIS_RE.test(m[0].slice(1, -1))) {
      ellipsisSpans.push([a, b]); // "[…]" is an ellipsis, not editorial text
      continue;
    }
    editorialSpans.push([a, b]);
    const shown = displayQv1(text.slice(origAt(a + 1), origEndAt(b - 1)));
    if (shown !== '') editorial.push(shown);
  }
  // Ellipses inside brackets are already classified: mask every bracket pair with a character the regex ignores.
  const masked = blank(
    p,
    [...editorialSpans, ...ellipsisSpans].sort((x, y) => x[0] - y[0]),
    '#',
  );
  for (const m of masked.matchAll(ELLIPSIS_RE)) ellipsisSpans.push([m.index, m.index + m[0].length]);
  ellipsisSpans.sort((x, y) => x[0] - y[0]);

  const allSpans = [...editorialSpans, ...ellipsisSpans].sort((x, y) => x[0] - y[0]);
  const tokens = wordTokens(text, prep, blank(p, allSpans, ' '));

  const fragments: Qv1Fragment[] = [];
  const fragmentTokens: Qv1Token[][] = [];
  let t = 0;
  for (let k = 0; k <= ellipsisSpans.length; k++) {
    const from = k === 0 ? 0 : (ellipsisSpans[k - 1] as [number, number])[1];
    const to = k === ellipsisSpans.length ? p.length : (ellipsisSpans[k] as [number, number])[0];
    const own: Qv1Token[] = [];
    while (t < tokens.length && (tokens[t] as { p: number }).p < to) {
      const { raw, norm, start, end } = tokens[t] as Qv1Token;
      own.push({ raw, norm, start, end });
      t++;
    }
    if (own.length === 0) continue; // a leading/trailing ellipsis, or a fragment of punctuation/editorial only
    fragments.push({ tokens: own.map((x) => x.norm), display: displayQv1(text.slice(origAt(from), origEndAt(to))) });
    fragmentTokens.push(own);
  }
  return { version: QV1, display: displayQv1(text), fragments, editorial, fragmentTokens };
}

/** The qv1 form of a published quote (see parseQuoteQv1). */
export function normaliseQv1(text: string): Qv1Quote {
  const { version, display, fragments, editorial } = parseQuoteQv1(text);
  return { version, display, fragments, editorial };
}
