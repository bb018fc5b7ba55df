/**
 * Checks a derivative's recipe against the ORIGINAL capture's allowed-transform policy, one status entry
 * per op. Effects are cumulative and measured against the original: successive crops compose (area as a
 * fraction of the original), colour multipliers compose multiplicatively, geometry is tracked through
 * orient and resize, and a chain of derivatives is checked as one long recipe (checkRecipeChain).
 */
import * as z from 'zod';
import { ProvenantError } from '../errors.ts';
import { intIn } from '../manifest/formats.ts';
import { type Op, type Recipe, RecipeSchema } from '../manifest/recipe.ts';
import type { StatusCode } from '../report/codes.ts';
import { type StatusEntry, status } from '../report/entry.ts';
import { ImageGeometry, intersectRects, type Rect, rectArea } from './geometry.ts';
import { type TransformPolicy, TransformPolicySchema } from './schema.ts';

/** The original capture's dimensions. width = height = 0 means no picture (audio). */
export interface SourceMedia {
  width: number;
  height: number;
  durationMs?: number;
  packetCount?: number;
}

const SourceMediaSchema = z.strictObject({
  width: intIn(0, 65_535),
  height: intIn(0, 65_535),
  durationMs: intIn(0, 7 * 24 * 3600 * 1000).optional(),
  packetCount: intIn(0, 2 ** 32).optional(),
});

/**
 * Slack for floating-point rounding in fractions and ratios (relative). Far below one pixel of any real
 * image, so it never turns a real violation into a pass.
 */
const EPS = 1e-9;

const atLeast = (value: number, min: number): boolean => value >= min * (1 - EPS);
const atMost = (value: number, max: number): boolean => value <= max * (1 + EPS);

const POLICY_KEY = {
  crop: 'crop',
  orient: 'orient',
  adjust: 'color',
  resize: 'resize',
  redact: 'redact',
  encode: 'reencode',
  trim: 'trim',
  transcode: 'transcode',
} as const satisfies Record<Op['op'], keyof TransformPolicy>;

type Verdict = readonly [StatusCode, string | undefined];

interface PendingRedact {
  readonly position: number;
  readonly subject: string;
  readonly rect: Rect;
}

/** Mutable state while one policy is applied across a chain of recipes. */
class RecipeChecker {
  readonly #policy: TransformPolicy;
  readonly #source: SourceMedia;
  readonly #geometry: ImageGeometry | null;
  readonly #color = { brightness: 1, contrast: 1, saturation: 1 };
  /** The current trim in the original's packets and timeline. */
  #trim: { startPacket: number; endPacket: number; t0Ms: number; t1Ms: number } | null = null;
  #transcoded = false;
  readonly #entries: (StatusEntry | null)[] = [];
  readonly #redactions: PendingRedact[] = [];

  constructor(policy: TransformPolicy, source: SourceMedia) {
    this.#policy = policy;
    this.#source = source;
    this.#geometry = source.width > 0 && source.height > 0 ? new ImageGeometry(source.width, source.height) : null;
  }

  apply(op: Op, subject: string): void {
    const judged = this.#judge(op, subject);
    if (judged === 'deferred') return;
    const [code, detail] = judged;
    this.#entries.push(status(code, detail === undefined ? { subject } : { subject, detail }));
  }

  /** Updates the tracked state for `op` and judges it; redactions are judged in finish(). */
  #judge(op: Op, subject: string): Verdict | 'deferred' {
    const verdict = (code: StatusCode, detail?: string): Verdict => [code, detail];
    const key = POLICY_KEY[op.op];
    const allowed = this.#policy[key] !== undefined;
    const g = this.#geometry;

