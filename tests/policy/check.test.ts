import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import type { Recipe } from '../../core/manifest/recipe.ts';
import { checkRecipe, checkRecipeChain, type SourceMedia } from '../../core/policy/check.ts';
import { isPolicyPresetName, POLICY_PRESETS } from '../../core/policy/presets.ts';
import type { TransformPolicy } from '../../core/policy/schema.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface PolicyCase {
  name: string;
  policy: string | TransformPolicy;
  media: SourceMedia;
  recipe?: Recipe;
  chain?: Recipe[];
  want?: string[];
  subjects?: string[];
  code?: string;
}

interface PolicyVectors {
  cases: PolicyCase[];
  chains: PolicyCase[];
  wantErr: PolicyCase[];
}

function resolvePolicy(p: string | TransformPolicy): TransformPolicy {
  if (typeof p !== 'string') return p;
  if (!isPolicyPresetName(p)) throw new Error(`unknown preset ${p}`);
  return POLICY_PRESETS[p] as TransformPolicy;
}

for (const file of ['policy-image.json', 'policy-timed.json']) {
  const vectors = loadVectors<PolicyVectors>(file);

  describe(file, () => {
    for (const v of vectors.cases) {
      it(v.name, () => {
        const entries = checkRecipe(resolvePolicy(v.policy), v.recipe as Recipe, v.media);
        expect(entries.map((e) => e.code)).toEqual(v.want);
        expect(entries.every((e) => e.dimension === 'transforms')).toBe(true);
        expect(entries.map((e) => e.subject)).toEqual((v.recipe as Recipe).map((_, i) => `recipe/${i}`));
      });
    }

    for (const v of vectors.chains) {
      it(v.name, () => {
        const entries = checkRecipeChain(resolvePolicy(v.policy), v.chain as Recipe[], v.media);
        expect(entries.map((e) => e.code)).toEqual(v.want);
        expect(entries.map((e) => e.subject)).toEqual(v.subjects);
      });
    }

    for (const v of vectors.wantErr) {
      it(`rejects ${v.name}`, () => {
        let caught: unknown;
        try {
          checkRecipe(resolvePolicy(v.policy), v.recipe as Recipe, v.media);
        } catch (e) {
          caught = e;
        }
        expect(isProvenantError(caught) ? caught.code : caught).toBe(v.code);
      });
    }
  });
}

describe('checkRecipe', () => {
  const photo = { width: 4000, height: 3000 };

  it('a chain of one recipe gives the same codes as checkRecipe', () => {
    const recipe: Recipe = [
      { op: 'crop', x: 10, y: 10, w: 3000, h: 2000 },
      { op: 'adjust', brightness: 0.9, contrast: 1.1, saturation: 1 },
      { op: 'encode', format: 'jpeg', quality: 90 },
    ];
    const policy = POLICY_PRESETS['news-strict'] as TransformPolicy;
    expect(checkRecipeChain(policy, [recipe], photo).map((e) => e.code)).toEqual(
      checkRecipe(policy, recipe, photo).map((e) => e.code),
    );
  });

  it('splitting a recipe into a chain does not change the verdicts', () => {
    const recipe: Recipe = [
      { op: 'orient', rot90: 90 },
      { op: 'crop', x: 100, y: 200, w: 2500, h: 3000 },
      { op: 'resize', w: 1250, h: 1500 },
      { op: 'redact', x: 0, y: 0, w: 300, h: 300 },
      { op: 'crop', x: 0, y: 0, w: 1000, h: 1500 },
      { op: 'encode', format: 'webp', quality: 80 },
    ];
    const policy = POLICY_PRESETS['news-standard'] as TransformPolicy;
    const whole = checkRecipe(policy, recipe, photo).map((e) => e.code);
    for (let cut = 1; cut < recipe.length; cut++) {
      const chained = checkRecipeChain(policy, [recipe.slice(0, cut), recipe.slice(cut)], photo).map((e) => e.code);
      expect(chained).toEqual(whole);
    }
  });

  it('a 180° turn or a mirror keeps the crop fraction', () => {
    const policy: TransformPolicy = { crop: { minAreaFrac: 0.5 }, orient: { rot90: true, flip: true } };
    for (const orient of [
      { op: 'orient', rot90: 180 },
      { op: 'orient', rot90: 0, flipH: true },
      { op: 'orient', rot90: 90, flipH: true },
    ] as const) {
      const codes = checkRecipe(policy, [orient, { op: 'crop', x: 1, y: 1, w: 1999, h: 2999 }], {
        width: 3000,
        height: 4000,
      }).map((e) => e.code);
      // 1999 × 2999 of 12e6 ≈ 0.4996 < 0.5 whatever the orientation.
      expect(codes).toEqual(['policy.orient.ok', 'policy.crop.tooSmall']);
    }
  });

  it('does not let mutating the returned entries or a preset change later results', () => {
    expect(Object.isFrozen(POLICY_PRESETS['news-strict'].crop)).toBe(true);
    const a = checkRecipe(POLICY_PRESETS['news-strict'] as TransformPolicy, [{ op: 'resize', w: 800, h: 600 }], photo);
    expect(a.map((e) => e.code)).toEqual(['policy.resize.ok']);
  });
});
