/** SHA-256 and length of a file, streamed (a 60-minute recording is never held in memory). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ProvenantError } from '../../core/errors.ts';
import type { StreamingSha256 } from '../../core/image/raster-digest.ts';

export interface FileDigest {
  /** Lower-case hex. */
  readonly sha256: string;
  readonly byteLength: number;
}

export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let byteLength = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      byteLength += (chunk as Buffer).length;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ProvenantError('input.invalid', `cannot read ${path} (${code})`, { cause: e });
  }
  return { sha256: hash.digest('hex'), byteLength };
}

/** node:crypto's SHA-256 in the incremental shape core's rasterDigest accepts (same digest, several times faster). */
export function nodeSha256(): StreamingSha256 {
  const h = createHash('sha256');
  return {
    update: (data) => h.update(data),
    digest: () => new Uint8Array(h.digest()),
  };
}
