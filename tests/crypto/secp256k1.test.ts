/** secp256k1 with EIP-191 personal_sign: published wallet vectors, addresses, EIP-55, strict rejections. */
import { getAddress, hashMessage, Wallet } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastVerifyBytes } from '../../api/crypto/fast-verify.ts';
import { bytesToHex, hexToBytes, utf8 } from '../../core/bytes.ts';
import { ethereumAddress, isChecksumAddress, toChecksumAddress } from '../../core/crypto/ethereum-address.ts';
import { keyFromSecret, keyIdOf, signBytes, verifyBytes } from '../../core/crypto/keys.ts';
import { eip191Hash, recoverPersonalSign } from '../../core/crypto/secp256k1.ts';
import { isProvenantError } from '../../core/errors.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface Case {
  name: string;
  publicKey: string;
  message: string;
  signature: string;
  wantErr?: string;
}
interface PersonalSign {
  valid: (Case & { secretKey: string; address: string; text: string; eip191Hash: string })[];
  wantFalse: Case[];
  wantErr: Case[];
}
interface Addresses {
  checksummed: string[];
  notChecksummed: { name: string; address: string }[];
  derivation: { name: string; secretKey: string; publicKey: string; uncompressedPublicKey: string; address: string }[];
}
const ps = loadVectors<PersonalSign>('eip191-personal-sign.json');
const addr = loadVectors<Addresses>('eip191-addresses.json');

function outcome(verify: typeof verifyBytes, c: Case): boolean | string {
  try {
    return verify('secp256k1', hexToBytes(c.publicKey), hexToBytes(c.message), hexToBytes(c.signature));
  } catch (e) {
    if (isProvenantError(e)) return `error:${e.code}`;
    throw e;
  }
}

describe('EIP-191 personal_sign', () => {
  it.each(ps.valid)('$name: hash, signature and key id reproduce', (c) => {
    expect(bytesToHex(eip191Hash(utf8(c.text)))).toBe(c.eip191Hash);
    const key = keyFromSecret('secp256k1', hexToBytes(c.secretKey));
    expect(bytesToHex(key.publicKey)).toBe(c.publicKey);
    expect(key.keyId).toBe(c.address);
    expect(bytesToHex(signBytes(key, hexToBytes(c.message)))).toBe(c.signature);
    expect(bytesToHex(recoverPersonalSign(hexToBytes(c.message), hexToBytes(c.signature)) as Uint8Array)).toBe(
      c.publicKey,
    );
  });

  describe.each([
    ['core', verifyBytes],
    ['fast', fastVerifyBytes],
  ])('verification, %s', (_, verify) => {
    it.each(ps.valid)('$name verifies', (c) => expect(outcome(verify, c)).toBe(true));
    it.each(ps.wantFalse)('$name is false', (c) => expect(outcome(verify, c)).toBe(false));
    it.each(ps.wantErr)('$name throws $wantErr', (c) => expect(outcome(verify, c)).toBe(`error:${c.wantErr}`));
  });

  it('signatures match ethers for random keys and messages (second implementation)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string({ maxLength: 80 }), (seed, text) => {
        seed[0] = (seed[0] as number) & 0x7f; // stay below n
        seed[31] = (seed[31] as number) | 1; // and above 0
        const key = keyFromSecret('secp256k1', seed);
        const wallet = new Wallet(`0x${bytesToHex(seed)}`);
        expect(key.keyId).toBe(wallet.address);
        const sig = signBytes(key, utf8(text));
        expect(`0x${bytesToHex(sig)}`).toBe(wallet.signMessageSync(text));
        expect(`0x${bytesToHex(eip191Hash(utf8(text)))}`).toBe(hashMessage(text));
      }),
      { numRuns: 25 },
    );
  });
});

describe('Ethereum addresses and EIP-55', () => {
  it.each(addr.checksummed)('%s is its own EIP-55 spelling', (a) => {
    expect(toChecksumAddress(a.toLowerCase())).toBe(a);
    expect(toChecksumAddress(a)).toBe(a);
    expect(isChecksumAddress(a)).toBe(true);
  });
  it.each(addr.notChecksummed)('$name is not a key id spelling', ({ address }) => {
    expect(isChecksumAddress(address)).toBe(false);
  });
  it.each(addr.derivation)('$name: address from the public key', (d) => {
    const key = keyFromSecret('secp256k1', hexToBytes(d.secretKey));
    expect(bytesToHex(key.publicKey)).toBe(d.publicKey);
    expect(ethereumAddress(hexToBytes(d.uncompressedPublicKey))).toBe(d.address);
    expect(keyIdOf('secp256k1', hexToBytes(d.publicKey))).toBe(d.address);
  });
  it('agrees with ethers.getAddress on random addresses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const lower = `0x${bytesToHex(bytes)}`;
        expect(toChecksumAddress(lower)).toBe(getAddress(lower));
      }),
    );
  });
  it('rejects non-addresses with encoding.invalid', () => {
    expect(() => toChecksumAddress('0x1234')).toThrow(expect.objectContaining({ code: 'encoding.invalid' }));
  });
});
