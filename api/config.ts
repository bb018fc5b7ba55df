/** Service configuration from the environment (.env supported), validated once at start-up. */
import * as z from 'zod';
import { ProvenantError } from '../core/errors.ts';

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  ADMIN_TOKEN: z.string().min(16).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 << 20),
  /** POST /v1/verify takes whole media files, so it has its own, larger limit. */
  VERIFY_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 << 20),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Submissions per signing key (manifests, co-signatures, key statements, revocations). */
  RATE_LIMIT_PER_KEY_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOG_ORIGIN: z.string().min(1).default('provenant.local/log'),
  /** base64url of a 32-byte Ed25519 seed; unset → generated and kept in DATA_DIR/service-key.json. */
  SERVICE_KEY: z.string().min(1).optional(),
  /** How long after receipt the operator promises an anchored checkpoint. */
  ANCHOR_DEADLINE_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  CHECKPOINT_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof EnvSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new ProvenantError('input.invalid', `invalid configuration: ${fields}`, {
      details: result.error.issues.map((i) => i.path.join('.')),
    });
  }
  return result.data;
}

/** Reads .env (if any) into process.env, then validates. */
export async function loadConfig(): Promise<Config> {
  const { config } = await import('dotenv');
  config({ quiet: true });
  return parseConfig(process.env);
}
