import { describe, expect, it } from 'vitest';
import { DIMENSIONS, isStatusCode, STATUS_CODES, type StatusCode } from '../../core/report/codes.ts';
import { StatusEntrySchema, status } from '../../core/report/entry.ts';
import { buildReport, ReportBuilder, summarise, worstKind } from '../../core/report/report.ts';
import { deriveState, PARTIAL_CODES, type ReportState } from '../../core/report/state.ts';

const codes = (...cs: StatusCode[]) => cs.map((c) => status(c));

describe('STATUS_CODES', () => {
  const all = Object.keys(STATUS_CODES) as StatusCode[];

  it('codes are stable dotted names', () => {
    for (const c of all) expect(c).toMatch(/^[a-z]+(?:\.[a-z][A-Za-z]*)+$/);
  });

  it('every policy code is a transforms code, and only .ok codes succeed', () => {
    for (const c of all.filter((x) => x.startsWith('policy.'))) {
      expect(STATUS_CODES[c].dimension).toBe('transforms');
      expect(STATUS_CODES[c].kind).toBe(c.endsWith('.ok') ? 'success' : 'failure');
    }
  });

  it('untrusted, partial and neutral outcomes are never failures', () => {
    const neutral: StatusCode[] = [
      'identity.untrusted',
      'identity.unknownKey',
      'identity.revokedAfterLogging',
      'provenance.none',
      'anchor.notChecked',
      ...PARTIAL_CODES,
    ];
    for (const c of neutral) expect(STATUS_CODES[c].kind).toBe('informational');
  });

  it('has the codes the brief names', () => {
    for (const c of [
      'claim.valid',
      'claim.malformed',
      'binding.file.match',
      'binding.file.mismatch',
      'binding.pixels.match',
      'binding.pixels.mismatch',
      'binding.fingerprint.close',
      'binding.fingerprint.far',
      'signature.valid',
      'signature.invalid',
      'signature.keyMismatch',
      'identity.trusted',
      'identity.untrusted',
      'identity.revoked',
      'identity.revokedAfterLogging',
      'identity.unknownKey',
      'cosign.complete',
      'cosign.partial',
      'cosign.unknownSigner',
      'transform.replay.consistent',
      'transform.replay.inconsistent',
      'transform.parent.missing',
      'transform.chain.broken',
      'policy.crop.ok',
      'policy.crop.tooSmall',
      'policy.crop.outOfBounds',
      'policy.resize.tooSmall',
      'policy.color.outOfRange',
      'policy.op.forbidden',
      'policy.encode.qualityTooLow',
      'policy.encode.formatForbidden',
      'policy.redact.tooLarge',
      'policy.trim.ok',
      'clip.exact',
      'clip.consistent',
      'clip.mismatch',
      'quote.exact',
      'quote.mismatch',
      'quote.proof.invalid',
      'anchor.included',
      'anchor.pending',
      'anchor.finalized',
      'anchor.notChecked',
      'anchor.proof.invalid',
      'anchor.checkpoint.unauthenticated',
      'provenance.none',
    ]) {
      expect(isStatusCode(c), c).toBe(true);
    }
    expect(isStatusCode('signature.Valid')).toBe(false);
    expect(isStatusCode('toString')).toBe(false);
  });

  it('no summary calls content true or fake', () => {
    for (const c of all) expect(STATUS_CODES[c].summary).not.toMatch(/\b(true|fake|genuine|authentic)\b/i);
  });
});

describe('status entries', () => {
  it('take kind and dimension from the table', () => {
    const e = status('cosign.partial', { detail: '1 of 3', subject: 'abc' });
    expect(e).toEqual({
      code: 'cosign.partial',
      kind: 'informational',
      dimension: 'cosigning',
      detail: '1 of 3',
      subject: 'abc',
    });
    expect(status('claim.valid')).toEqual({ code: 'claim.valid', kind: 'success', dimension: 'integrity' });
  });

  it('parse from JSON only when they agree with the table', () => {
    expect(StatusEntrySchema.safeParse(status('signature.invalid')).success).toBe(true);
    expect(StatusEntrySchema.safeParse({ ...status('signature.invalid'), kind: 'informational' }).success).toBe(false);
    expect(StatusEntrySchema.safeParse({ ...status('signature.invalid'), dimension: 'identity' }).success).toBe(false);
    expect(
      StatusEntrySchema.safeParse({ code: 'signature.maybe', kind: 'success', dimension: 'signatures' }).success,
    ).toBe(false);
    expect(StatusEntrySchema.safeParse({ ...status('claim.valid'), extra: 1 }).success).toBe(false);
  });
});

