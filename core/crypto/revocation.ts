/**
 * Revocations `{v, type: 'revocation', keyId, effectiveAt, reason, issuedAt}`, signed by the key itself
 * (role 'self') or by its endorser (role 'endorser'). Digest = taggedHash('revocation', JCS(statement)).
 * A signature logged before `effectiveAt` stays valid: revoking must not erase honest history.
 */
import * as z from 'zod';
import { bytesToHex } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import type { SigningKey } from './keys.ts';
import { type EntryVerifier, type SignatureEntry, signClaim } from './signature-entry.ts';
import {
  type Envelope,
  envelopeSchema,
  hasValidSignature,
  KeyIdSchema,
  parseWith,
  statementDigest,
  TimeSchema,
} from './statement-envelope.ts';

export const REVOCATION_REASONS = ['compromised', 'retired', 'superseded', 'other'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const RevocationSchema = z.strictObject({
  v: z.literal(1),
  type: z.literal('revocation'),
  keyId: KeyIdSchema,
  effectiveAt: TimeSchema,
  reason: z.enum(REVOCATION_REASONS),
  issuedAt: TimeSchema,
});
export type Revocation = z.infer<typeof RevocationSchema>;
export type RevocationEnvelope = Envelope<Revocation>;

export const RevocationEnvelopeSchema = envelopeSchema(RevocationSchema);

export function parseRevocation(input: unknown): RevocationEnvelope {
  return parseWith(RevocationEnvelopeSchema, input, 'revocation') as RevocationEnvelope;
}

export function revocationDigest(statement: Revocation): Uint8Array {
  return statementDigest('revocation', statement);
}

export function createRevocation(fields: Omit<Revocation, 'v' | 'type'>): Revocation {
  return parseWith(RevocationSchema, { v: 1, type: 'revocation', ...fields }, 'revocation');
}

/** Role 'self' when `signer` is the revoked key, else 'endorser' (the caller vouches it is the endorser). */
export function signRevocation(statement: Revocation, signer: SigningKey, signedAt: number): SignatureEntry {
  const role = signer.keyId === statement.keyId ? 'self' : 'endorser';
  return signClaim(revocationDigest(statement), signer, role, signedAt);
}

export function issueRevocation(
  fields: Omit<Revocation, 'v' | 'type'>,
  signer: SigningKey,
  signedAt = fields.issuedAt,
): RevocationEnvelope {
  const statement = createRevocation(fields);
  return { statement, signatures: [signRevocation(statement, signer, signedAt)] };
}

export interface RevocationCheck {
  statement: Revocation;
  /** taggedHash('revocation', JCS(statement)), hex. */
  digest: string;
  /** Who validly signed it: the key itself, its endorser (`endorsedBy`), or nobody acceptable. */
  signedBy: 'self' | 'endorser' | null;
}

/**
 * Parses (throws `statement.invalid`) and checks who signed. `endorsedBy` is the revoked key's endorser
 * from its key statement; without it only a self-signature counts.
 */
export function checkRevocation(input: unknown, endorsedBy?: string, verifier?: EntryVerifier): RevocationCheck {
  const { statement, signatures } = parseRevocation(input);
  if (endorsedBy === statement.keyId) throw new ProvenantError('input.invalid', 'a key cannot be its own endorser');
  const digest = revocationDigest(statement);
  let signedBy: RevocationCheck['signedBy'] = null;
  if (hasValidSignature(signatures, digest, statement.keyId, 'self', verifier)) signedBy = 'self';
  else if (endorsedBy !== undefined && hasValidSignature(signatures, digest, endorsedBy, 'endorser', verifier)) {
    signedBy = 'endorser';
  }
  return { statement, digest: bytesToHex(digest), signedBy };
}
