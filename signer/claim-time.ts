/** A claim's createdAt from the signer's clock, refused when the clock gives a time no claim can carry. */
import { ProvenantError } from '../core/errors.ts';
import { MAX_TIME_MS } from '../core/manifest/formats.ts';

export function claimTime(now: () => number): number {
  const createdAt = now();
  if (!Number.isSafeInteger(createdAt) || createdAt < 0 || createdAt > MAX_TIME_MS) {
    throw new ProvenantError('input.invalid', 'the clock gives an impossible time');
  }
  return createdAt;
}
