/**
 * qv1 character classes: what is invisible (stripped), what folds to ASCII, what is whitespace.
 * These tables are part of the qv1 definition: changing any of them is a new normaliser version.
 */

/**
 * Stripped before anything else: zero-width space/non-joiner/joiner (U+200B–U+200D), word joiner (U+2060),
 * BOM / zero-width no-break space (U+FEFF), soft hyphen (U+00AD) and the bidi controls (U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069, U+061C). They change how text renders or breaks, never which words it has.
 */
export function isQv1Ignorable(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x061c ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    cp === 0x2060 ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0xfeff
  );
}

/**
 * Unicode White_Space (PropList.txt; the property is stable): every one becomes U+0020. Listed explicitly
 * because JavaScript's `\s` differs (it includes U+FEFF and omits U+0085).
 */
export function isQv1WhiteSpace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Applied after NFKC (so fullwidth and compatibility forms have already become these or ASCII). */
export const QV1_FOLDS: ReadonlyMap<number, string> = new Map<number, string>([
  // single quotes, primes and apostrophe look-alikes → U+0027
  [0x02bc, "'"], // MODIFIER LETTER APOSTROPHE
  [0x2018, "'"],
  [0x2019, "'"],
  [0x201a, "'"],
  [0x201b, "'"],
  [0x2032, "'"], // PRIME (″ and ‴ are two and three primes after NFKC)
  [0x2035, "'"], // REVERSED PRIME
  [0x2039, "'"], // single guillemets
  [0x203a, "'"],
  // double quotes and guillemets → U+0022
  [0x00ab, '"'],
  [0x00bb, '"'],
  [0x201c, '"'],
  [0x201d, '"'],
  [0x201e, '"'],
  [0x201f, '"'],
  [0x301d, '"'],
  [0x301e, '"'],
  [0x301f, '"'],
  // dashes and minus signs → U+002D (U+FE58, U+FE63 and U+FF0D already are U+2014 / '-' after NFKC)
  [0x2010, '-'],
  [0x2011, '-'],
  [0x2012, '-'],
  [0x2013, '-'],
  [0x2014, '-'],
  [0x2015, '-'],
  [0x2212, '-'],
  [0xfe58, '-'],
  [0xfe63, '-'],
  [0xff0d, '-'],
]);

/** Folds and whitespace mapping over an already NFKC-normalised string (code-unit wise: every key is BMP). */
export function foldQv1(nfkc: string): string {
  let out = '';
  let from = 0;
  for (let k = 0; k < nfkc.length; k++) {
    const c = nfkc.charCodeAt(k);
    if (c < 0x80 && c > 0x20) continue; // printable ASCII is never folded
    const folded = isQv1WhiteSpace(c) ? ' ' : QV1_FOLDS.get(c);
    if (folded === undefined || (folded === ' ' && c === 0x20)) continue;
    out += nfkc.slice(from, k) + folded;
    from = k + 1;
  }
  return from === 0 ? nfkc : out + nfkc.slice(from);
}

/** Removes every ignorable code point. */
export function stripQv1(text: string): string {
  let out = '';
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    if (!isQv1Ignorable(text.charCodeAt(k))) continue; // all ignorables are BMP, never surrogates
    out += text.slice(from, k);
    from = k + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Runs of U+0020 become one, leading and trailing ones go. */
export function collapseSpaces(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim();
}

/** The display form of any qv1 text: strip, NFKC, fold, whitespace collapsed and trimmed. */
export function displayQv1(text: string): string {
  return collapseSpaces(foldQv1(stripQv1(text).normalize('NFKC')));
}

/**
 * The match form of one raw word token: its display form lower-cased with the language-insensitive (root)
 * Unicode default case mapping, `String.prototype.toLowerCase` (identical to `toLocaleLowerCase('und')`:
 * final sigma by context, İ → i̇, no Turkish/Lithuanian tailoring).
 */
export function matchFormQv1(raw: string): string {
  return displayQv1(raw).toLowerCase();
}
