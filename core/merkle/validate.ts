/** Boundary checks shared by the tree builders and verifiers. */
import { assertSafeInteger } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { HASH_LENGTH } from './hasher.ts';

/** Inclusion and consistency proofs for any tree of ≤ 2^53 − 1 leaves have at most 54 hashes. */
export const MAX_PROOF_HASHES = 64;
/** A range proof has at most two paths' worth of hashes. */
export const MAX_RANGE_PROOF_HASHES = 128;

export function assertHash(value: unknown, name: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== HASH_LENGTH) {
    throw new ProvenantError('input.invalid', `${name} must be a ${HASH_LENGTH}-byte Uint8Array`);
  }
}

export function assertTreeSize(value: unknown, name = 'treeSize', min = 0): asserts value is number {
  assertSafeInteger(value, name, min);
}

/** An array of 32-byte hashes (leaf hashes given to a builder, or the revealed leaves of a range). */
export function assertHashList(value: unknown, name: string): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value)) throw new ProvenantError('input.invalid', `${name} must be an array`);
  for (let i = 0; i < value.length; i++) assertHash(value[i], `${name}[${i}]`);
}

/**
 * A proof: an array of at most `max` 32-byte hashes, with exactly `expected` of them for the tree shape being
 * verified. Anything else is malformed (an error), never merely "false".
 */
export function assertProof(
  value: unknown,
  expected: number,
  max = MAX_PROOF_HASHES,
): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value)) throw new ProvenantError('proof.malformed', 'proof must be an array of hashes');
  if (value.length > max) throw new ProvenantError('proof.malformed', `proof has more than ${max} hashes`);
  if (value.length !== expected) {
    throw new ProvenantError(
      'proof.malformed',
      `proof must have ${expected} hashes for this tree, got ${value.length}`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const p = value[i];
    if (!(p instanceof Uint8Array) || p.length !== HASH_LENGTH) {
      throw new ProvenantError('proof.malformed', `proof[${i}] must be a ${HASH_LENGTH}-byte hash`);
    }
  }
}

/** k = the largest power of two < n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The smallest power of two ≥ n (n ≥ 1). */
export function ceilPowerOfTwo(n: number): number {
  let k = 1;
  while (k < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && ceilPowerOfTwo(n) === n;
}
