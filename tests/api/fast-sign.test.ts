import fc from 'fast-check';
import { expect, it } from 'vitest';
import { fastEd25519Signer } from '../../api/fast-sign.ts';
import { keyFromSecret, signBytes } from '../../core/crypto/keys.ts';

it('node:crypto Ed25519 signing equals core signBytes (deterministic RFC 8032)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), (seed, message) => {
      expect(fastEd25519Signer(seed)(message)).toEqual(signBytes(keyFromSecret('ed25519', seed), message));
    }),
    { numRuns: 200 },
  );
});
