import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8 } from '../../core/bytes.ts';
import { canonicalBytes, canonicalJson, parseCanonical } from '../../core/canonical.ts';
import { isProvenantError } from '../../core/errors.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface JcsVectors {
  canonical: Array<{ name: string; input: string; output?: string; outputHex?: string; keyOrder?: string[] }>;
  numbers: Array<[string, string]>;
  wantErr: Array<{ name: string; ieeeHex?: string; jsonText?: string; code: string }>;
  nonCanonical: Array<{ name: string; text: string }>;
}

const vectors = loadVectors<JcsVectors>('rfc8785-jcs.json');

function doubleFromHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(isProvenantError(e) ? e.code : e).toBe(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

describe('RFC 8785 canonical JSON', () => {
  for (const v of vectors.canonical) {
    it(v.name, () => {
      const out = canonicalJson(JSON.parse(v.input));
      if (v.outputHex) expect(bytesToHex(utf8(out))).toBe(v.outputHex);
      if (v.output) expect(out).toBe(v.output);
      if (v.keyOrder) {
        // Object.keys would list integer-like keys first, so read the order off the text.
        const positions = v.keyOrder.map((k) => out.indexOf(`${JSON.stringify(k)}:`));
        expect(positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] as number)))).toBe(true);
      }
      // Canonical output is a fixed point.
      expect(canonicalJson(JSON.parse(out))).toBe(out);
    });
  }

  it.each(vectors.numbers)('number %s serialises as %s', (hex, expected) => {
    expect(canonicalJson(doubleFromHex(hex))).toBe(expected);
  });

  for (const v of vectors.wantErr) {
    it(`rejects ${v.name}`, () => {
      const value = v.ieeeHex ? { n: doubleFromHex(v.ieeeHex) } : JSON.parse(v.jsonText ?? 'null');
      expectCode(() => canonicalJson(value), v.code);
    });
  }

  for (const v of vectors.nonCanonical) {
    it(`parseCanonical rejects ${v.name}`, () => {
      expectCode(() => parseCanonical(utf8(v.text)), 'json.nonCanonical');
    });
  }

  it('rejects values with no JSON form', () => {
    expectCode(() => canonicalJson({ a: undefined }), 'json.invalid');
    expectCode(() => canonicalJson({ a: 1n }), 'json.invalid');
    expectCode(() => canonicalJson(new Date(0)), 'json.invalid');
    expectCode(() => canonicalJson({ f: () => 1 }), 'json.invalid');
  });

  it('rejects nesting deeper than the bound instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expectCode(() => canonicalJson(deep), 'json.invalid');
  });

  it('rejects oversized and non-UTF-8 input', () => {
    expectCode(() => parseCanonical(new Uint8Array(100), 10), 'input.tooLarge');
    expectCode(() => parseCanonical(Uint8Array.of(0x22, 0xff, 0x22)), 'encoding.invalid');
    expectCode(() => parseCanonical(utf8('{"a":')), 'json.invalid');
  });

  it('round trips: parse(canonical(x)) canonicalises to the same bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        // -0 has no JSON spelling of its own: JCS writes it as 0.
        const bytes = canonicalBytes(value);
        const reparsed = parseCanonical(bytes);
        expect(canonicalBytes(reparsed)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('is independent of member order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});
