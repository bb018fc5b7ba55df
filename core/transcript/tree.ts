/** The salted two-level transcript tree: segments → word tokens. */
import { assertBytes, bytesToHex, utf8 } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { merkleRoot } from '../merkle/index.ts';
import { type Qv1Token, tokenizeQv1 } from '../quote/qv1.ts';
import { segmentLeafHash, segmentSalt, tokenLeafHash, tokenSalt } from './leaves.ts';
import { MAX_SEGMENT_TOKENS, MAX_TOKEN_BYTES, parseSegments } from './segment.ts';

export interface TranscriptSegmentNode {
  readonly i: number;
  readonly speaker: string;
  readonly t0: number;
  readonly t1: number;
  /** qv1 word tokens of the segment text; the token tree commits to their raw forms, in order. */
  readonly tokens: readonly Qv1Token[];
  readonly tokenSalts: readonly Uint8Array[];
  readonly tokenLeaves: readonly Uint8Array[];
  readonly tokensRoot: Uint8Array;
  readonly salt: Uint8Array;
  readonly leaf: Uint8Array;
}

export interface TranscriptTree {
  /** Hex Merkle root over the segment leaves: what the transcript claim signs. */
  readonly root: string;
  readonly segmentCount: number;
  readonly wordCount: number;
  /** Distinct speaker labels in order of first appearance. */
  readonly speakers: readonly string[];
  readonly segments: readonly TranscriptSegmentNode[];
  readonly segmentLeaves: readonly Uint8Array[];
}

/**
 * Builds the tree from raw segments (validated here) and a secret 32-byte seed from which every salt is
 * derived. The seed must stay with the transcript's owner: anyone holding it can test guesses of unrevealed words.
 */
export function buildTranscriptTree(segments: unknown, seed: Uint8Array): TranscriptTree {
  assertBytes(seed, 'seed', 32);
  const parsed = parseSegments(segments);
  const nodes: TranscriptSegmentNode[] = [];
  const speakers: string[] = [];
  const seen = new Set<string>();
  let wordCount = 0;
  for (const s of parsed) {
    const tokens = tokenizeQv1(s.text);
    if (tokens.length > MAX_SEGMENT_TOKENS) {
      throw new ProvenantError('transcript.invalid', `segment ${s.i} has more than ${MAX_SEGMENT_TOKENS} words`, {
        details: [`${s.i}.text`],
      });
    }
    const long = tokens.findIndex((t) => utf8(t.raw).length > MAX_TOKEN_BYTES);
    if (long >= 0) {
      throw new ProvenantError('transcript.invalid', `segment ${s.i} has a word longer than ${MAX_TOKEN_BYTES} bytes`, {
        details: [`${s.i}.text`],
      });
    }
    const tokenSalts = tokens.map((_, j) => tokenSalt(seed, s.i, j));
    const tokenLeaves = tokens.map((t, j) => tokenLeafHash(tokenSalts[j] as Uint8Array, t.raw));
    const tokensRoot = merkleRoot(tokenLeaves);
    const salt = segmentSalt(seed, s.i);
    const leaf = segmentLeafHash(salt, { ...s, tokenCount: tokens.length, tokensRoot });
    nodes.push({
      i: s.i,
      speaker: s.speaker,
      t0: s.t0,
      t1: s.t1,
      tokens,
      tokenSalts,
      tokenLeaves,
      tokensRoot,
      salt,
      leaf,
    });
    wordCount += tokens.length;
    if (!seen.has(s.speaker)) {
      seen.add(s.speaker);
      speakers.push(s.speaker);
    }
  }
  const segmentLeaves = nodes.map((n) => n.leaf);
  return {
    root: bytesToHex(merkleRoot(segmentLeaves)),
    segmentCount: nodes.length,
    wordCount,
    speakers,
    segments: nodes,
    segmentLeaves,
  };
}
