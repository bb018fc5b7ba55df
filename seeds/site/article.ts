/**
 * The demo newsroom article: each item a reader can check, with a caption saying what to right-click and which
 * verdict to expect. Verdict words follow the report states (valid, partial, invalid, no provenance); none of them
 * says "true" or "fake", because provenance is not truth.
 */
import type { DemoFile, DemoManifest, DemoQuote } from '../demo-manifest.ts';
import { ARTICLE_TITLE, NEWSROOM } from '../story.ts';
import { html, type Markup } from './html.ts';
import { ARTICLE_CSS } from './styles.ts';

export interface ArticleLinks {
  /** Where the site is mounted, e.g. "/demo". */
  base: string;
  /** The API's verification page for readers without the extension. */
  verifyUrl: string;
}

/** The URL the site serves a demo file under (by file name; only listed files are served). */
export function mediaUrl(base: string, file: DemoFile): string {
  return `${base}/media/${file.path.split('/').pop() ?? ''}`;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

type Tone = 'ok' | 'partial' | 'bad' | 'none';

function tryIt(tone: Tone, action: string, verdict: string, why: string): Markup {
  return html`<div class="try ${tone}"><div class="label">Try it</div>${action}
<div>Expected verdict: <span class="verdict">${verdict}</span>. ${why}</div></div>`;
}

function quoteBlock(q: DemoQuote, episode: string, index: number): Markup {
  return html`<figure class="quote" id="quote-${index + 1}">
<blockquote data-provenant-quote="${q.manifestId}"><p>${q.text}</p>
<footer>${q.speaker}, ${episode}, at ${clock(q.t0)}–${clock(q.t1)}</footer></blockquote>
</figure>`;
}

function quoteCaption(q: DemoQuote, index: number): Markup {
  if (/…|\.\.\./.test(q.text)) {
    return tryIt(
      'ok',
      'Verify the quote with the ellipsis too.',
      'exact quote, with words omitted',
      'Each part around the “…” matches the transcript in order, within one turn of the same speaker; the verdict counts the omitted words.',
    );
  }
  if (index === 0) {
    return tryIt(
      'ok',
      'Select the quote, right-click and choose “Verify quote”.',
      'exact quote',
      `The newsroom attested these words with a proof from the co-signed transcript: ${q.speaker} said exactly this, at ${clock(q.t0)}–${clock(q.t1)}. The proof reveals only the quoted words.`,
    );
  }
  return tryIt('ok', 'And this one.', 'exact quote', `${q.speaker}, at ${clock(q.t0)}–${clock(q.t1)} of the episode.`);
}

export function articlePage(demo: DemoManifest, links: ArticleLinks): string {
  const { base } = links;
  const p = demo.photo;
  const pod = demo.podcast;
  const body = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ARTICLE_TITLE} — ${NEWSROOM} (Provenant demo)</title>
<style>${ARTICLE_CSS}</style></head>
<body>
<div class="demo-banner"><strong>Provenant demo.</strong> Everything on this page is synthetic and signed with
TEST-ONLY demo keys anyone can recompute: the verdicts show how checking works, not that anything happened.</div>
<header class="masthead"><p class="name">${NEWSROOM}</p>
<div class="dateline">Thursday 12 November 2026 · Harbour edition</div></header>
<main>
<h1>${ARTICLE_TITLE}</h1>
<p class="standfirst">A dawn photograph of the north harbour went round the internet twice this week: once as our
photo desk published it, once with a fire that never happened. Here is how a reader can tell them apart, and
what a podcast guest actually said about it.</p>
<div class="byline">By the photo desk · With the Provenant verifier extension installed, right-click
any picture, clip or selected quote on this page. No extension? Use the <a href="${links.verifyUrl}">verification
page</a>.</div>
<p class="setup">Before you start: a verifier trusts only the root keys you give it. To see the verdicts below, add
this demo's trust list (its TEST-ONLY camera maker and newsroom keys), <a href="${base}/trust.json">${base}/trust.json</a>,
in the extension's options; without it, every signer shows as valid but untrusted.</p>

<h2><span class="n">1</span>The photograph, as we published it</h2>
<figure><img src="${mediaUrl(base, p.published)}" alt="The north harbour at dawn: a striped lighthouse on a rocky spit, a sailing boat in the sun's path, dock cranes on the right" width="1280" height="960">
<figcaption>Dawn over the north harbour. Taken on a Halden K7; cropped and colour-corrected by our photo desk.</figcaption></figure>
${tryIt(
  'ok',
  'Right-click the photo and choose “Verify provenance”.',
  'valid',
  'Captured by a Halden K7 camera whose key Halden Optics endorses, then cropped (64 % of the frame kept) and brightened by our photo desk, whose key the newsroom endorses — every edit within the policy the camera signed.',
)}

<h2><span class="n">2</span>The same photo, as a CDN served it</h2>
<figure><img src="${mediaUrl(base, p.cdn)}" alt="The same harbour photograph, re-encoded as WebP" width="1280" height="960">
<figcaption>An image CDN re-encoded our file as WebP and stripped its metadata. Nobody signed this copy.</figcaption></figure>
${tryIt(
  'partial',
  'Right-click this copy and verify it.',
  'valid, partial: perceptually the same picture',
  'The bytes and pixels differ from what the photo desk signed, but the perceptual fingerprints match: a re-encode, found by lookup even without metadata. Small local edits cannot be excluded at this level, so it says so.',
)}

<h2><span class="n">3</span>The copy that went viral</h2>
<figure><img src="${mediaUrl(base, p.tampered)}" alt="The harbour photograph with a plume of smoke painted over the docks" width="1280" height="960">
<figcaption>“Fire at the harbour!” The same frame with smoke over the cranes, shared with a manifest signed by a reposting account.</figcaption></figure>
${tryIt(
  'bad',
  'Right-click it and verify.',
  'invalid: the edit does not replay',
  'Its manifest describes it as the same crop and colour adjustment our photo desk made of the camera’s capture, signed by a key nobody endorses (a valid signature, an untrusted signer, edits within the camera’s policy). Replaying that recipe on the capture’s revealed tiles does not give these pixels, so the claimed edit fails.',
)}

<h2><span class="n">4</span>The podcast: “Who signed this?”</h2>
<div class="player"><div class="show">${pod.title}</div>
<div>With host ${pod.host} and guest ${pod.guest}. (Synthetic audio: the voices hum, the transcript is the script.)</div>
<audio controls preload="metadata" src="${mediaUrl(base, pod.audio)}"></audio>
<div><a href="${mediaUrl(base, pod.vtt)}">Transcript (WebVTT)</a></div></div>
${tryIt(
  pod.transcript ? 'ok' : 'partial',
  'Right-click the player and verify the recording.',
  'co-signed, 2 of 2',
  `${pod.host} signed the recording the day it was made and named both participants as required signers; ${pod.guest} co-signed a day later. ${pod.transcript ? 'The transcript is signed and co-signed the same way.' : ''} Their keys are self-declared, so the verdict names them without vouching for them.`,
)}

<h2><span class="n">5</span>What the guest said</h2>
${demo.quotes.map((q, i) => [quoteBlock(q, 'episode 12', i), quoteCaption(q, i)])}
${
  demo.misquote
    ? html`<div class="misprint"><p>Another site ran the first quote like this:</p>
<figure class="quote"><blockquote><p>${demo.misquote.text}</p><footer>${demo.misquote.speaker}, as quoted elsewhere</footer></blockquote></figure>
${tryIt(
  'bad',
  'Select this one and verify it.',
  'not an exact quote',
  'One word is missing and the meaning flips. The closest passage in the signed transcript is shown with the difference; a misquote never verifies as exact.',
)}</div>`
    : null
}
${demo.quotes.length === 0 ? html`<p><em>The quote attestations have not been seeded yet.</em></p>` : null}

<h2><span class="n">6</span>A picture nobody signed</h2>
<figure><img src="${mediaUrl(base, p.unsigned)}" alt="A city skyline at night with lit windows reflected in a river" width="1200" height="800">
<figcaption>A skyline at night, from a reader. We could not trace it to a source.</figcaption></figure>
${tryIt(
  'none',
  'Right-click it and verify.',
  'no provenance',
  'No manifest matches it. That does not make it fake: it only means nobody has signed it, so there is nothing to check.',
)}

<div class="aside"><strong>What a verdict proves.</strong> A valid verdict says who signed a picture, clip or quote,
what edits were made since, and when it was logged; it never says the content is true. Everything the server returns
is re-checked in your browser. No extension? Open <a href="${links.verifyUrl}">the verification page</a> and drop in
any file from this page.</div>
</main></body></html>`;
  return body.text;
}
