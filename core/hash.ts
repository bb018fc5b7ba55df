/** SHA-256 with named domain-separation tags (invariant 2: every hash input starts with its tag). */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8 } from './bytes.ts';

/**
 * Every tag the protocol uses. A tag is hashed as `len(tag) ‖ tag` (one length byte), so no tag
 * is a prefix of another's encoding. RFC 6962 log hashing is the one exception: it keeps the
 * RFC's bare 0x00/0x01 prefixes so standard tooling and vectors apply.
 */
export const TAGS = {
  claim: 'provenant/v1/claim',
  signature: 'provenant/v1/signature',
  keyId: 'provenant/v1/key-id',
  keyStatement: 'provenant/v1/key-statement',
  revocation: 'provenant/v1/revocation',
  receipt: 'provenant/v1/receipt',
  checkpoint: 'provenant/v1/checkpoint',
  raster: 'provenant/v1/raster',
  tile: 'provenant/v1/tile',
  tileNode: 'provenant/v1/tile-node',
  packet: 'provenant/v1/packet',
  segment: 'provenant/v1/segment',
  token: 'provenant/v1/token',
  transcriptNode: 'provenant/v1/transcript-node',
  quote: 'provenant/v1/quote',
  salt: 'provenant/v1/salt',
  keyFile: 'provenant/v1/key-file',
} as const;

export type Tag = keyof typeof TAGS;

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

const tagPrefixCache = new Map<Tag, Uint8Array>();

export function tagPrefix(tag: Tag): Uint8Array {
  let prefix = tagPrefixCache.get(tag);
  if (!prefix) {
    const name = utf8(TAGS[tag]);
    prefix = concatBytes(Uint8Array.of(name.length), name);
    tagPrefixCache.set(tag, prefix);
  }
  return prefix;
}

/** SHA-256(len(tag) ‖ tag ‖ part_1 ‖ … ‖ part_n). Callers length-prefix variable parts where ambiguity is possible. */
export function taggedHash(tag: Tag, ...parts: readonly Uint8Array[]): Uint8Array {
  const h = nobleSha256.create();
  h.update(tagPrefix(tag));
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256Hex(data: Uint8Array): string {
  return bytesToHex(sha256(data));
}
