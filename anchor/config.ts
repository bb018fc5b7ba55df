/** Anchoring configuration from the environment (the names DESIGN.md fixes), validated once. */
import * as z from 'zod';
import { ProvenantError } from '../core/errors.ts';

const AnchorEnvSchema = z.object({
  ANCHOR_RPC_URL: z.string().min(1).optional(),
  ANCHOR_PRIVATE_KEY: z.string().min(1).optional(),
  ANCHOR_CONTRACT: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .optional(),
  /** Anchor at least this often while the log grows. */
  ANCHOR_INTERVAL_S: z.coerce.number().positive().default(60),
  /** …or as soon as this many entries are unanchored. */
  ANCHOR_BATCH_MAX: z.coerce.number().int().positive().default(10_000),
  /** 0 = final at the chain's `finalized` tag; N = final after N confirmations. */
  ANCHOR_CONFIRMATIONS: z.coerce.number().int().min(0).default(0),
  DATA_DIR: z.string().min(1).default('./data'),
});

export type AnchorConfig = z.infer<typeof AnchorEnvSchema>;

export function parseAnchorConfig(env: Record<string, string | undefined>): AnchorConfig {
  const result = AnchorEnvSchema.safeParse(env);
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.join('.'));
    // Never echo values: ANCHOR_PRIVATE_KEY is among them.
    throw new ProvenantError('input.invalid', `invalid anchoring configuration: ${fields.join(', ')}`, {
      details: fields,
    });
  }
  const c = result.data;
  const given = [c.ANCHOR_RPC_URL, c.ANCHOR_PRIVATE_KEY, c.ANCHOR_CONTRACT].filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3) {
    throw new ProvenantError(
      'input.invalid',
      'set all of ANCHOR_RPC_URL, ANCHOR_PRIVATE_KEY and ANCHOR_CONTRACT, or none (embedded dev chain)',
      { details: ['ANCHOR_RPC_URL', 'ANCHOR_PRIVATE_KEY', 'ANCHOR_CONTRACT'] },
    );
  }
  return c;
}
