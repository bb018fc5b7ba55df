/** A signed transcript (fresh tree from core) and signed quote attestations proven against it. */
import type { SigningKey } from '../../core/crypto/keys.ts';
import { buildTranscriptTree, proveQuote } from '../../core/transcript/index.ts';
import { loadVectors } from '../helpers/vectors.ts';
import { signedManifest, T0 } from './fixtures.ts';

const SEGMENTS = [
  { i: 0, speaker: 'Host', t0: 0, t1: 4000, text: 'Welcome back to the show, everyone.' },
  {
    i: 1,
    speaker: 'Guest A',
    t0: 4000,
    t1: 12000,
    text: 'We will publish the full data set every single month, starting in March.',
  },
  { i: 2, speaker: 'Host', t0: 12000, t1: 15000, text: 'That is a big promise.' },
];

const transcriptVector = loadVectors<{ valid: Array<{ manifest: { claim: Record<string, unknown> } }> }>(
  'manifest-transcript.json',
).valid.find((v) => v.manifest.claim.kind === 'transcript')?.manifest.claim as Record<string, unknown>;

export function signedTranscript(key: SigningKey, n = 0) {
  const tree = buildTranscriptTree(SEGMENTS, new Uint8Array(32).fill(n + 1));
  const claim = {
    ...structuredClone(transcriptVector),
    createdAt: T0 + n,
    transcript: {
      root: tree.root,
      segmentCount: tree.segmentCount,
      wordCount: tree.wordCount,
      speakers: tree.speakers.map((label) => ({ label })),
    },
  };
  delete (claim as { requiredSigners?: unknown }).requiredSigners;
  return { tree, ...signedManifest(claim, [key], 'transcriber') };
}

export function signedQuote(
  transcript: ReturnType<typeof signedTranscript>,
  text: string,
  key: SigningKey,
  tamper?: (claim: Record<string, unknown>) => void,
) {
  const { proof, match } = proveQuote(transcript.tree, text);
  const claim: Record<string, unknown> = {
    v: 1,
    kind: 'quote',
    createdAt: T0 + 1000,
    source: { manifestId: transcript.id, claimDigest: transcript.id },
    quote: { text, speaker: match.speaker, t0: match.t0, t1: match.t1, normaliser: 'qv1' },
    proof,
    article: { url: 'https://news.example/2026/12/data' },
  };
  tamper?.(claim);
  return signedManifest(claim, [key], 'publisher');
}
