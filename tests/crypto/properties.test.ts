/**
 * Property tests: sign/verify round trips; a single flipped bit anywhere never verifies; and core (noble)
 * and fast (node:crypto) verification agree on valid, tampered and hostile inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastVerifyBytes, fastVerifySignatureEntry } from '../../api/crypto/fast-verify.ts';
import { base64urlToBytes, bytesToBase64url, hexToBytes } from '../../core/bytes.ts';
import { ALG_SIZES, ALGS, type Alg } from '../../core/crypto/algorithms.ts';
import { ED25519_SMALL_ORDER_ENCODINGS } from '../../core/crypto/ed25519.ts';
import { generateKey, type SigningKey, signBytes, verifyBytes } from '../../core/crypto/keys.ts';
import { P256_N } from '../../core/crypto/p256.ts';
import {
  SIGNATURE_ROLES,
  type SignatureEntry,
  signClaim,
  verifySignatureEntry,
} from '../../core/crypto/signature-entry.ts';
import { isProvenantError } from '../../core/errors.ts';
import { sha256 } from '../../core/hash.ts';

const MALFORMED = new Set(['error:signature.malformed', 'error:key.invalid']);

function outcome(fn: () => boolean): boolean | string {
  try {
    return fn();
  } catch (e) {
    if (isProvenantError(e)) return `error:${e.code}`;
    throw e;
  }
}

/** Both verifiers, asserting they agree; returns the common outcome. */
function both(alg: Alg, publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean | string {
  const core = outcome(() => verifyBytes(alg, publicKey, message, sig));
  const fast = outcome(() => fastVerifyBytes(alg, publicKey, message, sig));
  expect(fast).toEqual(core);
  return core;
}

const keyFromSeed = (alg: Alg, seed: Uint8Array): SigningKey => generateKey(alg, () => sha256(seed));
const seedArb = fc.uint8Array({ minLength: 1, maxLength: 32 });
const messageArb = fc.uint8Array({ maxLength: 300 });
const flip = (bytes: Uint8Array, bit: number): Uint8Array => {
  const out = bytes.slice();
  const i = Math.floor(bit / 8) % out.length;
  out[i] = (out[i] as number) ^ (1 << (bit % 8));
  return out;
};

describe.each(ALGS)('%s', (alg) => {
  it('sign then verify is true, on both verifiers', () => {
    fc.assert(
      fc.property(seedArb, messageArb, (seed, message) => {
        const key = keyFromSeed(alg, seed);
        const sig = signBytes(key, message);
        expect(sig.length).toBe(ALG_SIZES[alg].signature);
        expect(both(alg, key.publicKey, message, sig)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('one flipped bit in the message, the signature or the public key never verifies', () => {
    fc.assert(
      fc.property(
        seedArb,
        messageArb,
        fc.constantFrom('message', 'signature', 'publicKey'),
        fc.nat(),
        (seed, message, where, bit) => {
          const key = keyFromSeed(alg, seed);
          const sig = signBytes(key, message);
          const m = where === 'message' && message.length > 0 ? flip(message, bit) : message;
          const s = where === 'signature' ? flip(sig, bit) : sig;
          const p = where === 'publicKey' ? flip(key.publicKey, bit) : key.publicKey;
          if (m === message && s === sig && p === key.publicKey) return; // empty message: nothing to flip
          const result = both(alg, p, m, s);
          expect(result === false || MALFORMED.has(result as string)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random bytes of the right lengths: both verifiers agree, and never say true', () => {
    const sizes = ALG_SIZES[alg];
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: sizes.publicKey, maxLength: sizes.publicKey }),
        fc.uint8Array({ minLength: sizes.signature, maxLength: sizes.signature }),
        messageArb,
        fc.boolean(),
        (pk, sig, message, fixPrefix) => {
          if (fixPrefix && alg !== 'ed25519') pk[0] = 2 + ((pk[0] as number) & 1); // reach the curve check
          if (fixPrefix && alg === 'secp256k1') sig[64] = 27 + ((sig[64] as number) & 1); // reach recovery
          expect(both(alg, pk, message, sig)).not.toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('signature entries: changing any field never verifies', () => {
    const mutations: ((e: SignatureEntry, bit: number) => SignatureEntry)[] = [
      (e, bit) => ({
        ...e,
        role: SIGNATURE_ROLES[(SIGNATURE_ROLES.indexOf(e.role) + 1 + (bit % 7)) % 8] as SignatureEntry['role'],
      }),
      (e, bit) => ({ ...e, signedAt: e.signedAt + 1 + (bit % 1000) }),
      (e, bit) => ({ ...e, keyId: flipChar(e.keyId, bit) }),
      (e, bit) => ({ ...e, publicKey: bytesToBase64url(flip(base64urlToBytes(e.publicKey), bit)) }),
      (e, bit) => ({ ...e, sig: bytesToBase64url(flip(base64urlToBytes(e.sig), bit)) }),
      (e, bit) => ({ ...e, alg: ALGS[(ALGS.indexOf(e.alg) + 1 + (bit % 2)) % 3] as Alg }),
    ];
    fc.assert(
      fc.property(
        seedArb,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat(mutations.length - 1),
        fc.nat(),
        (seed, digest, which, bit) => {
          const key = keyFromSeed(alg, seed);
          const entry = signClaim(digest, key, 'cosigner', 1767225600000);
          expect(verifySignatureEntry(entry, digest)).toBe(true);
          const mutated = (mutations[which] as (e: SignatureEntry, bit: number) => SignatureEntry)(entry, bit);
          for (const [e, d] of [
            [mutated, digest],
            [entry, flip(digest, bit)],
          ] as const) {
            const core = outcome(() => verifySignatureEntry(e, d));
            const fast = outcome(() => fastVerifySignatureEntry(e, d));
            expect(fast).toEqual(core);
            expect(core === false || MALFORMED.has(core as string)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

function flipChar(text: string, bit: number): string {
  const i = 2 + (bit % (text.length - 2)); // keep a 0x prefix intact
  const c = text[i] as string;
  const swapped =
    c === '0'
      ? '1'
      : c === 'a'
        ? 'b'
        : c === 'A'
          ? 'a'
          : c === '1'
            ? '0'
            : c.toLowerCase() === c
              ? '0'
              : c.toLowerCase();
  return text.slice(0, i) + swapped + text.slice(i + 1);
}

describe('hostile inputs that plain implementations accept', () => {
  it('P-256: the high-S twin of every valid signature is false on both verifiers', () => {
    fc.assert(
      fc.property(seedArb, messageArb, (seed, message) => {
        const key = keyFromSeed('p256', seed);
        const sig = signBytes(key, message);
        const s = BigInt(`0x${Buffer.from(sig.subarray(32)).toString('hex')}`);
        const high = Uint8Array.from([
          ...sig.subarray(0, 32),
          ...hexToBytes((P256_N - s).toString(16).padStart(64, '0')),
        ]);
        expect(both('p256', key.publicKey, message, high)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('Ed25519: a small-order R in place of a valid R is false on both verifiers', () => {
    fc.assert(
      fc.property(seedArb, messageArb, fc.constantFrom(...ED25519_SMALL_ORDER_ENCODINGS), (seed, message, r) => {
        const key = keyFromSeed('ed25519', seed);
        const sig = signBytes(key, message);
        sig.set(hexToBytes(r), 0);
        expect(both('ed25519', key.publicKey, message, sig)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('Ed25519: every small-order public key is key.invalid on both verifiers', () => {
    for (const pk of ED25519_SMALL_ORDER_ENCODINGS) {
      expect(both('ed25519', hexToBytes(pk), new Uint8Array(), new Uint8Array(64))).toBe('error:key.invalid');
    }
  });
});
