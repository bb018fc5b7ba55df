import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import {
  decodeLeaf,
  encodeLeaf,
  isChecksumAddress,
  keyIdFromBytes,
  keyIdToBytes,
  LEAF_KINDS,
  LEAF_LENGTH,
  type LeafKind,
  type LogLeafFields,
  logLeafHash,
  revocationSubject,
  toChecksumAddress,
} from '../../core/log/index.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface LeafVectors {
  eip55: { valid: string[]; invalid: string[] };
  valid: { name: string; fields: LogLeafFields; hex: string; leafHash: string }[];
  decodeWantErr: { name: string; hex: string; code: string }[];
  encodeWantErr: { name: string; fields: LogLeafFields; code: string }[];
}
const v = loadVectors<LeafVectors>('log-leaf.json');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isProvenantError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('EIP-55 key ids', () => {
  it('accepts exactly the checksummed spellings of the EIP-55 test cases', () => {
    for (const a of v.eip55.valid) {
      expect(isChecksumAddress(a), a).toBe(true);
      expect(toChecksumAddress(a.toLowerCase())).toBe(a);
      expect(toChecksumAddress(a.toUpperCase().replace('0X', '0x'))).toBe(a);
    }
    for (const a of v.eip55.invalid) expect(isChecksumAddress(a), a).toBe(false);
  });

  it('key ids round-trip through 32 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (bytes, asAddress) => {
        if (asAddress) bytes.fill(0, 0, 12);
        else bytes[0] = bytes[0] || 1; // a SHA-256 id whose first byte is not 0
        const id = keyIdFromBytes(bytes);
        expect(id.startsWith('0x')).toBe(asAddress);
        expect(bytesToHex(keyIdToBytes(id))).toBe(bytesToHex(bytes));
      }),
    );
  });
});

describe('log leaf (vectors)', () => {
  it('encodes and decodes every valid case; the leaf hash is SHA-256(0x00 ‖ leaf)', () => {
    for (const c of v.valid) {
      const bytes = encodeLeaf(c.fields);
      expect(bytes.length).toBe(LEAF_LENGTH);
      expect(bytesToHex(bytes), c.name).toBe(c.hex);
      expect(decodeLeaf(hexToBytes(c.hex))).toEqual({ version: 1, ...c.fields });
      expect(bytesToHex(logLeafHash(bytes))).toBe(c.leafHash);
      expect(bytesToHex(logLeafHash(bytes))).toBe(
        createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest('hex'),
      );
    }
  });

  it('revocationSubject is the 32-byte key-id encoding in hex', () => {
    const rev = v.valid.find(
      (c) => c.fields.kind === 'revocation' && c.fields.subjectDigest.startsWith('0'.repeat(24)),
    );
    expect(rev).toBeDefined();
    expect(revocationSubject('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359')).toBe(rev?.fields.subjectDigest);
  });

  it('decodeWantErr and encodeWantErr cases throw their code', () => {
    for (const c of v.decodeWantErr)
      expect(
        codeOf(() => decodeLeaf(hexToBytes(c.hex))),
        c.name,
      ).toBe(c.code);
    for (const c of v.encodeWantErr)
      expect(
        codeOf(() => encodeLeaf(c.fields)),
        c.name,
      ).toBe(c.code);
    expect(codeOf(() => decodeLeaf('00' as never))).toBe('input.invalid');
    expect(codeOf(() => encodeLeaf(null as never))).toBe('input.invalid');
    expect(codeOf(() => encodeLeaf({ ...(v.valid[0]?.fields as LogLeafFields), kind: 'toString' as LeafKind }))).toBe(
      'input.invalid',
    );
    expect(codeOf(() => logLeafHash(new Uint8Array(105)))).toBe('input.invalid');
  });
});

describe('log leaf (properties)', () => {
  const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToHex);
  const fields = fc.record({
    kind: fc.constantFrom(...(Object.keys(LEAF_KINDS) as LeafKind[])),
    receivedAt: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    manifestDigest: hex32,
    subjectDigest: hex32,
    signer: fc.oneof(
      hex32.filter((h) => !h.startsWith('0'.repeat(24))),
      fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => toChecksumAddress(`0x${bytesToHex(b)}`)),
    ),
  });

  it('decode ∘ encode is the identity', () => {
    fc.assert(
      fc.property(fields, (f) => {
        expect(decodeLeaf(encodeLeaf(f))).toEqual({ version: 1, ...f });
      }),
    );
  });

  it('encode ∘ decode is the identity on every decodable record', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: LEAF_LENGTH, maxLength: LEAF_LENGTH }),
        fc.integer({ min: 1, max: 4 }),
        (bytes, kind) => {
          bytes[0] = 1;
          bytes[1] = kind;
          bytes[2] = 0; // receivedAt < 2^53
          bytes[3] = (bytes[3] as number) & 0x1f;
          expect(bytesToHex(encodeLeaf(decodeLeaf(bytes)))).toBe(bytesToHex(bytes));
        },
      ),
    );
  });
});
