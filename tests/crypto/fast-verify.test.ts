/** The node:crypto verifier is a drop-in for core's: identical outcomes on every vector, and a safe key cache. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fastKeyIdOf, fastVerifyBytes } from '../../api/crypto/fast-verify.ts';
import { hexToBytes, utf8 } from '../../core/bytes.ts';
import type { Alg } from '../../core/crypto/algorithms.ts';
import { generateKey, keyIdOf, signBytes, verifyBytes } from '../../core/crypto/keys.ts';
import { isProvenantError } from '../../core/errors.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface BytesCase {
  name: string;
  publicKey: string;
  message: string;
  signature: string;
}

function outcome(fn: () => boolean): boolean | string {
  try {
    return fn();
  } catch (e) {
    if (isProvenantError(e)) return `error:${e.code}`;
    throw e;
  }
}

const files: [string, Alg][] = [
  ['rfc8032-ed25519.json', 'ed25519'],
  ['rfc8032-ed25519-edge-cases.json', 'ed25519'],
  ['p256-ecdsa.json', 'p256'],
  ['eip191-personal-sign.json', 'secp256k1'],
];

function casesOf(file: string): BytesCase[] {
  const v = loadVectors<Record<string, unknown>>(file);
  return Object.values(v)
    .filter(Array.isArray)
    .flat()
    .filter((c): c is BytesCase => typeof c === 'object' && c !== null && 'publicKey' in c && 'signature' in c);
}

describe('identical outcomes on every byte-level vector', () => {
  it('covers every vector file of this module', () => {
    const dir = fileURLToPath(new URL('../vectors/', import.meta.url));
    const mine = readdirSync(dir).filter((f) => /^(rfc8032|p256|eip191-personal)/.test(f));
    expect(mine.sort()).toEqual(files.map(([f]) => f).sort());
  });
  it.each(files)('%s', (file, alg) => {
    const cases = casesOf(file);
    expect(cases.length).toBeGreaterThan(5);
    for (const c of cases) {
      const args = [alg, hexToBytes(c.publicKey), hexToBytes(c.message), hexToBytes(c.signature)] as const;
      expect([c.name, outcome(() => fastVerifyBytes(...args))]).toEqual([c.name, outcome(() => verifyBytes(...args))]);
    }
  });
});

describe('key cache', () => {
  it('never caches an invalid key as valid', () => {
    const bad = hexToBytes('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa');
    for (let i = 0; i < 3; i++) {
      expect(outcome(() => fastVerifyBytes('ed25519', bad, new Uint8Array(), new Uint8Array(64)))).toBe(
        'error:key.invalid',
      );
    }
  });
  it.each(['ed25519', 'p256', 'secp256k1'] as const)(
    '%s: cached key ids equal keyIdOf; a cached key still checks each signature',
    (alg) => {
      const key = generateKey(alg);
      const msg = utf8('cache');
      const sig = signBytes(key, msg);
      expect(fastKeyIdOf(alg, key.publicKey)).toBe(keyIdOf(alg, key.publicKey));
      expect(fastVerifyBytes(alg, key.publicKey, msg, sig)).toBe(true);
      expect(fastVerifyBytes(alg, key.publicKey, utf8('other'), sig)).toBe(false);
      expect(fastVerifyBytes(alg, key.publicKey, msg, sig)).toBe(true);
    },
  );
  it('keys are cached per algorithm, not per bytes alone', () => {
    const p = generateKey('p256');
    let k1: string | boolean;
    try {
      k1 = fastKeyIdOf('secp256k1', p.publicKey);
    } catch (e) {
      k1 = isProvenantError(e, 'key.invalid');
    }
    expect(k1).not.toBe(p.keyId);
    expect(fastKeyIdOf('p256', p.publicKey)).toBe(p.keyId);
  });
});