    switch (op.op) {
      case 'crop': {
        if (g === null) return verdict('policy.op.forbidden', 'crop needs a picture');
        const inside = g.contains(op.x, op.y, op.w, op.h);
        this.#cropClamped(g, op);
        const policy = this.#policy.crop;
        if (policy === undefined) return verdict('policy.op.forbidden', 'crop is not allowed by the policy');
        if (!inside) return verdict('policy.crop.outOfBounds');
        const region = g.visibleRegion();
        const frac = rectArea(region) / g.originalArea;
        if (!atLeast(frac, policy.minAreaFrac)) {
          return verdict(
            'policy.crop.tooSmall',
            `keeps ${fmt(frac)} of the original area, policy needs ${policy.minAreaFrac}`,
          );
        }
        if (policy.aspect !== undefined) {
          const ratio = (region.x1 - region.x0) / (region.y1 - region.y0);
          const [lo, hi] = policy.aspect;
          if (!atLeast(ratio, lo) || !atMost(ratio, hi)) {
            return verdict('policy.crop.aspectOutOfRange', `aspect ${fmt(ratio)} outside [${lo}, ${hi}]`);
          }
        }
        return verdict('policy.crop.ok', `keeps ${fmt(frac)} of the original area`);
      }
      case 'orient': {
        if (g === null) return verdict('policy.op.forbidden', 'orient needs a picture');
        g.orient(op.rot90, op.flipH === true);
        const policy = this.#policy.orient;
        if (policy === undefined) return verdict('policy.op.forbidden', 'orient is not allowed by the policy');
        if (op.rot90 !== 0 && !policy.rot90) return verdict('policy.orient.rotationForbidden');
        if (op.flipH === true && policy.flip !== true) return verdict('policy.orient.flipForbidden');
        return verdict('policy.orient.ok');
      }
      case 'adjust': {
        if (g === null) return verdict('policy.op.forbidden', 'adjust needs a picture');
        // Multipliers compose; checking after every op also catches a clipping excursion undone later.
        this.#color.brightness *= op.brightness;
        this.#color.contrast *= op.contrast;
        this.#color.saturation *= op.saturation;
        const policy = this.#policy.color;
        if (policy === undefined)
          return verdict('policy.op.forbidden', 'colour adjustment is not allowed by the policy');
        const outside = (['brightness', 'contrast', 'saturation'] as const).filter((k) => {
          const [lo, hi] = policy[k];
          return !atLeast(this.#color[k], lo) || !atMost(this.#color[k], hi);
        });
        if (outside.length > 0) {
          return verdict(
            'policy.color.outOfRange',
            outside.map((k) => `cumulative ${k} ×${fmt(this.#color[k])} outside [${policy[k].join(', ')}]`).join('; '),
          );
        }
        return verdict('policy.color.ok');
      }
      case 'resize': {
        if (g === null) return verdict('policy.op.forbidden', 'resize needs a picture');
        const before = { w: g.width, h: g.height };
        g.resize(op.w, op.h);
        const policy = this.#policy.resize;
        if (policy === undefined) return verdict('policy.op.forbidden', 'resize is not allowed by the policy');
        // Rounding each edge of a uniform scale moves w·H − h·W by at most (W + H)/2.
        if (2 * Math.abs(op.w * before.h - op.h * before.w) > before.w + before.h) {
          return verdict('policy.resize.aspectChanged', `${before.w}×${before.h} → ${op.w}×${op.h}`);
        }
        const longEdge = Math.max(op.w, op.h);
        const floor = Math.min(policy.minLongEdge, Math.max(before.w, before.h));
        if (longEdge < floor) return verdict('policy.resize.tooSmall', `long edge ${longEdge} < ${floor}`);
        return verdict('policy.resize.ok');
      }
      case 'redact': {
        if (g === null) return verdict('policy.op.forbidden', 'redact needs a picture');
        if (!allowed) return verdict('policy.op.forbidden', 'redaction is not allowed by the policy');
        if (!g.contains(op.x, op.y, op.w, op.h)) return verdict('policy.redact.outOfBounds');
        // Judged once the whole chain is known: a later crop can make a redaction a larger share of what is shown.
        this.#redactions.push({
          position: this.#entries.length,
          subject,
          rect: g.toOriginalRect(op.x, op.y, op.w, op.h),
        });
        this.#entries.push(null);
        return 'deferred';
      }
      case 'encode': {
        if (g === null) return verdict('policy.op.forbidden', 'image encoding needs a picture');
        const policy = this.#policy.reencode;
        if (policy === undefined) return verdict('policy.op.forbidden', 're-encoding is not allowed by the policy');
        if (!policy.formats.includes(op.format)) return verdict('policy.encode.formatForbidden', op.format);
        if (op.quality !== undefined && op.quality < policy.minQuality) {
          return verdict('policy.encode.qualityTooLow', `quality ${op.quality} < ${policy.minQuality}`);
        }
        return verdict('policy.encode.ok');
      }
      case 'trim': {
        const policy = this.#policy.trim;
        const duration = this.#source.durationMs;
        if (duration === undefined) return verdict('policy.op.forbidden', 'trim needs a timeline');
        if (policy === undefined) return verdict('policy.op.forbidden', 'trim is not allowed by the policy');
        if (this.#transcoded) return verdict('policy.trim.afterTranscode');
        const outer = this.#trim ?? {
          startPacket: 0,
          endPacket: this.#source.packetCount ?? Number.POSITIVE_INFINITY,
          t0Ms: 0,
          t1Ms: duration,
        };
        const nested =
          op.startPacket >= outer.startPacket &&
          op.endPacket <= outer.endPacket &&
          op.t0Ms >= outer.t0Ms &&
          op.t1Ms <= outer.t1Ms;
        if (!nested) return verdict('policy.trim.outOfBounds');
        this.#trim = { startPacket: op.startPacket, endPacket: op.endPacket, t0Ms: op.t0Ms, t1Ms: op.t1Ms };
        const length = op.t1Ms - op.t0Ms;
        if (policy.minDurationMs !== undefined && length < policy.minDurationMs) {
          return verdict('policy.trim.tooShort', `${length} ms < ${policy.minDurationMs} ms`);
        }
        return verdict('policy.trim.ok');
      }
      case 'transcode': {
        const policy = this.#policy.transcode;
        if (this.#source.durationMs === undefined) return verdict('policy.op.forbidden', 'transcode needs a timeline');
        this.#transcoded = true;
        if (policy === undefined) return verdict('policy.op.forbidden', 'transcoding is not allowed by the policy');
        if (!policy.codecs.includes(op.codec)) return verdict('policy.transcode.codecForbidden', op.codec);
        if (policy.minBitrate !== undefined && (op.bitrate === undefined || op.bitrate < policy.minBitrate)) {
          return verdict('policy.transcode.bitrateTooLow', `${op.bitrate ?? 'unstated'} < ${policy.minBitrate} bit/s`);
        }
        return verdict('policy.transcode.ok');
      }
    }
  }

  /** Out-of-bounds crops are already a failure; clamping keeps the later entries meaningful. */
  #cropClamped(g: ImageGeometry, op: { x: number; y: number; w: number; h: number }): void {
    const x0 = Math.min(op.x, g.width);
    const y0 = Math.min(op.y, g.height);
    const x1 = Math.min(op.x + op.w, g.width);
    const y1 = Math.min(op.y + op.h, g.height);
    if (x1 > x0 && y1 > y0) g.crop(x0, y0, x1 - x0, y1 - y0);
  }

  finish(): StatusEntry[] {
    const g = this.#geometry;
    const max = this.#policy.redact?.maxAreaFrac;
    if (g !== null && max !== undefined && this.#redactions.length > 0) {
      const visible = g.visibleRegion();
      const visibleArea = rectArea(visible);
      // Overlapping redactions are counted twice: a conservative upper bound, kept simple on purpose.
      let redacted = 0;
      for (const r of this.#redactions) {
        const shown = intersectRects(r.rect, visible);
        redacted += shown === null ? 0 : rectArea(shown);
        const frac = redacted / visibleArea;
        const detail = `redactions cover ${fmt(frac)} of the final visible area, policy allows ${max}`;
        this.#entries[r.position] = status(atMost(frac, max) ? 'policy.redact.ok' : 'policy.redact.tooLarge', {
          subject: r.subject,
          detail,
        });
      }
    }
    return this.#entries.filter((e): e is StatusEntry => e !== null);
  }
}

