/** Fields every claim kind shares. */
import * as z from 'zod';
import { DigestSchema, distinct, intIn, KeyIdSchema, label, prose, TimeMsSchema } from './formats.ts';

export const MAX_REQUIRED_SIGNERS = 64;

/** k of n: the claim names the keys whose co-signatures it expects and how many make it complete. */
export const RequiredSignersSchema = z
  .strictObject({
    keys: distinct(KeyIdSchema, MAX_REQUIRED_SIGNERS),
    threshold: intIn(1, MAX_REQUIRED_SIGNERS),
  })
  .refine((r) => r.threshold <= r.keys.length, {
    path: ['threshold'],
    message: 'must not exceed the number of keys',
  });
export type RequiredSigners = z.infer<typeof RequiredSignersSchema>;

const SoftwareSchema = z.strictObject({ id: label(256), version: label(64).optional() });
const ModelSchema = z.strictObject({
  id: label(256),
  version: label(64).optional(),
  /** SHA-256 of the published weights, when the model's weights are identifiable. */
  weightsDigest: DigestSchema.optional(),
});

/**
 * Generated content names exactly one generator: software (e.g. a renderer) or a model. It is a positive
 * label carried by a signature, not a watermark.
 */
export const GeneratorSchema = z
  .strictObject({ software: SoftwareSchema.optional(), model: ModelSchema.optional() })
  .refine((g) => (g.software === undefined) !== (g.model === undefined), {
    message: 'expected exactly one of software or model',
  });
export type Generator = z.infer<typeof GeneratorSchema>;

export const commonClaimShape = {
  v: z.literal(1, { error: 'expected 1' }),
  createdAt: TimeMsSchema,
  requiredSigners: RequiredSignersSchema.optional(),
  generator: GeneratorSchema.optional(),
  title: label(256).optional(),
  description: prose(4096).optional(),
};
