/** `derivative`: an edit of a signed parent (capture or derivative), with the exact recipe and output hashes. */
import * as z from 'zod';
import { MAX_RANGE_PROOF_HASHES } from '../merkle/validate.ts';
import { boundedJson } from './bounded-json.ts';
import { AcousticFingerprintSchema, PacketsSchema } from './capture-media.ts';
import { FingerprintsSchema, RasterSchema } from './capture-photo.ts';
import { commonClaimShape } from './common.ts';
import {
  ByteLengthSchema,
  ClaimRefSchema,
  DigestSchema,
  DurationMsSchema,
  intIn,
  mediaType,
  TokenSchema,
} from './formats.ts';
import { IMAGE_OPS, RecipeSchema } from './recipe.ts';

/** A 1024-px reference raster has 16 × 16 tiles. */
export const MAX_REVEALED_TILES = 256;
/** A 64 × 64 RGBA tile is 16 KiB raw; leave room for encodings and salts. */
const MAX_TILE_FIELD_CHARS = 32_768;

export const ImageOutputSchema = z.strictObject({
  mediaType: mediaType(['image']),
  byteLength: ByteLengthSchema,
  sha256: DigestSchema,
  raster: RasterSchema,
  fingerprints: FingerprintsSchema,
});

export const TimedOutputSchema = z.strictObject({
  mediaType: mediaType(['audio', 'video']),
  byteLength: ByteLengthSchema,
  sha256: DigestSchema,
  durationMs: DurationMsSchema,
  codec: TokenSchema,
  container: TokenSchema,
  packets: PacketsSchema.optional(),
  fingerprint: AcousticFingerprintSchema.optional(),
});

/**
 * Reference tiles of the ORIGINAL capture revealed for replay. The tile and proof contents are defined by
 * the image module (core/image/tiles.ts); here they are checked as generic hex/base64url structures.
 */
export const RevealedTilesSchema = z
  .strictObject({
    indices: z
      .array(intIn(0, MAX_REVEALED_TILES - 1))
      .min(1, 'expected at least 1 tile')
      .max(MAX_REVEALED_TILES, `expected at most ${MAX_REVEALED_TILES} tiles`)
      .refine((xs) => xs.every((x, i) => i === 0 || x > (xs[i - 1] as number)), 'expected strictly ascending indices'),
    tiles: z
      .array(
        z
          .record(
            z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'expected an identifier-like key'),
            z
              .string()
              .max(MAX_TILE_FIELD_CHARS, `expected at most ${MAX_TILE_FIELD_CHARS} chars`)
              .regex(/^[A-Za-z0-9_-]*$/, 'expected hex or base64url text'),
          )
          .refine((t) => Object.keys(t).length <= 8, 'expected at most 8 fields'),
      )
      .max(MAX_REVEALED_TILES, `expected at most ${MAX_REVEALED_TILES} tiles`),
    proof: boundedJson(),
  })
  .refine((r) => r.tiles.length === r.indices.length, { path: ['tiles'], message: 'expected one tile per index' });

/**
 * A stream-copied clip's RFC 6962 range proof (docs/PROTOCOL.md §5.3): the subtree roots that, with the clip's own
 * packet leaves, recompute the capture's packet root for the run [startPacket, endPacket) of the last trim op.
 */
export const PacketProofSchema = z.strictObject({
  proof: z.array(DigestSchema).max(MAX_RANGE_PROOF_HASHES, `expected at most ${MAX_RANGE_PROOF_HASHES} hashes`),
});

export const DerivativeClaimSchema = z
  .strictObject({
    ...commonClaimShape,
    kind: z.literal('derivative'),
    parent: ClaimRefSchema,
    recipe: RecipeSchema,
    asset: z.union([ImageOutputSchema, TimedOutputSchema]),
    revealedTiles: RevealedTilesSchema.optional(),
    packetProof: PacketProofSchema.optional(),
  })
  .superRefine((c, ctx) => {
    // A recipe edits either a picture or a timeline, and the output is of the same sort.
    // Refinements can run on data with non-fatal issues (e.g. an empty recipe), so read defensively.
    const first = c.recipe[0];
    if (first === undefined || typeof c.asset?.mediaType !== 'string') return;
    const image = IMAGE_OPS.includes(first.op);
    c.recipe.forEach((op, i) => {
      if (IMAGE_OPS.includes(op.op) !== image) {
        ctx.addIssue({ code: 'custom', path: ['recipe', i, 'op'], message: 'cannot mix image and audio/video ops' });
      }
    });
    if (image !== c.asset.mediaType.startsWith('image/')) {
      ctx.addIssue({ code: 'custom', path: ['asset', 'mediaType'], message: 'does not match the recipe’s media' });
    }
    if (!image && c.revealedTiles !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['revealedTiles'], message: 'only image derivatives reveal tiles' });
    }
    if (image && c.packetProof !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['packetProof'], message: 'only audio/video derivatives prove packets' });
    }
  });
export type DerivativeClaim = z.infer<typeof DerivativeClaimSchema>;
