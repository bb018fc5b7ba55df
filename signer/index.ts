/**
 * The signer's public library surface. Other parts of the system (the API's upload verifier, the seeds,
 * the end-to-end tests) import from here, never from signer internals.
 */
export { cosignManifest, readManifestFile } from './cosign.ts';
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
export { addKeyMaterial, writeManifestSecret } from './sidecars.ts';
export { MANIFEST_SUFFIX, manifestText, photoClaim, signCapture } from './sign.ts';
export { loadTrust, parseTrust } from './trust.ts';
export { verifyCapture } from './verify.ts';
