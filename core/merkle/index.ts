/** RFC 6962 / RFC 9162 Merkle trees, range proofs, compact ranges and salted leaves (docs/PROTOCOL.md, "Merkle trees"). */
export { CompactRange, type CompactRangeState } from './compact-range.ts';
export { consistencyProof, verifyConsistency } from './consistency.ts';
export {
  defaultSha256,
  emptyRoot,
  HASH_LENGTH,
  LEAF_PREFIX,
  leafHash,
  NODE_PREFIX,
  nodeHash,
  type Sha256,
  sha256FromLatin1Digest,
} from './hasher.ts';
export { inclusionProof, rootFromInclusion, verifyInclusion } from './inclusion.ts';
export { rangeProof, rangeProofLength, rootFromRange, verifyRange } from './range.ts';
export { merkleRoot } from './root.ts';
export { deriveSalt, SALT_LENGTH, SALT_SEED_LENGTH, saltedLeafData } from './salted.ts';
export { consistencyProofLength, inclusionProofLength } from './shape.ts';
export { MerkleTree } from './tree.ts';
export { MAX_PROOF_HASHES, MAX_RANGE_PROOF_HASHES } from './validate.ts';
