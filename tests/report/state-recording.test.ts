import { describe, expect, it } from 'vitest';
import { status } from '../../core/report/entry.ts';
import { deriveState, PARTIAL_CODES } from '../../core/report/state.ts';

describe('a transcript whose recording was not available', () => {
  it('is partial, not fully valid, even with a trusted signer', () => {
    expect(PARTIAL_CODES).toContain('binding.recording.missing');
    const trusted = [status('signature.valid'), status('identity.trusted')];
    expect(deriveState([...trusted, status('binding.recording.ok')])).toBe('valid');
    expect(deriveState([...trusted, status('binding.recording.missing')])).toBe('valid-partial');
  });

  it('stays below a failure and an untrusted signer in the order of rules', () => {
    const missing = status('binding.recording.missing');
    expect(deriveState([status('signature.valid'), missing])).toBe('valid-untrusted');
    expect(
      deriveState([
        status('signature.valid'),
        status('identity.trusted'),
        missing,
        status('binding.recording.invalid'),
      ]),
    ).toBe('invalid');
  });
});
