/** Signed statements about keys: identity claims, endorsements, revocations, and trust evaluation. */
export * from './identity.ts';
export * from './key-statement.ts';
export * from './revocation.ts';
export { type Envelope, KeyIdSchema, MAX_STATEMENT_SIGNATURES } from './statement-envelope.ts';
