/** node:crypto SHA-256 in the shapes core accepts (same digests as core's noble SHA-256, several times faster). */
import { createHash, hash } from 'node:crypto';
import { type Sha256, sha256FromLatin1Digest } from '../../core/merkle/hasher.ts';

export const nodeSha256Oneshot: Sha256 = sha256FromLatin1Digest((data) => hash('sha256', data, 'binary'));

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
