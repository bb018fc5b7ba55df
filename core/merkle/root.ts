/** MTH (RFC 6962 §2.1): the root of a list of leaf hashes. */
import { defaultSha256, emptyRoot, HASH_LENGTH, nodeInputAt, type Sha256, sha256IntoOf } from './hasher.ts';
import { assertHashList } from './validate.ts';

/**
 * Reduces `count` hashes stored flat in `hashes` to their MTH, in place, level by level. Pairing neighbours and
 * carrying an odd last node up unchanged (never duplicating it) gives exactly RFC 6962's split at the largest
 * power of two. Returns the root in hashes[0, 32).
 */
export function reduceInPlace(hashes: Uint8Array, count: number, h: Sha256): void {
  const into = sha256IntoOf(h);
  while (count > 1) {
    const pairs = Math.floor(count / 2);
    // Writing node j over slot j is safe: its children (slots 2j, 2j+1) were copied to the scratch input first.
    for (let j = 0; j < pairs; j++) into(nodeInputAt(hashes, 2 * j * HASH_LENGTH), hashes, j * HASH_LENGTH);
    if (count % 2 === 1) hashes.copyWithin(pairs * HASH_LENGTH, (count - 1) * HASH_LENGTH, count * HASH_LENGTH);
    count = Math.ceil(count / 2);
  }
}

/** MTH(D[lo:hi]) of already-validated leaf hashes. */
export function rootOfRange(leafHashes: readonly Uint8Array[], lo: number, hi: number, h: Sha256): Uint8Array {
  const n = hi - lo;
  if (n === 0) return emptyRoot(h);
  const flat = new Uint8Array(n * HASH_LENGTH);
  for (let i = 0; i < n; i++) flat.set(leafHashes[lo + i] as Uint8Array, i * HASH_LENGTH);
  reduceInPlace(flat, n, h);
  return flat.slice(0, HASH_LENGTH);
}

/** The RFC 6962 Merkle Tree Hash of `leafHashes` (already leaf-hashed); the empty tree's root is SHA-256(""). */
export function merkleRoot(leafHashes: readonly Uint8Array[], h: Sha256 = defaultSha256): Uint8Array {
  assertHashList(leafHashes, 'leafHashes');
  return rootOfRange(leafHashes, 0, leafHashes.length, h);
}
