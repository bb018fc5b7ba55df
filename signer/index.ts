/**
 * The signer's public library surface. Other parts of the system (the API's upload verifier, the seeds,
 * the end-to-end tests) import from here, never from signer internals.
 */
export { type CaptureGeometry, tilesNeeded } from '../core/image/capture-geometry.ts';
export { REPLAY_THRESHOLDS, replayCompareSize } from '../core/image/replay.ts';
export { checkReplay, type ReplayCheck } from '../core/image/replay-check.ts';
export { cosignManifest, readManifestFile } from './cosign.ts';
export {
  type ChainResult,
  resolveChain,
  resolveTimedChain,
  type TimedChainResult,
  writeParentsSidecar,
} from './derive/chain.ts';
export { type DeriveClipOptions, type DeriveClipResult, deriveClip } from './derive/clip.ts';
export { type DeriveOptions, type DeriveResult, deriveImage } from './derive/derive.ts';
export { type RecipeArgs, recipeFromArgs } from './derive/recipe-args.ts';
export { revealFromCapture } from './derive/reveal.ts';
export { findFfmpeg } from './ffmpeg.ts';
export {
  createKeyFile,
  type KeyFile,
  type LoadedKey,
  loadKeyFile,
  readKeyFile,
  statementsOf,
  writeKeyFile,
} from './keyfile.ts';
export { analysePhoto, decodePhoto, PHOTO_MAX_PIXELS } from './media/photo.ts';
export {
  type AttestQuoteOptions,
  type AttestQuoteResult,
  attestQuote,
  formatDiff,
  QuoteNotFoundError,
} from './quote/attest.ts';
export { addKeyMaterial, readKeyMaterial, writeManifestSecret } from './sidecars.ts';
export { MANIFEST_SUFFIX, manifestText, photoClaim, signCapture } from './sign.ts';
export {
  importTranscript,
  parseTranscriptText,
  TRANSCRIPT_FORMATS,
  type TranscriptFormat,
  transcriptFormatOf,
} from './transcript/import.ts';
export { readTranscriptSecret, type TranscriptSecret, writeTranscriptSecret } from './transcript/secret.ts';
export {
  parseSpeakerArg,
  type SignTranscriptOptions,
  type SignTranscriptResult,
  type SpeakerMapping,
  signTranscript,
} from './transcript/sign-transcript.ts';
export { loadTrust, parseTrust } from './trust.ts';
export { type VerifyOutcome, verifyCapture } from './verify.ts';
export { type VerifyClipInput, verifyClip } from './verify-clip.ts';
export { type VerifyDerivativeInput, verifyDerivative } from './verify-derivative.ts';
export { verifyQuote } from './verify-quote.ts';
export { type VerifyTargetOptions, verifyTarget } from './verify-target.ts';
export { type VerifyManifestInput, verifyTranscript } from './verify-transcript.ts';
