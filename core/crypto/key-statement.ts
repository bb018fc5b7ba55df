/**
 * Key statements: a key's identity claim `{v, type: 'key', keyId, alg, publicKey, subject, issuedAt,
 * endorsedBy?}`. Valid when signed by the key itself (role 'self': proof of possession) and, if it names an
 * endorser, also by that key (role 'endorser'). Digest = taggedHash('keyStatement', JCS(statement)).
 */
import * as z from 'zod';
import { base64urlToBytes, bytesToBase64url, bytesToHex } from '../bytes.ts';
import { ProvenantError } from '../errors.ts';
import { ALG_SIZES, ALGS, isAlg } from './algorithms.ts';
import { keyIdOf, type SigningKey } from './keys.ts';
import { type EntryVerifier, type SignatureEntry, signClaim } from './signature-entry.ts';
import {
  DisplayTextSchema,
  type Envelope,
  envelopeSchema,
  hasValidSignature,
  KeyIdSchema,
  parseWith,
  statementDigest,
  TimeSchema,
} from './statement-envelope.ts';

export const SUBJECT_KINDS = ['device', 'person', 'org', 'software', 'model'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SubjectSchema = z.strictObject({
  name: DisplayTextSchema,
  kind: z.enum(SUBJECT_KINDS),
  maker: DisplayTextSchema.optional(),
  model: DisplayTextSchema.optional(),
  url: z
    .string()
    .max(2048)
    .regex(/^https:\/\/[^\s\u0000-\u001f\u007f]+$/, 'expected an https:// URL')
    .optional(),
});
export type Subject = z.infer<typeof SubjectSchema>;

export const KeyStatementSchema = z
  .strictObject({
    v: z.literal(1),
    type: z.literal('key'),
    keyId: KeyIdSchema,
    alg: z.enum(ALGS),
    publicKey: z.string().max(44),
    subject: SubjectSchema,
    issuedAt: TimeSchema,
    endorsedBy: KeyIdSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (!isAlg(s.alg) || typeof s.publicKey !== 'string') return;
    let publicKey: Uint8Array;
    try {
      publicKey = base64urlToBytes(s.publicKey, ALG_SIZES[s.alg].publicKey);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['publicKey'], message: 'expected an unpadded base64url public key' });
      return;
    }
    let keyId: string;
    try {
      keyId = keyIdOf(s.alg, publicKey);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['publicKey'], message: `not a valid ${s.alg} public key` });
      return;
    }
    if (s.keyId !== keyId) ctx.addIssue({ code: 'custom', path: ['keyId'], message: 'is not the public key’s key id' });
    if (s.endorsedBy === s.keyId) {
      ctx.addIssue({ code: 'custom', path: ['endorsedBy'], message: 'a key cannot endorse itself' });
    }
  });

export type KeyStatement = z.infer<typeof KeyStatementSchema>;
export type KeyStatementEnvelope = Envelope<KeyStatement>;

export const KeyStatementEnvelopeSchema = envelopeSchema(KeyStatementSchema);

export function parseKeyStatement(input: unknown): KeyStatementEnvelope {
  return parseWith(KeyStatementEnvelopeSchema, input, 'key statement') as KeyStatementEnvelope;
}

export function keyStatementDigest(statement: KeyStatement): Uint8Array {
  return statementDigest('keyStatement', statement);
}

export function createKeyStatement(
  key: Pick<SigningKey, 'alg' | 'publicKey'>,
  subject: Subject,
  issuedAt: number,
  endorsedBy?: string,
): KeyStatement {
  const statement: KeyStatement = {
    v: 1,
    type: 'key',
    keyId: keyIdOf(key.alg, key.publicKey),
    alg: key.alg,
    publicKey: bytesToBase64url(key.publicKey),
    subject,
    issuedAt,
    ...(endorsedBy === undefined ? {} : { endorsedBy }),
  };
  return parseWith(KeyStatementSchema, statement, 'key statement');
}

export function signKeyStatement(
  statement: KeyStatement,
  signer: SigningKey,
  role: 'self' | 'endorser',
  signedAt: number,
): SignatureEntry {
  const expected = role === 'self' ? statement.keyId : statement.endorsedBy;
  if (signer.keyId !== expected) {
    throw new ProvenantError('input.invalid', `the ${role} signature must come from key ${expected ?? '(none)'}`);
  }
  return signClaim(keyStatementDigest(statement), signer, role, signedAt);
}

/** A complete statement for `key`, self-signed and, with `endorser`, endorsed. `signedAt` defaults to issuedAt. */
export function issueKeyStatement(opts: {
  key: SigningKey;
  subject: Subject;
  issuedAt: number;
  endorser?: SigningKey;
  signedAt?: number;
}): KeyStatementEnvelope {
  const statement = createKeyStatement(opts.key, opts.subject, opts.issuedAt, opts.endorser?.keyId);
  const at = opts.signedAt ?? opts.issuedAt;
  const signatures = [signKeyStatement(statement, opts.key, 'self', at)];
  if (opts.endorser) signatures.push(signKeyStatement(statement, opts.endorser, 'endorser', at));
  return { statement, signatures };
}

export interface KeyStatementCheck {
  statement: KeyStatement;
  /** taggedHash('keyStatement', JCS(statement)), hex. */
  digest: string;
  /** A valid 'self' signature by the statement's own key. */
  selfSigned: boolean;
  /** A valid 'endorser' signature by `endorsedBy`; null when the statement names no endorser. */
  endorserSigned: boolean | null;
  valid: boolean;
}

/** Parses (throws `statement.invalid`) and checks the signatures; bad signatures make it invalid, not throw. */
export function checkKeyStatement(input: unknown, verifier?: EntryVerifier): KeyStatementCheck {
  const { statement, signatures } = parseKeyStatement(input);
  const digest = keyStatementDigest(statement);
  const selfSigned = hasValidSignature(signatures, digest, statement.keyId, 'self', verifier);
  const endorserSigned =
    statement.endorsedBy === undefined
      ? null
      : hasValidSignature(signatures, digest, statement.endorsedBy, 'endorser', verifier);
  return {
    statement,
    digest: bytesToHex(digest),
    selfSigned,
    endorserSigned,
    valid: selfSigned && endorserSigned !== false,
  };
}
