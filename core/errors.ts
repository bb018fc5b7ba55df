/**
 * One error base class with a closed union of codes (sigstore-js style).
 * Crypto failures (a signature that does not verify) are NOT errors: `verify()` returns false.
 * Errors are for malformed input, unsupported media, unavailable dependencies and policy refusals.
 */
export const ERROR_CODES = [
  // malformed or hostile input
  'input.invalid',
  'input.tooLarge',
  'encoding.invalid',
  'json.invalid',
  'json.nonCanonical',
  'manifest.invalid',
  'statement.invalid',
  'key.invalid',
  'key.unsupportedAlg',
  'key.locked',
  'signature.malformed',
  'proof.malformed',
  'transcript.invalid',
  'quote.notFound',
  'recipe.invalid',
  'policy.refused',
  // media
  'media.unsupported',
  'media.corrupt',
  'media.tooLarge',
  'ffmpeg.missing',
  'ffmpeg.failed',
  // service and infrastructure
  'notFound',
  'conflict',
  'auth.required',
  'auth.forbidden',
  'rateLimited',
  'db.unavailable',
  'chain.unreachable',
  'chain.rejected',
  'log.inconsistent',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ProvenantError extends Error {
  readonly code: ErrorCode;
  /** Field paths or other structured detail safe to show a client. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProvenantError';
    this.code = code;
    this.details = options?.details ?? [];
  }
}

export function isProvenantError(e: unknown, code?: ErrorCode): e is ProvenantError {
  return e instanceof ProvenantError && (code === undefined || e.code === code);
}
