/** Key generation, secret-key import, key ids, and hostile argument types. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, utf8 } from '../../core/bytes.ts';
import { ALGS, type Alg } from '../../core/crypto/algorithms.ts';
import { generateKey, keyFromSecret, keyIdOf, signBytes, verifyBytes } from '../../core/crypto/keys.ts';

const N = {
  p256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
};
const be32 = (n: bigint) => hexToBytes(n.toString(16).padStart(64, '0'));
const code = (code: string) => expect.objectContaining({ code });

function queue(...draws: Uint8Array[]) {
  let i = 0;
  return (length: number) => {
    expect(length).toBe(32);
    const d = draws[Math.min(i++, draws.length - 1)] as Uint8Array;
    return d.slice();
  };
}

describe('generateKey', () => {
  it.each(ALGS)('%s: fresh keys differ and sign/verify', (alg) => {
    const a = generateKey(alg);
    const b = generateKey(alg);
    expect(bytesToHex(a.secretKey)).not.toBe(bytesToHex(b.secretKey));
    const msg = utf8('hello');
    expect(verifyBytes(alg, a.publicKey, msg, signBytes(a, msg))).toBe(true);
    expect(verifyBytes(alg, b.publicKey, msg, signBytes(a, msg))).toBe(false);
  });

  it.each(ALGS)('%s: injected randomness gives the same key as keyFromSecret', (alg) => {
    const seed = hexToBytes('1f'.repeat(32));
    const k = generateKey(alg, queue(seed));
    expect(k).toEqual(keyFromSecret(alg, seed));
  });

  it.each(['p256', 'secp256k1'] as const)('%s: draws outside [1, n-1] are rejected and redrawn', (alg) => {
    const good = hexToBytes('2a'.repeat(32));
    const k = generateKey(alg, queue(new Uint8Array(32), be32(N[alg]), new Uint8Array(32).fill(255), good));
    expect(bytesToHex(k.secretKey)).toBe(bytesToHex(good));
  });

  it('gives up on a broken random source', () => {
    expect(() => generateKey('p256', queue(new Uint8Array(32)))).toThrow(code('internal'));
    expect(() => generateKey('ed25519', () => new Uint8Array(16))).toThrow(code('input.invalid'));
  });

  it('rejects unknown algorithms', () => {
    expect(() => generateKey('rsa' as Alg)).toThrow(code('key.unsupportedAlg'));
    expect(() => keyIdOf('ED25519' as Alg, new Uint8Array(32))).toThrow(code('key.unsupportedAlg'));
    expect(() =>
      verifyBytes(undefined as unknown as Alg, new Uint8Array(32), new Uint8Array(), new Uint8Array(64)),
    ).toThrow(code('key.unsupportedAlg'));
  });
});

describe('keyFromSecret', () => {
  it.each([
    ['p256', new Uint8Array(32)],
    ['p256', be32(N.p256)],
    ['secp256k1', be32(N.secp256k1)],
    ['ed25519', new Uint8Array(31)],
    ['secp256k1', new Uint8Array(33)],
  ] as const)('%s rejects an invalid secret key', (alg, secret) => {
    expect(() => keyFromSecret(alg, secret)).toThrow(code('key.invalid'));
  });
  it('rejects a non-bytes secret key', () => {
    expect(() => keyFromSecret('ed25519', 'secret' as unknown as Uint8Array)).toThrow(code('key.invalid'));
  });
  it('copies the secret so later mutation cannot change the key', () => {
    const secret = hexToBytes('11'.repeat(32));
    const k = keyFromSecret('ed25519', secret);
    secret.fill(0);
    expect(bytesToHex(k.secretKey)).toBe('11'.repeat(32));
  });
});

describe('keyIdOf', () => {
  it.each(['ed25519', 'p256'] as const)('%s: hex SHA-256(len ‖ tag ‖ alg ‖ 0x00 ‖ public key)', (alg) => {
    const k = generateKey(alg);
    const tag = utf8('provenant/v1/key-id');
    const want = createHash('sha256')
      .update(concatBytes(Uint8Array.of(tag.length), tag, utf8(alg), Uint8Array.of(0), k.publicKey))
      .digest('hex');
    expect(k.keyId).toBe(want);
    expect(keyIdOf(alg, k.publicKey)).toBe(want);
  });
});

describe('hostile arguments to verifyBytes', () => {
  const k = generateKey('ed25519');
  const msg = utf8('m');
  const sig = signBytes(k, msg);
  it.each([
    ['string public key', () => verifyBytes('ed25519', 'AAAA' as unknown as Uint8Array, msg, sig), 'key.invalid'],
    ['null public key', () => verifyBytes('ed25519', null as unknown as Uint8Array, msg, sig), 'key.invalid'],
    [
      'array signature',
      () => verifyBytes('ed25519', k.publicKey, msg, [...sig] as unknown as Uint8Array),
      'signature.malformed',
    ],
    ['1 MB signature', () => verifyBytes('ed25519', k.publicKey, msg, new Uint8Array(1 << 20)), 'signature.malformed'],
    ['string message', () => verifyBytes('ed25519', k.publicKey, 'm' as unknown as Uint8Array, sig), 'input.invalid'],
    ['p256 with an ed25519 key', () => verifyBytes('p256', k.publicKey, msg, sig), 'key.invalid'],
  ])('%s', (_, fn, want) => {
    expect(fn).toThrow(code(want));
  });
  it('signBytes refuses a forged key object', () => {
    expect(() => signBytes({ ...k, secretKey: new Uint8Array(5) }, msg)).toThrow(code('key.invalid'));
    expect(() => signBytes({ ...k, alg: 'dsa' as Alg }, msg)).toThrow(code('key.unsupportedAlg'));
  });
});
