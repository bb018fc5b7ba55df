/**
 * `quote`: a newsroom's signed attestation that a speaker said exactly these words in a signed transcript. The
 * transcript tree is rebuilt from the producer's secret sidecar (seed + segments, shared with the newsroom) and
 * checked against the signed root; qv1 finds the words (ellipses split fragments, [brackets] are editorial) and
 * core builds the proof that reveals only the quoted words. Words that are not there are refused with
 * quote.notFound and the closest passage as a word diff. Signed with role 'publisher'.
 */
import { dirname, join } from 'node:path';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import { type ParsedManifest, parseManifest } from '../../core/manifest/parse.ts';
import { parseQuoteQv1 } from '../../core/quote/qv1.ts';
import { type ClosestMatch, findClosest } from '../../core/transcript/closest.ts';
import { proveQuote } from '../../core/transcript/prove.ts';
import { buildTranscriptTree } from '../../core/transcript/tree.ts';
import { claimTime } from '../claim-time.ts';
import { readManifestFile } from '../cosign.ts';
import { readParentsSidecar, writeParentsSidecar } from '../derive/chain.ts';
import { writeOutputFile } from '../files.ts';
import { type LoadedKey, statementsOf } from '../keyfile.ts';
import { addKeyMaterial, readKeyMaterial, secretPathOf } from '../sidecars.ts';
import { manifestText } from '../sign.ts';
import { readTranscriptSecret } from '../transcript/secret.ts';

export interface AttestQuoteOptions {
  /** The transcript manifest. */
  transcript: string;
  text: string;
  signer: LoadedKey;
  url?: string;
  articleTitle?: string;
  /** The transcript's secret sidecar, if not beside its manifest. */
  secret?: string;
  out?: string;
  force?: boolean;
  now?: () => number;
}

export interface AttestQuoteResult {
  manifestPath: string;
  manifestId: string;
  transcriptId: string;
  speaker: string;
  t0: number;
  t1: number;
  segments: [number, number];
  omittedWordCounts: number[];
  ambiguous: boolean;
  matchCount: number;
}

/** quote.notFound, with the closest passage (null when no word of the quote occurs at all). */
export class QuoteNotFoundError extends ProvenantError {
  readonly closest: ClosestMatch | null;
  constructor(closest: ClosestMatch | null) {
    super('quote.notFound', 'the quoted words are not in the transcript as one speaker said them', {
      details: closest ? formatDiff(closest) : [],
    });
    this.closest = closest;
  }
}

/** One line per word: `= same`, `~ quote → transcript`, `+ added`, `- missing`, `… n omitted`. */
export function formatDiff(c: ClosestMatch): string[] {
  return c.diff.map((d) => {
    if (d.op === 'same') return `= ${d.transcript}`;
    if (d.op === 'changed') return `~ ${d.quote} → ${d.transcript}`;
    if (d.op === 'added') return `+ ${d.quote}`;
    if (d.op === 'missing') return `- ${d.transcript}`;
    return `… ${d.count} omitted`;
  });
}

function normalisedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    return u.href;
  } catch (e) {
    throw new ProvenantError('input.invalid', `--url must be an http(s) URL: ${url}`, { cause: e });
  }
}

export async function attestQuote(options: AttestQuoteOptions): Promise<AttestQuoteResult> {
  const now = options.now ?? Date.now;
  const transcript: ParsedManifest = await readManifestFile(options.transcript);
  const tc = transcript.manifest.claim;
  if (tc.kind !== 'transcript')
    throw new ProvenantError('input.invalid', `${options.transcript} is a ${tc.kind} manifest, not a transcript`);
  const secret = await readTranscriptSecret(options.secret ?? secretPathOf(options.transcript));
  if (secret.manifestId !== transcript.id)
    throw new ProvenantError('input.invalid', 'the transcript secret belongs to another manifest');
  const tree = buildTranscriptTree(secret.segments, secret.seed);
  if (tree.root !== tc.transcript.root || tree.segmentCount !== tc.transcript.segmentCount) {
    throw new ProvenantError('input.invalid', 'the transcript secret does not rebuild the signed transcript root');
  }
  const quote = parseQuoteQv1(options.text);
  let proven: ReturnType<typeof proveQuote>;
  try {
    proven = proveQuote(tree, quote);
  } catch (e) {
    if (!isProvenantError(e, 'quote.notFound')) throw e;
    throw new QuoteNotFoundError(findClosest(quote, tree));
  }
  const { proof, match } = proven;
  const createdAt = claimTime(now);
  const claim = {
    v: 1,
    kind: 'quote',
    createdAt,
    source: { manifestId: transcript.id, claimDigest: transcript.id },
    quote: { text: options.text, speaker: match.speaker, t0: match.t0, t1: match.t1, normaliser: 'qv1' },
    proof,
    ...(options.url === undefined
      ? {}
      : {
          article: {
            url: normalisedUrl(options.url),
            ...(options.articleTitle === undefined ? {} : { title: options.articleTitle }),
          },
        }),
  };
  const parsed = parseManifest({ claim, signatures: [] });
  const entry = signClaim(parsed.claimDigest, options.signer.key, 'publisher', now());
  const manifestPath =
    options.out ?? join(dirname(options.transcript), `quote-${parsed.id.slice(0, 16)}.provenant.json`);
  await writeOutputFile(manifestPath, manifestText(parsed, [entry]), { force: options.force === true });
  const transcriptKeys = await readKeyMaterial(options.transcript);
  await addKeyMaterial(manifestPath, [...transcriptKeys.statements, ...statementsOf(options.signer.file)]);
  await writeParentsSidecar(manifestPath, [transcript, ...(await readParentsSidecar(options.transcript))]);
  return {
    manifestPath,
    manifestId: parsed.id,
    transcriptId: transcript.id,
    speaker: match.speaker,
    t0: match.t0,
    t1: match.t1,
    segments: [match.firstSegment, match.lastSegment],
    omittedWordCounts: match.omittedWordCounts,
    ambiguous: match.ambiguous,
    matchCount: match.matchCount,
  };
}
