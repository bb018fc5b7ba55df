import { describe, expect, it } from 'vitest';
import { evaluateCosigning, unexpectedSigners } from '../../core/manifest/cosigning.ts';

const k = (n: number) => n.toString(16).padStart(64, '0');
const addr = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

describe('evaluateCosigning', () => {
  const claim = { requiredSigners: { keys: [k(1), k(2), addr], threshold: 3 } };

  it('is partial until the threshold is met, and names who has not signed', () => {
    const e = evaluateCosigning(claim, [k(1), addr]);
    expect(e.code).toBe('cosign.partial');
    expect(e.kind).toBe('informational');
    expect(e.detail).toContain('2 of 3');
    expect(e.detail).toContain(k(2));
    expect(e.detail).not.toContain(k(1));
  });

  it('is complete at the threshold, in any order', () => {
    expect(evaluateCosigning(claim, [addr, k(2), k(1)]).code).toBe('cosign.complete');
    expect(evaluateCosigning({ requiredSigners: { keys: [k(1), k(2), k(3)], threshold: 2 } }, [k(3), k(1)]).code).toBe(
      'cosign.complete',
    );
  });

  it('counts a key once however often it appears, and ignores keys outside the list', () => {
    expect(evaluateCosigning(claim, [k(1), k(1), k(1), k(9)]).detail).toContain('1 of 3');
  });

  it('compares key ids exactly (an address in another case is another key id)', () => {
    expect(evaluateCosigning(claim, [k(1), k(2), addr.toLowerCase()]).code).toBe('cosign.partial');
  });

  it('says when nothing is required', () => {
    expect(evaluateCosigning({}, [k(1)]).code).toBe('cosign.notRequired');
  });

  it('lists valid signers outside the required list', () => {
    expect(unexpectedSigners(claim, [k(1), k(9), k(9), k(8)]).map((e) => [e.code, e.subject])).toEqual([
      ['cosign.unknownSigner', k(9)],
      ['cosign.unknownSigner', k(8)],
    ]);
    expect(unexpectedSigners({}, [k(9)])).toEqual([]);
  });
});
