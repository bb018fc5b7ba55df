/** The extension's copy of the photo comparison must answer exactly like the signer's calibrated one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePhotos } from '../../signer/media/similarity.ts';
import { comparePhoto } from '../../verifier-extension/src/verify/photo-compare.ts';

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const side = fc.record({
  fingerprints: fc.record({ pdq: hex(64), phash: hex(16) }),
  width: fc.integer({ min: 1, max: 4000 }),
  height: fc.integer({ min: 1, max: 4000 }),
});

describe('comparePhoto', () => {
  it('agrees with signer/media/similarity.ts comparePhotos on close, decidable and distances', () => {
    fc.assert(
      fc.property(side, side, fc.integer({ min: 0, max: 100 }), fc.boolean(), (a, b, pdqQuality, near) => {
        // Half the cases use a near copy so that "close" answers are exercised too.
        const shown = near ? { ...a, width: a.width, height: a.height } : b;
        const mine = comparePhoto(a, { ...shown, pdqQuality });
        const theirs = comparePhotos(a, { ...shown, pdqQuality });
        expect(mine).toEqual({
          close: theirs.close,
          decidable: theirs.decidable,
          pdqBits: theirs.pdqBits,
          phashBits: theirs.phashBits,
        });
      }),
      { numRuns: 500 },
    );
  });
});
