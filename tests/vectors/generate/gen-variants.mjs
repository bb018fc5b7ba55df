// Scratch generator: applies hand-chosen typographic transformations to hand-written base quotes.
// The expected tokens are written by hand below; nothing here runs the code under test.
import { writeFileSync } from 'node:fs';

const bases = [
  { name: 'apostrophes', text: "We don't publish the figures until they're checked.",
    tokens: ["we","don't","publish","the","figures","until","they're","checked"] },
  { name: 'dash', text: "It's a long-term plan - not a quick fix.",
    tokens: ["it's","a","long","term","plan","not","a","quick","fix"] },
  { name: 'f-words', text: 'The final file was filed on the fifth floor, officially.',
    tokens: ['the','final','file','was','filed','on','the','fifth','floor','officially'] },
  { name: 'nested-quote', text: 'I said: "We\'ll see what the council decides."',
    tokens: ['i','said',"we'll",'see','what','the','council','decides'] },
  { name: 'numbers', text: 'Prices rose 15 percent in 2024, the report says.',
    tokens: ['prices','rose','15','percent','in','2024','the','report','says'] },
  { name: 'french', text: 'Ça coûte cher, dit-elle, à Paris.',
    tokens: ['ça','coûte','cher','dit','elle','à','paris'] },
  { name: 'greek-final-sigma', text: 'Ο ΔΡΟΜΟΣ ΕΙΝΑΙ ΚΛΕΙΣΤΟΣ',
    tokens: ['ο','δρομος','ειναι','κλειστος'].map((w) => w.replace(/σ$/, 'ς')) },
  { name: 'well-known', text: 'Nobody told us about the well-known risks; nobody.',
    tokens: ['nobody','told','us','about','the','well','known','risks','nobody'] },
];

const wordsMap = (s, f) => s.replace(/[\p{L}\p{N}]+/gu, f);
const mid = (w, ch) => (w.length < 2 ? w : w.slice(0, 1) + ch + w.slice(1));
const fullwidth = (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

const transforms = [
  ['curly apostrophe U+2019', (s) => s.replace(/'/g, '\u2019')],
  ['left single quote U+2018 as apostrophe', (s) => s.replace(/'/g, '\u2018')],
  ['modifier letter apostrophe U+02BC', (s) => s.replace(/'/g, '\u02bc')],
  ['prime U+2032 as apostrophe', (s) => s.replace(/'/g, '\u2032')],
  ['curly double quotes', (s) => `\u201c${s.replace(/"([^"]*)"/g, '\u201c$1\u201d')}\u201d`],
  ['guillemets', (s) => `\u00ab ${s.replace(/"/g, '\u00bb')} \u00bb`],
  ['low-9 quotes', (s) => `\u201e${s}\u201c`],
  ['em dash', (s) => s.replace(/ - /g, ' \u2014 ').replace(/-/g, '\u2014')],
  ['en dash, no spaces', (s) => s.replace(/ - /g, '\u2013').replace(/-/g, '\u2013')],
  ['minus sign and horizontal bar', (s) => s.replace(/ - /g, ' \u2015 ').replace(/-/g, '\u2212')],
  ['non-breaking spaces', (s) => s.replace(/ /g, '\u00a0')],
  ['narrow no-break and em spaces', (s) => s.replace(/ /g, (_, k) => (k % 2 ? '\u202f' : '\u2003'))],
  ['ideographic space', (s) => s.replace(/ /g, '\u3000')],
  ['tabs and newlines', (s) => s.replace(/ /g, (_, k) => (k % 3 === 0 ? '\n' : k % 3 === 1 ? '\t' : ' \r\n '))],
  ['line and paragraph separators', (s) => `\u2029${s.replace(/ /g, '\u2028')}\u2029`],
  ['extra spaces', (s) => `   ${s.replace(/ /g, '    ')}   `],
  ['zero-width joiner inside words', (s) => wordsMap(s, (w) => mid(w, '\u200d'))],
  ['zero-width non-joiner and word joiner inside words', (s) => wordsMap(s, (w) => mid(mid(w, '\u200c'), '\u2060'))],
  ['zero-width space inside words', (s) => wordsMap(s, (w) => mid(w, '\u200b'))],
  ['BOM at start and inside words', (s) => `\ufeff${wordsMap(s, (w) => mid(w, '\ufeff'))}`],
  ['soft hyphens inside words', (s) => wordsMap(s, (w) => (w.length > 3 ? `${w.slice(0, 2)}\u00ad${w.slice(2)}` : w))],
  ['LRM/RLM marks', (s) => `\u200e${s.replace(/ /g, ' \u200f')}\u200e`],
  ['bidi embedding and override', (s) => `\u202a${s}\u202c \u202e\u202c`],
  ['bidi isolates and Arabic letter mark', (s) => `\u2066${wordsMap(s, (w) => mid(w, '\u061c'))}\u2069\u2067\u2069\u2068\u2069`],
  ['fullwidth forms', fullwidth],
  ['ligatures', (s) => s.replace(/ffi/g, '\ufb03').replace(/ff/g, '\ufb00').replace(/fi/g, '\ufb01').replace(/fl/g, '\ufb02').replace(/st/g, '\ufb06')],
  ['upper case', (s) => s.toUpperCase()],
  ['lower case', (s) => s.toLowerCase()],
  // Per-character case changes would turn a final sigma into a medial one (a spelling change): Latin only.
  ['alternating case', (s) => /[\u0370-\u03ff]/.test(s) ? s : [...s].map((c, k) => (k % 2 ? c.toUpperCase() : c.toLowerCase())).join('')],
  ['punctuation removed', (s) => s.replace(/[.,:;!?"]/g, '').replace(/ - /g, ' ')],
  ['punctuation changed', (s) => `...${s.replace(/\./g, '!').replace(/,/g, ';').replace(/:/g, ' --')}?!`],
  ['commas added', (s) => s.replace(/ /g, ', ')],
  ['NFD decomposition', (s) => s.normalize('NFD')],
  ['combined: curly, NBSP, ZWJ, fullwidth first word, upper', (s) =>
    wordsMap(s.replace(/'/g, '\u2019').replace(/ /g, '\u00a0'), (w) => mid(w, '\u200d')).toUpperCase()],
];

const cases = [];
let count = 0;
for (const b of bases) {
  const seen = new Set([b.text]);
  const variants = [{ transform: 'as written', text: b.text }];
  for (const [name, f] of transforms) {
    const v = f(b.text);
    if (seen.has(v)) continue;
    seen.add(v);
    variants.push({ transform: name, text: v });
  }
  count += variants.length;
  cases.push({ name: b.name, tokens: b.tokens, variants });
}
const esc = (json) => json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const doc = {
  source:
    'Hand-written for this project: the base quotes and their expected match tokens are written by hand from the qv1 rules in docs/PROTOCOL.md (not computed by the implementation); each variant is a base quote with one hand-chosen typographic transformation (named in "transform") applied by a scratch script. Every variant must normalise to exactly one fragment whose tokens equal "tokens".',
  normaliser: 'qv1',
  cases,
};
writeFileSync(process.argv[2], esc(JSON.stringify(doc, null, 2)) + '\n');
console.log('variants', count);
