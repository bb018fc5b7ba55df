/**
 * Builds a recipe from `derive`'s flags. The ops run in a fixed order: crop, rotate, colour, resize, redact,
 * encode. So --crop is in the input's pixels, --resize W applies to the cropped and rotated picture (height kept
 * in proportion), and --redact is in the coordinates of the picture as it is after crop, rotate and resize: the
 * picture the editor sees.
 */
import { ProvenantError } from '../../core/errors.ts';
import type { ImageOp } from '../../core/image/ops.ts';
import { checkOp } from '../../core/image/ops.ts';
import { roundDiv } from '../../core/image/resize.ts';
import { IMAGE_FORMATS } from '../../core/policy/schema.ts';

export type OutputFormat = (typeof IMAGE_FORMATS)[number];

export interface RecipeArgs {
  crop?: string;
  rotate?: string;
  flip?: boolean;
  brightness?: string;
  contrast?: string;
  saturation?: string;
  resize?: string;
  redact?: string[];
  format?: string;
  quality?: string;
}

/** Default quality for lossy formats when --quality is not given. */
export const DEFAULT_QUALITY = 90;

function bad(message: string): ProvenantError {
  return new ProvenantError('input.invalid', message);
}

function parseRect(value: string, flag: string): { x: number; y: number; w: number; h: number } {
  const m = /^\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*,\s*(\d{1,5})\s*$/.exec(value);
  if (!m) throw bad(`${flag} expects x,y,w,h in whole pixels`);
  const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
  if (w < 1 || h < 1) throw bad(`${flag} needs a width and height of at least 1`);
  return { x, y, w, h };
}

function parseMultiplier(value: string | undefined, flag: string): number {
  if (value === undefined) return 1;
  if (!/^\s*\d{1,2}(\.\d{1,6})?\s*$/.test(value)) throw bad(`${flag} expects a decimal multiplier such as 1.1`);
  const v = Number(value);
  if (!(v > 0 && v <= 16)) throw bad(`${flag} must be in (0, 16]`);
  return v;
}

/** The output format: --format, else the --out extension. */
export function outputFormat(format: string | undefined, out: string): OutputFormat {
  const fromExt: Record<string, OutputFormat> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'avif' };
  const name = format ?? fromExt[out.split('.').pop()?.toLowerCase() ?? ''];
  if (name === undefined) throw bad('give --format (jpeg, png, webp, avif) or an --out file with that extension');
  if (!(IMAGE_FORMATS as readonly string[]).includes(name))
    throw bad(`--format must be one of ${IMAGE_FORMATS.join(', ')}`);
  return name as OutputFormat;
}

/** The recipe for an input of width × height; every op is checked against the size at its step. */
export function recipeFromArgs(args: RecipeArgs, width: number, height: number, out: string): ImageOp[] {
  const ops: ImageOp[] = [];
  let size = { width, height };
  const push = (op: ImageOp) => {
    try {
      size = checkOp(op, size.width, size.height);
    } catch (e) {
      throw bad(`${op.op}: ${e instanceof Error ? e.message : String(e)}`);
    }
    ops.push(op);
  };
  if (args.crop !== undefined) push({ op: 'crop', ...parseRect(args.crop, '--crop') });
  if (args.rotate !== undefined || args.flip) {
    const rot = Number(args.rotate ?? '0');
    if (rot !== 0 && rot !== 90 && rot !== 180 && rot !== 270) throw bad('--rotate must be 0, 90, 180 or 270');
    push({ op: 'orient', rot90: rot, ...(args.flip ? { flipH: true } : {}) });
  }
  if (args.brightness !== undefined || args.contrast !== undefined || args.saturation !== undefined) {
    push({
      op: 'adjust',
      brightness: parseMultiplier(args.brightness, '--brightness'),
      contrast: parseMultiplier(args.contrast, '--contrast'),
      saturation: parseMultiplier(args.saturation, '--saturation'),
    });
  }
  if (args.resize !== undefined) {
    if (!/^\s*\d{1,5}\s*$/.test(args.resize)) throw bad('--resize expects the new width in pixels');
    const w = Number(args.resize);
    if (w < 1) throw bad('--resize needs a width of at least 1');
    push({ op: 'resize', w, h: Math.max(1, roundDiv(w * size.height, size.width)) });
  }
  for (const r of args.redact ?? []) push({ op: 'redact', ...parseRect(r, '--redact') });
  const format = outputFormat(args.format, out);
  let quality: number | undefined;
  if (args.quality !== undefined) {
    if (!/^\s*\d{1,3}\s*$/.test(args.quality) || Number(args.quality) < 1 || Number(args.quality) > 100) {
      throw bad('--quality must be an integer from 1 to 100');
    }
    if (format === 'png') throw bad('png takes no --quality');
    quality = Number(args.quality);
  } else if (format !== 'png') {
    quality = DEFAULT_QUALITY;
  }
  push({ op: 'encode', format, ...(quality === undefined ? {} : { quality }) });
  return ops;
}
