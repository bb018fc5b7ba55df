/** Signature entries: the exact signed bytes, deterministic entries, and every way an entry can be wrong. */
import { describe, expect, it } from 'vitest';
import { fastVerifySignatureEntry } from '../../api/crypto/fast-verify.ts';
import { bytesToHex, fromUtf8, hexToBytes } from '../../core/bytes.ts';
import type { Alg } from '../../core/crypto/algorithms.ts';
import { keyFromSecret } from '../../core/crypto/keys.ts';
import {
  parseSignatureEntry,
  personalSignText,
  type SignatureEntry,
  type SignatureRole,
  signatureMessage,
  signClaim,
  verifySignatureEntry,
} from '../../core/crypto/signature-entry.ts';
import { isProvenantError } from '../../core/errors.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface Valid {
  name: string;
  alg: Alg;
  secretKey: string;
  publicKey: string;
  keyId: string;
  signedJson: string;
  signedBytes: string;
  personalSignText?: string;
  deterministicSignature: boolean;
  entry: SignatureEntry;
}
interface Vectors {
  claimDigest: string;
  valid: Valid[];
  wantFalse: { name: string; entry: unknown; claimDigest?: string }[];
  wantErr: { name: string; entry: unknown; wantErr: string }[];
}
const v = loadVectors<Vectors>('signature-entry.json');
const digest = hexToBytes(v.claimDigest);

function outcome(verify: (e: unknown, d: Uint8Array) => boolean, entry: unknown, d = digest): boolean | string {
  try {
    return verify(entry, d);
  } catch (e) {
    if (isProvenantError(e)) return `error:${e.code}`;
    throw e;
  }
}

describe('signed bytes', () => {
  it.each(v.valid)('$name: signatureMessage is tag ‖ JCS(fields)', (c) => {
    const fields = { claim: v.claimDigest, alg: c.alg, keyId: c.keyId, role: c.entry.role, signedAt: c.entry.signedAt };
    const bytes = signatureMessage(fields);
    expect(bytesToHex(bytes)).toBe(c.signedBytes);
    expect(fromUtf8(bytes.subarray(23))).toBe(c.signedJson);
    expect(bytes[0]).toBe(22);
    if (c.personalSignText) expect(personalSignText(fields)).toBe(c.personalSignText);
  });

  it('rejects malformed fields before signing anything', () => {
    const ok = {
      claim: v.claimDigest,
      alg: 'ed25519' as Alg,
      keyId: v.valid[0]?.keyId as string,
      role: 'capture' as SignatureRole,
      signedAt: 1,
    };
    expect(() => signatureMessage({ ...ok, claim: v.claimDigest.toUpperCase() })).toThrow();
    expect(() => signatureMessage({ ...ok, signedAt: 1.5 })).toThrow();
    expect(() => signatureMessage({ ...ok, role: 'boss' as SignatureRole })).toThrow();
    expect(() => signatureMessage({ ...ok, keyId: 'abc' })).toThrow();
    expect(() => signatureMessage({ ...ok, alg: 'rsa' as Alg })).toThrow();
  });
});

describe('signClaim', () => {
  it.each(v.valid)('$name: same key id and public key; same signature where signing is deterministic', (c) => {
    const key = keyFromSecret(c.alg, hexToBytes(c.secretKey));
    expect(bytesToHex(key.publicKey)).toBe(c.publicKey);
    expect(key.keyId).toBe(c.keyId);
    const entry = signClaim(digest, key, c.entry.role, c.entry.signedAt);
    if (c.deterministicSignature) expect(entry).toEqual(c.entry);
    else expect({ ...entry, sig: '' }).toEqual({ ...c.entry, sig: '' });
    expect(verifySignatureEntry(entry, digest)).toBe(true);
  });

  it('rejects a digest of the wrong size', () => {
    const key = keyFromSecret('ed25519', hexToBytes('01'.repeat(32)));
    expect(() => signClaim(new Uint8Array(31), key, 'capture', 0)).toThrow();
  });
});

describe.each([
  ['core (noble)', verifySignatureEntry],
  ['fast (node:crypto)', fastVerifySignatureEntry],
])('verifySignatureEntry, %s', (_, verify) => {
  it.each(v.valid)('$name verifies', (c) => expect(outcome(verify, c.entry)).toBe(true));
  it.each(v.wantFalse)('$name is false', (c) => {
    expect(outcome(verify, c.entry, c.claimDigest ? hexToBytes(c.claimDigest) : digest)).toBe(false);
  });
  it.each(v.wantErr)('$name throws $wantErr', (c) => expect(outcome(verify, c.entry)).toBe(`error:${c.wantErr}`));
  it('a digest that is not 32 bytes is input.invalid', () => {
    expect(outcome(verify, v.valid[0]?.entry, new Uint8Array(33))).toBe('error:input.invalid');
  });
});

describe('parseSignatureEntry', () => {
  it('reports every bad field path in one error', () => {
    const bad = { alg: 'ed25519', keyId: 'XYZ', publicKey: 'a=', role: 'boss', signedAt: -5, sig: 'x' };
    try {
      parseSignatureEntry(bad);
      expect.unreachable();
    } catch (e) {
      expect(isProvenantError(e, 'signature.malformed')).toBe(true);
      const paths = (e as { details: string[] }).details.map((d) => d.split(':')[0]);
      expect(new Set(paths)).toEqual(new Set(['signature.role', 'signature.signedAt']));
    }
  });
  it('checks alg-dependent fields once the simple fields are right', () => {
    const e0 = v.valid[0]?.entry as SignatureEntry;
    try {
      parseSignatureEntry({ ...e0, keyId: 'XYZ', publicKey: 'a=', sig: 'x' });
      expect.unreachable();
    } catch (e) {
      const paths = (e as { details: string[] }).details.map((d) => d.split(':')[0]);
      expect(new Set(paths)).toEqual(new Set(['signature.keyId', 'signature.publicKey', 'signature.sig']));
    }
  });
});
