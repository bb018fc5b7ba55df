/** The transparency log's formats: leaves, key ids in leaves, checkpoints and signed notes (docs/PROTOCOL.md, "Log"). */
export { base64ToBytes, bytesToBase64 } from './base64.ts';
export {
  type Checkpoint,
  type CheckpointInput,
  formatCheckpoint,
  type OpenedCheckpoint,
  openNote,
  parseCheckpoint,
} from './checkpoint.ts';
export { isChecksumAddress, KEY_ID_BYTES, keyIdFromBytes, keyIdToBytes, toChecksumAddress } from './key-id.ts';
export {
  decodeLeaf,
  encodeLeaf,
  LEAF_KINDS,
  LEAF_LENGTH,
  LEAF_VERSION,
  type LeafKind,
  type LogLeaf,
  type LogLeafFields,
  logLeafHash,
  revocationSubject,
} from './leaf.ts';
export {
  encodeSignerKey,
  encodeVerifierKey,
  isValidKeyName,
  MAX_NOTE_CHARS,
  MAX_NOTE_SIGNATURES,
  NOTE_ALG_ED25519,
  type NoteSignature,
  type NoteSignatureStatus,
  type NoteSigner,
  type NoteVerifierKey,
  noteKeyHash,
  type OpenedNote,
  openSignedNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './note.ts';
