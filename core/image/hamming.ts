/** Hamming distance between two perceptual hashes of the same kind. */
import { hexToBytes } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, i) => {
  let n = 0;
  for (let x = i; x; x &= x - 1) n++;
  return n;
});

function toBytes(h: string | Uint8Array, name: string): Uint8Array {
  if (typeof h === 'string') return hexToBytes(h);
  if (h instanceof Uint8Array) return h;
  throw new ProvenantError('input.invalid', `${name} must be lower-case hex or bytes`);
}

/** Number of differing bits; both hashes lower-case hex (or bytes) of the same, non-zero length. */
export function hammingDistance(a: string | Uint8Array, b: string | Uint8Array): number {
  const x = toBytes(a, 'a');
  const y = toBytes(b, 'b');
  if (x.length !== y.length || x.length === 0) {
    throw new ProvenantError('input.invalid', 'hashes must have the same, non-zero length');
  }
  let d = 0;
  for (let i = 0; i < x.length; i++) d += POPCOUNT[(x[i] as number) ^ (y[i] as number)] as number;
  return d;
}
