/** Transcript trees and quote proofs (see docs/PROTOCOL.md, "Transcripts and quotes"). */
export { type ClosestMatch, type DiffOp, findClosest, MAX_CLOSEST_CELLS } from './closest.ts';
export {
  type SegmentFields,
  segmentLeafContent,
  segmentLeafHash,
  segmentSalt,
  TOKEN_SALT_STRIDE,
  tokenLeafHash,
  tokenSalt,
} from './leaves.ts';
export { findQuote, MAX_COUNTED_MATCHES, type QuoteMatch } from './match.ts';
export { decodeQuoteProof, type QuoteProof, QuoteProofSchema } from './proof-format.ts';
export { buildQuoteProof, type ProvenQuote, proveQuote } from './prove.ts';
export {
  MAX_SEGMENT_TOKENS,
  MAX_SEGMENTS,
  MAX_TOKEN_BYTES,
  parseSegments,
  type SegmentInput,
  SegmentInputSchema,
} from './segment.ts';
export { buildTranscriptTree, type TranscriptSegmentNode, type TranscriptTree } from './tree.ts';
export type { TokenRun } from './turns.ts';
export {
  type ClaimedQuote,
  type QuoteMismatchDetail,
  type QuoteMismatchReason,
  type QuoteVerification,
  type VerifiedFragment,
  verifyQuoteProof,
} from './verify.ts';
