/**
 * Quote proof verification on a synthetic 60-minute, two-speaker transcript (~9,000 words, 600 segments):
 * the median time of verifyQuoteProof for a ~25-word quote with an ellipsis, against the time to merely
 * qv1-normalise the same quote text.
 */
import { utf8 } from '../core/bytes.ts';
import { generateKey } from '../core/crypto/keys.ts';
import { signClaim } from '../core/crypto/signature-entry.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { normaliseQv1 } from '../core/quote/qv1.ts';
import { buildTranscriptTree, proveQuote, verifyQuoteProof } from '../core/transcript/index.ts';
import { type BenchFigure, figure, percentile } from './lib.ts';

const VOCABULARY = (
  'the a we will data budget city minister report month year people plan public money council school road ' +
  'health water price rise fall percent said think know want need never always every some many more less ' +
  'today tomorrow week March April green new old open closed full half first last next long short good ' +
  'bad fair clear honest true vote law rule tax fund cost pay job work home house street market bank'
).split(' ');

/** Deterministic xorshift32, so every run measures the same transcript. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function syntheticTranscript() {
  const next = rng(2026);
  const segments = [];
  let speaker = 0;
  for (let i = 0; i < 600; i++) {
    if (next() < 0.4) speaker = 1 - speaker; // turns of one to a few segments
    const n = 10 + Math.floor(next() * 11); // 10–20 words, ~15 on average
    const words = Array.from({ length: n }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)] as string);
    const text = `${words.slice(0, 6).join(' ')}, ${words.slice(6).join(' ')}.`;
    segments.push({ i, speaker: speaker ? 'Guest' : 'Host', t0: i * 6000, t1: (i + 1) * 6000, text });
  }
  return segments;
}

function median(samples: number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

function timeMedian(runs: number, fn: () => unknown): number {
  for (let i = 0; i < 50; i++) fn(); // warm-up (JIT, segmenter construction)
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export async function run(): Promise<BenchFigure[]> {
  const segments = syntheticTranscript();
  const tree = buildTranscriptTree(segments, new Uint8Array(32).fill(42));
  // A quote across two consecutive segments of one speaker: 12 words … 13 words (with a gap between).
  const s = tree.segments.findIndex((x, k) => {
    const y = tree.segments[k + 1];
    return y?.speaker === x.speaker && x.tokens.length >= 16 && y.tokens.length >= 13;
  });
  const a = tree.segments[s]!.tokens;
  const b = tree.segments[s + 1]!.tokens;
  const quote = `${a
    .slice(2, 14)
    .map((t) => t.raw)
    .join(' ')} … ${b
    .slice(0, 13)
    .map((t) => t.raw)
    .join(' ')}`;
  const { proof } = proveQuote(tree, quote);
  const proofJson = JSON.parse(JSON.stringify(proof)); // verified as it arrives: parsed JSON
  const check = verifyQuoteProof(quote, proofJson, tree.root, tree.segmentCount);
  if (check.match !== 'exact') throw new Error('bench quote did not verify');

  const verifyMs = timeMedian(500, () => verifyQuoteProof(quote, proofJson, tree.root, tree.segmentCount));

  // What a reader's verifier does with a quote attestation already in memory (no I/O): parse both signed
  // manifests from their bytes, check the newsroom's and the transcript's signatures, then the proof against the
  // signed root with the attested speaker and times.
  const key = generateKey('ed25519');
  const signed = (claim: unknown, role: 'transcriber' | 'publisher') => {
    const parsed = parseManifest({ claim, signatures: [] });
    return utf8(JSON.stringify({ claim, signatures: [signClaim(parsed.claimDigest, key, role, 1_700_000_000_000)] }));
  };
  const digest = 'ab'.repeat(32);
  const transcriptBytes = signed(
    {
      v: 1,
      kind: 'transcript',
      createdAt: 1_700_000_000_000,
      recording: { manifestId: digest, claimDigest: digest },
      normaliser: 'qv1',
      transcript: {
        root: tree.root,
        segmentCount: tree.segmentCount,
        wordCount: tree.wordCount,
        speakers: tree.speakers.map((label) => ({ label })),
      },
    },
    'transcriber',
  );
  const transcriptId = parseManifest(transcriptBytes).id;
  const attested = proveQuote(tree, quote).match;
  const quoteBytes = signed(
    {
      v: 1,
      kind: 'quote',
      createdAt: 1_700_000_000_000,
      source: { manifestId: transcriptId, claimDigest: transcriptId },
      quote: { text: quote, speaker: attested.speaker, t0: attested.t0, t1: attested.t1, normaliser: 'qv1' },
      proof: proofJson,
    },
    'publisher',
  );
  const verifyAttestation = () => {
    const q = parseManifest(quoteBytes);
    const t = parseManifest(transcriptBytes);
    const qc = q.manifest.claim;
    const tc = t.manifest.claim;
    if (qc.kind !== 'quote' || tc.kind !== 'transcript' || qc.source.claimDigest !== t.id) throw new Error('bad bench');
    if (validKeyIds(verifyManifestSignatures(q)).length !== 1) throw new Error('bad bench signature');
    if (validKeyIds(verifyManifestSignatures(t)).length !== 1) throw new Error('bad bench signature');
    const v = verifyQuoteProof(qc.quote.text, qc.proof, tc.transcript.root, tc.transcript.segmentCount, qc.quote);
    if (v.match !== 'exact') throw new Error('bench attestation did not verify');
  };
  verifyAttestation();
  const attestationMs = timeMedian(200, verifyAttestation);
  const normaliseMs = timeMedian(500, () => normaliseQv1(quote));
  return [
    figure(
      'quote.verify',
      verifyMs,
      'ms',
      normaliseMs,
      5,
      `median of 500 verifyQuoteProof calls, ${tree.wordCount}-word/${tree.segmentCount}-segment transcript, ` +
        `${quote.split(' ').length - 1}-word quote with an ellipsis (${check.omittedWordCounts[0]} words omitted), ` +
        `${JSON.stringify(proof).length}-byte proof; baseline = median time to qv1-normalise the quote text alone`,
    ),
    figure(
      'quote.verify.attestation',
      attestationMs,
      'ms',
      verifyMs,
      5,
      'median of 200 in-memory checks of a signed quote attestation: parse the quote and transcript manifests from ' +
        'bytes, verify both Ed25519 signatures, then the proof with the attested speaker and times; baseline = the ' +
        'proof check alone (quote.verify)',
    ),
  ];
}
