/**
 * Salted leaves for selective disclosure (transcript words, image tiles): a leaf commits to its content under a
 * 32-byte salt, so revealing some leaves and the sibling hashes of a proof says nothing about the hidden ones.
 * A producer keeps one secret seed and derives every salt from it, revealing salts one by one.
 */
import { assertBytes, assertSafeInteger, concatBytes, u32be, u64be, utf8 } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { TAGS, type Tag, taggedHash, tagPrefix } from '../hash.ts';

export const SALT_LENGTH = 32;
export const SALT_SEED_LENGTH = 32;

function assertTag(tag: unknown): asserts tag is Tag {
  if (typeof tag !== 'string' || !Object.hasOwn(TAGS, tag)) {
    throw new ProvenantError('input.invalid', 'tag must be one of the named TAGS');
  }
}

/**
 * Leaf data (before RFC 6962 leaf hashing) = tagPrefix(tag) ‖ salt ‖ content, where tagPrefix = len(tag) ‖ tag.
 * The tag and the fixed-length salt come first, so the content needs no length prefix.
 */
export function saltedLeafData(tag: Tag, salt: Uint8Array, content: Uint8Array): Uint8Array {
  assertTag(tag);
  assertBytes(salt, 'salt', SALT_LENGTH);
  assertBytes(content, 'content');
  return concatBytes(tagPrefix(tag), salt, content);
}

/**
 * salt = taggedHash('salt', seed ‖ u32be(len(L)) ‖ L ‖ u64be(index)), with L = UTF-8 of the full tag string of
 * `label` (e.g. "provenant/v1/token"). One seed serves every tree and leaf kind without two salts colliding.
 */
export function deriveSalt(seed: Uint8Array, label: Tag, index: number): Uint8Array {
  assertBytes(seed, 'seed', SALT_SEED_LENGTH);
  assertTag(label);
  assertSafeInteger(index, 'index');
  const labelBytes = utf8(TAGS[label]);
  return taggedHash('salt', seed, u32be(labelBytes.length), labelBytes, u64be(index));
}
