/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the body of a signed note that states a log's tree head.
 *
 *   <origin>\n<tree size, decimal, no leading zeros>\n<base64 std root hash>\n[<extension line>\n]*
 */
import { ProvenantError } from '../errors.ts';
import { HASH_LENGTH } from '../merkle/index.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { type NoteSignature, type NoteVerifierKey, openSignedNote } from './note.ts';

export {
  encodeSignerKey,
  encodeVerifierKey,
  type NoteSigner,
  type NoteVerifierKey,
  noteKeyHash,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './note.ts';

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  /** Opaque, optional, non-empty lines after the root hash (C2SP does not recommend them). */
  extensions: string[];
}

export interface CheckpointInput {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export interface OpenedCheckpoint {
  body: string;
  checkpoint: Checkpoint;
  /** Names of the known keys whose signature verified; empty if none did or if any known key's failed. */
  verifiedBy: string[];
  failedBy: string[];
  signatures: NoteSignature[];
}

/** Tree sizes are decimal without leading zeros; sizes above 2^53 − 1 are not supported. */
const TREE_SIZE_RE = /^(?:0|[1-9][0-9]{0,15})$/;
const CONTROL_RE = /[\u0000-\u001f]/;
const MAX_LINE_CHARS = 8192;
const MAX_EXTENSIONS = 64;

function invalid(why: string): ProvenantError {
  return new ProvenantError('input.invalid', `checkpoint: ${why}`);
}

/** A line: non-empty, well-formed, no control characters (so no newline). */
function assertLine(line: unknown, what: string): asserts line is string {
  if (typeof line !== 'string' || line.length === 0 || line.length > MAX_LINE_CHARS) {
    throw invalid(`${what} must be a non-empty line of at most ${MAX_LINE_CHARS} chars`);
  }
  if (!line.isWellFormed() || CONTROL_RE.test(line)) throw invalid(`${what} must not contain control characters`);
}

export function formatCheckpoint(input: CheckpointInput): string {
  if (typeof input !== 'object' || input === null) throw invalid('expected an object');
  assertLine(input.origin, 'origin');
  if (!Number.isSafeInteger(input.treeSize) || input.treeSize < 0) throw invalid('treeSize must be a safe integer ≥ 0');
  if (!(input.rootHash instanceof Uint8Array) || input.rootHash.length !== HASH_LENGTH) {
    throw invalid(`rootHash must be ${HASH_LENGTH} bytes`);
  }
  const extensions = input.extensions ?? [];
  if (!Array.isArray(extensions) || extensions.length > MAX_EXTENSIONS) throw invalid('too many extension lines');
  for (const [i, line] of extensions.entries()) assertLine(line, `extension line ${i}`);
  const lines = [input.origin, String(input.treeSize), bytesToBase64(input.rootHash), ...extensions];
  return `${lines.join('\n')}\n`;
}

export function parseCheckpoint(body: string): Checkpoint {
  if (typeof body !== 'string') throw invalid('expected a string');
  if (body.length > MAX_LINE_CHARS * (3 + MAX_EXTENSIONS)) throw invalid('too long');
  if (!body.endsWith('\n')) throw invalid('must end with a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw invalid('needs origin, tree size and root hash lines');
  if (lines.length > 3 + MAX_EXTENSIONS) throw invalid('too many extension lines');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  assertLine(origin, 'origin');
  if (!TREE_SIZE_RE.test(size) || !Number.isSafeInteger(Number(size))) {
    throw invalid('tree size must be decimal without leading zeros, at most 2^53 − 1');
  }
  let rootHash: Uint8Array;
  try {
    rootHash = base64ToBytes(root);
  } catch (cause) {
    throw new ProvenantError('input.invalid', 'checkpoint: root hash is not canonical base64', { cause });
  }
  if (rootHash.length !== HASH_LENGTH) throw invalid(`root hash must be ${HASH_LENGTH} bytes`);
  for (const [i, line] of extensions.entries()) assertLine(line, `extension line ${i}`);
  return { origin, treeSize: Number(size), rootHash, extensions };
}

/**
 * Opens a signed checkpoint note: checks the signatures of `verifierKeys` (see openSignedNote) and parses the body
 * as a checkpoint. The caller decides which key names it requires in verifiedBy (the log's, witnesses').
 */
export function openNote(
  noteText: string | Uint8Array,
  verifierKeys: readonly (string | NoteVerifierKey)[],
): OpenedCheckpoint {
  const opened = openSignedNote(noteText, verifierKeys);
  return { ...opened, checkpoint: parseCheckpoint(opened.body) };
}
