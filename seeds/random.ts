/**
 * Fixed randomness for the demo: every "random" byte the seed needs (key secrets, tile and transcript salts) is
 * SHA-256 in counter mode over a public label, so two runs produce the same bytes. Anyone can recompute these
 * secrets: that is the point of TEST-ONLY demo keys, and why they must never sign anything real.
 */
import { createHash } from 'node:crypto';
import type { RandomBytes } from '../core/crypto/keys.ts';

const DOMAIN = 'provenant-demo/v1/fixed-randomness';

/** An endless deterministic byte stream for `label` (each call continues where the previous one stopped). */
export function fixedRandom(label: string): RandomBytes {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (length: number) => {
    while (pool.length < length) {
      const block = createHash('sha256').update(`${DOMAIN}\n${label}\n${counter++}`).digest();
      const next = new Uint8Array(pool.length + block.length);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, length);
    pool = pool.slice(length);
    return out;
  };
}

/** A fixed 32-byte secret (salt seed) for `label`. */
export function fixedSecret(label: string): Uint8Array {
  return fixedRandom(label)(32);
}

/** A small seeded PRNG (mulberry32) for procedural pictures and sounds: fast, and the same on every platform. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
