/**
 * The newsroom's quote attestations from the co-signed transcript, and the misquote another site printed: the first
 * quote with one word dropped, kept beside the real attestation's proof and signature. It is never submitted (the
 * API refuses proofs that do not show the quoted words) and must never verify.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { attestQuote } from '../signer/index.ts';
import { DEMO_TIMES, stoppedClock } from './clock.ts';
import type { DemoManifest, DemoQuote } from './demo-manifest.ts';
import type { DemoKeys } from './keys.ts';
import type { DemoDirs } from './produce-photo.ts';
import { ARTICLE_TITLE, ARTICLE_URL, MISQUOTE, QUOTES } from './story.ts';

export interface ProducedQuotes {
  quotes: DemoQuote[];
  misquote: NonNullable<DemoManifest['misquote']>;
}

export async function produceQuotes(
  dirs: DemoDirs,
  keys: DemoKeys,
  transcriptManifest: string,
): Promise<ProducedQuotes> {
  const rel = (abs: string) => abs.slice(dirs.root.length + 1);
  const quotes: DemoQuote[] = [];
  for (const [i, text] of QUOTES.entries()) {
    const r = await attestQuote({
      transcript: transcriptManifest,
      text,
      signer: keys.newsroom,
      url: ARTICLE_URL,
      articleTitle: ARTICLE_TITLE,
      out: join(dirs.public, `quote-${i + 1}.provenant.json`),
      force: true,
      now: stoppedClock(DEMO_TIMES.quotesPublished),
    });
    quotes.push({
      text,
      speaker: r.speaker,
      t0: r.t0,
      t1: r.t1,
      manifestPath: rel(r.manifestPath),
      manifestId: r.manifestId,
    });
  }
  const first = quotes[0] as DemoQuote;
  const original = JSON.parse(await readFile(join(dirs.root, first.manifestPath), 'utf8')) as {
    claim: { quote: { text: string } };
    signatures: unknown[];
  };
  const altered = { ...original, claim: { ...original.claim, quote: { ...original.claim.quote, text: MISQUOTE } } };
  const misquotePath = join(dirs.public, 'misquote.provenant.json');
  await writeFile(misquotePath, `${JSON.stringify(altered, null, 2)}\n`);
  // The same key and parents sidecars as the attestation it was copied from, so a verifier finds the transcript.
  for (const suffix of ['.keys.json', '.parents.json']) {
    await copyFile(join(dirs.root, first.manifestPath + suffix), misquotePath + suffix);
  }
  return {
    quotes,
    misquote: { text: MISQUOTE, speaker: first.speaker, claimsToBe: first.manifestId, manifestPath: rel(misquotePath) },
  };
}