describe('deriveState', () => {
  // The derivation table of core/report/state.ts, one row per rule and per precedence between rules.
  const table: Array<[string, StatusCode[], ReportState]> = [
    ['nothing checked', [], 'no-provenance'],
    ['no provenance found', ['provenance.none'], 'no-provenance'],
    ['well-formed claim, no valid signature', ['claim.valid', 'binding.file.match'], 'no-provenance'],
    [
      'trusted, complete, finalized',
      [
        'claim.valid',
        'binding.file.match',
        'signature.valid',
        'identity.trusted',
        'cosign.complete',
        'anchor.finalized',
      ],
      'valid',
    ],
    [
      'trusted, nothing pending (cosigning not required, anchoring not checked)',
      ['signature.valid', 'identity.trusted', 'cosign.notRequired', 'anchor.notChecked'],
      'valid',
    ],
    [
      'key revoked after logging keeps its history',
      ['signature.valid', 'identity.trusted', 'identity.revokedAfterLogging'],
      'valid',
    ],
    ['untrusted signer', ['claim.valid', 'signature.valid', 'identity.untrusted'], 'valid-untrusted'],
    ['unknown key', ['signature.valid', 'identity.unknownKey'], 'valid-untrusted'],
    ['identity not checked', ['signature.valid'], 'valid-untrusted'],
    [
      'one trusted signer among untrusted co-signers',
      ['signature.valid', 'signature.valid', 'identity.trusted', 'identity.untrusted'],
      'valid',
    ],
    ['untrusted wins over partial', ['signature.valid', 'identity.untrusted', 'cosign.partial'], 'valid-untrusted'],
    ['partial co-signing', ['signature.valid', 'identity.trusted', 'cosign.partial'], 'valid-partial'],
    ['anchoring pending', ['signature.valid', 'identity.trusted', 'anchor.pending'], 'valid-partial'],
    ['perceptual binding only', ['signature.valid', 'identity.trusted', 'binding.fingerprint.close'], 'valid-partial'],
    ['clip consistent, not exact', ['signature.valid', 'identity.trusted', 'clip.consistent'], 'valid-partial'],
    ['quote close, not exact', ['signature.valid', 'identity.trusted', 'quote.close'], 'valid-partial'],
    [
      'derivative not replayed',
      ['signature.valid', 'identity.trusted', 'policy.crop.ok', 'transform.replay.skipped'],
      'valid-partial',
    ],
    ['any failure is invalid', ['signature.valid', 'identity.trusted', 'signature.invalid'], 'invalid'],
    ['failure wins over no-provenance', ['claim.malformed'], 'invalid'],
    ['failure wins over untrusted', ['signature.valid', 'identity.untrusted', 'policy.crop.tooSmall'], 'invalid'],
    ['revoked key', ['signature.valid', 'identity.revoked'], 'invalid'],
    ['pixels differ', ['signature.valid', 'identity.trusted', 'binding.pixels.mismatch'], 'invalid'],
    ['broken anchor proof', ['signature.valid', 'identity.trusted', 'anchor.proof.invalid'], 'invalid'],
  ];

  for (const [name, cs, want] of table) {
    it(`${name} → ${want}`, () => {
      expect(deriveState(codes(...cs))).toBe(want);
      expect(buildReport(codes(...cs)).state).toBe(want);
    });
  }

  it('the order of entries does not matter', () => {
    for (const [, cs, want] of table) expect(deriveState(codes(...cs).reverse())).toBe(want);
  });
});

describe('ReportBuilder and summarise', () => {
  it('collects entries in order and derives the state', () => {
    const report = new ReportBuilder()
      .add('claim.valid')
      .add('signature.valid', { subject: 'k1' })
      .addEntries([status('identity.trusted', { subject: 'k1' }), status('cosign.partial', { detail: '1 of 2' })])
      .build();
    expect(report.state).toBe('valid-partial');
    expect(report.entries.map((e) => e.code)).toEqual([
      'claim.valid',
      'signature.valid',
      'identity.trusted',
      'cosign.partial',
    ]);
    expect(Object.isFrozen(report.entries)).toBe(true);
  });

  it('gives the worst kind per dimension and null for unchecked dimensions', () => {
    const report = buildReport(
      codes(
        'claim.valid',
        'binding.file.match',
        'signature.valid',
        'signature.invalid',
        'identity.untrusted',
        'anchor.included',
        'anchor.pending',
      ),
    );
    expect(summarise(report)).toEqual({
      integrity: 'success',
      signatures: 'failure',
      identity: 'informational',
      transforms: null,
      cosigning: null,
      anchoring: 'informational',
      quote: null,
    });
    expect(Object.keys(summarise(report)).sort()).toEqual([...DIMENSIONS].sort());
  });

  it('orders kinds success < informational < failure', () => {
    expect(worstKind([])).toBeNull();
    expect(worstKind(['success', 'informational', 'success'])).toBe('informational');
    expect(worstKind(['failure', 'informational'])).toBe('failure');
  });
});
