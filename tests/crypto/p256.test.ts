/** ECDSA P-256: RFC 6979 §A.2.5 deterministic signatures (low-S normalised) and the strict rejections. */
import { describe, expect, it } from 'vitest';
import { fastVerifyBytes } from '../../api/crypto/fast-verify.ts';
import { bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { keyFromSecret, signBytes, verifyBytes } from '../../core/crypto/keys.ts';
import { isProvenantError } from '../../core/errors.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface Case {
  name: string;
  publicKey: string;
  message: string;
  signature: string;
  wantErr?: string;
  opensslAccepts?: boolean;
}
interface P256Vectors {
  secretKey: string;
  publicKey: string;
  uncompressedPublicKey: string;
  deterministic: { name: string; message: string; rfcSignature: string; rfcSIsHigh: boolean; signature: string }[];
  wantFalse: Case[];
  wantErr: Case[];
}
const v = loadVectors<P256Vectors>('p256-ecdsa.json');

function outcome(verify: typeof verifyBytes, c: Case): boolean | string {
  try {
    return verify('p256', hexToBytes(c.publicKey), hexToBytes(c.message), hexToBytes(c.signature));
  } catch (e) {
    if (isProvenantError(e)) return `error:${e.code}`;
    throw e;
  }
}

describe('P-256 signing (RFC 6979 §A.2.5, SHA-256)', () => {
  const key = keyFromSecret('p256', hexToBytes(v.secretKey));

  it('derives the RFC public key, compressed', () => {
    expect(bytesToHex(key.publicKey)).toBe(v.publicKey);
    expect(v.uncompressedPublicKey.slice(2, 66)).toBe(v.publicKey.slice(2));
  });

  it.each(v.deterministic)('$name: r is the RFC r and s is low', (d) => {
    const sig = bytesToHex(signBytes(key, hexToBytes(d.message)));
    expect(sig).toBe(d.signature);
    expect(sig.slice(0, 64)).toBe(d.rfcSignature.slice(0, 64));
    expect(sig.slice(64) === d.rfcSignature.slice(64)).toBe(!d.rfcSIsHigh);
  });

  it('one RFC vector needed the low-S normalisation', () => {
    expect(v.deterministic.some((d) => d.rfcSIsHigh)).toBe(true);
  });
});

describe.each([
  ['core (noble)', verifyBytes],
  ['fast (node:crypto)', fastVerifyBytes],
])('P-256 verification, %s', (_, verify) => {
  it.each(v.deterministic)('$name verifies (low S)', (d) => {
    expect(outcome(verify, { name: d.name, publicKey: v.publicKey, message: d.message, signature: d.signature })).toBe(
      true,
    );
  });
  it.each(v.deterministic.filter((d) => d.rfcSIsHigh))('$name as published (high S) is false', (d) => {
    expect(
      outcome(verify, { name: d.name, publicKey: v.publicKey, message: d.message, signature: d.rfcSignature }),
    ).toBe(false);
  });
  it.each(v.wantFalse)('$name is false', (c) => {
    expect(outcome(verify, c)).toBe(false);
  });
  it.each(v.wantErr)('$name throws $wantErr', (c) => {
    expect(outcome(verify, c)).toBe(`error:${c.wantErr}`);
  });
});

it('plain OpenSSL accepts the high-S signature the strict rules reject', () => {
  expect(v.wantFalse.filter((c) => c.opensslAccepts).length).toBeGreaterThanOrEqual(2);
});