function fmt(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

function validate(policy: unknown, recipes: readonly unknown[], source: unknown) {
  const p = TransformPolicySchema.safeParse(policy);
  if (!p.success) throw new ProvenantError('input.invalid', 'malformed transform policy', { cause: p.error });
  const s = SourceMediaSchema.safeParse(source);
  if (!s.success) throw new ProvenantError('input.invalid', 'malformed source dimensions', { cause: s.error });
  const rs = recipes.map((r, i) => {
    const parsed = RecipeSchema.safeParse(r);
    if (!parsed.success)
      throw new ProvenantError('recipe.invalid', `recipe ${i} is malformed`, { cause: parsed.error });
    return parsed.data;
  });
  return { policy: p.data, recipes: rs, source: s.data };
}

/** One entry per op, subject "recipe/<index>". Throws recipe.invalid / input.invalid for malformed input. */
export function checkRecipe(policy: TransformPolicy, recipe: Recipe, source: SourceMedia): StatusEntry[] {
  const v = validate(policy, [recipe], source);
  const checker = new RecipeChecker(v.policy, v.source);
  (v.recipes[0] as Recipe).forEach((op, j) => {
    checker.apply(op, `recipe/${j}`);
  });
  return checker.finish();
}

/**
 * A derivative of a derivative: `recipes[0]` was applied to the capture, `recipes[1]` to its output, and so
 * on. The policy is always the ORIGINAL capture's and every fraction is relative to the original.
 * One entry per op, subject "chain/<step>/recipe/<index>".
 */
export function checkRecipeChain(
  policy: TransformPolicy,
  recipes: readonly Recipe[],
  source: SourceMedia,
): StatusEntry[] {
  if (!Array.isArray(recipes) || recipes.length > 64) {
    throw new ProvenantError('recipe.invalid', 'expected an array of at most 64 recipes');
  }
  const v = validate(policy, recipes, source);
  const checker = new RecipeChecker(v.policy, v.source);
  v.recipes.forEach((recipe, i) => {
    recipe.forEach((op, j) => {
      checker.apply(op, `chain/${i}/recipe/${j}`);
    });
  });
  return checker.finish();
}
