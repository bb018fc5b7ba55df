/**
 * The form quotes are indexed and looked up by: each qv1 fragment's match-form words, joined and framed by single
 * spaces (so a substring search matches whole words only), and the SHA-256 of that string for exact lookups.
 */
import { bytesToHex, utf8 } from '../../core/bytes.ts';
import { sha256 } from '../../core/hash.ts';
import { normaliseQv1 } from '../../core/quote/qv1.ts';

export interface IndexedFragment {
  fragment: number;
  words: string;
  wordCount: number;
  digest: string;
}

export function indexedFragments(text: string): IndexedFragment[] {
  return normaliseQv1(text).fragments.map((f, fragment) => {
    const words = ` ${f.tokens.join(' ')} `;
    return { fragment, words, wordCount: f.tokens.length, digest: bytesToHex(sha256(utf8(words))) };
  });
}
