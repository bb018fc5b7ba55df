/**
 * Trust evaluation (pure): which endorsement chain a key has, whether it reaches a trusted root, and
 * whether it is revoked for a signature logged at a given time.
 *
 * Rules:
 *   - A key's statement is its valid key statement with the latest issuedAt (ties: the lowest digest), so
 *     a key can move to a new endorser by publishing a newer statement.
 *   - The chain follows endorsedBy from the signer's key until a trusted root; at most 8 keys, no cycles.
 *   - A revocation counts when signed by the revoked key itself or by its endorser on this chain.
 *     Revoking a key revokes every key below it on the chain, from its effectiveAt.
 *   - The Nikon lesson: a signature logged (anchored) before effectiveAt stays valid; one logged at or
 *     after it, or with no trustworthy log time, is revoked. The earliest applicable revocation wins.
 */
import { assertSafeInteger, assertString } from '../bytes.ts';
import { isProvenantError } from '../errors.ts';
import { checkKeyStatement, type KeyStatement } from './key-statement.ts';
import { checkRevocation, type RevocationCheck, type RevocationReason } from './revocation.ts';
import type { EntryVerifier } from './signature-entry.ts';

/** Keys in a chain, from the signer's key up to and including the root. */
export const MAX_CHAIN_KEYS = 8;

export interface ChainLink {
  keyId: string;
  /** The key statement this link uses; absent when none verifies (or a root has none). */
  statement?: KeyStatement;
  statementDigest?: string;
}

export interface AppliedRevocation {
  keyId: string;
  effectiveAt: number;
  reason: RevocationReason;
  issuedAt: number;
  digest: string;
  signedBy: 'self' | 'endorser';
}

export type IdentityProblemCode =
  /** No key statement at all for a non-root key on the chain. */
  | 'statement.missing'
  /** Statements exist for the key but none parses and verifies. */
  | 'statement.invalid'
  /** The chain ends at a key that names no endorser and is not a trusted root. */
  | 'chain.unendorsed'
  | 'chain.cycle'
  | 'chain.tooDeep'
  /** A revocation for a chain key is malformed or not signed by the key or its endorser; it is ignored. */
  | 'revocation.invalid'
  /** Revocations exist but no log time was given, so they all apply. */
  | 'time.untrusted';

export interface IdentityProblem {
  code: IdentityProblemCode;
  keyId: string;
}

export interface IdentityResolution {
  keyId: string;
  /** chain[0] is the signer's key; chain[i + 1] endorsed chain[i]. */
  chain: ChainLink[];
  /** The chain reaches a trusted root (revocation is reported separately). */
  trusted: boolean;
  root: string | null;
  /** The revocation in force for a signature logged at `loggedAt`, or null. */
  revoked: AppliedRevocation | null;
  /** Every valid revocation of a chain key, including ones effective after `loggedAt`. */
  revocations: AppliedRevocation[];
  problems: IdentityProblem[];
}

export interface ResolveOptions {
  /** Trustworthy time (ms) at which the signature was logged/anchored; absent means unknown. */
  loggedAt?: number;
  verifier?: EntryVerifier;
}

function statementKeyId(input: unknown): string | undefined {
  const keyId = (input as { statement?: { keyId?: unknown } } | null)?.statement?.keyId;
  return typeof keyId === 'string' ? keyId : undefined;
}

function indexByKeyId(inputs: readonly unknown[]): Map<string, unknown[]> {
  const index = new Map<string, unknown[]>();
  for (const input of inputs) {
    const keyId = statementKeyId(input);
    if (keyId === undefined) continue;
    const list = index.get(keyId);
    if (list) list.push(input);
    else index.set(keyId, [input]);
  }
  return index;
}

/** The key's valid statement with the latest issuedAt (ties: lowest digest); undefined if none verifies. */
function chooseStatement(
  candidates: readonly unknown[],
  verifier: EntryVerifier | undefined,
): { statement: KeyStatement; digest: string } | undefined {
  let best: { statement: KeyStatement; digest: string } | undefined;
  for (const candidate of candidates) {
    let check: ReturnType<typeof checkKeyStatement>;
    try {
      check = checkKeyStatement(candidate, verifier);
    } catch (e) {
      if (isProvenantError(e)) continue;
      throw e;
    }
    if (!check.valid) continue;
    const { statement } = check;
    if (
      !best ||
      statement.issuedAt > best.statement.issuedAt ||
      (statement.issuedAt === best.statement.issuedAt && check.digest < best.digest)
    ) {
      best = { statement, digest: check.digest };
    }
  }
  return best;
}

export function resolveIdentity(
  keyId: string,
  statements: readonly unknown[],
  revocations: readonly unknown[],
  trustedRoots: Iterable<string>,
  at: ResolveOptions = {},
): IdentityResolution {
  assertString(keyId, 'keyId', 66);
  // A NaN or fractional time would make every `effectiveAt <= loggedAt` false, i.e. silently "not revoked".
  if (at.loggedAt !== undefined) assertSafeInteger(at.loggedAt, 'loggedAt');
  const roots = new Set(trustedRoots);
  const statementIndex = indexByKeyId(statements);
  const problems: IdentityProblem[] = [];
  const chain: ChainLink[] = [];
  const visited = new Set<string>();
  let root: string | null = null;

  let current = keyId;
  for (;;) {
    if (visited.has(current)) {
      problems.push({ code: 'chain.cycle', keyId: current });
      break;
    }
    if (chain.length === MAX_CHAIN_KEYS) {
      problems.push({ code: 'chain.tooDeep', keyId: current });
      break;
    }
    visited.add(current);
    const candidates = statementIndex.get(current) ?? [];
    const chosen = chooseStatement(candidates, at.verifier);
    chain.push(
      chosen ? { keyId: current, statement: chosen.statement, statementDigest: chosen.digest } : { keyId: current },
    );
    if (roots.has(current)) {
      root = current;
      break;
    }
    if (!chosen) {
      problems.push({ code: candidates.length === 0 ? 'statement.missing' : 'statement.invalid', keyId: current });
      break;
    }
    if (chosen.statement.endorsedBy === undefined) {
      problems.push({ code: 'chain.unendorsed', keyId: current });
      break;
    }
    current = chosen.statement.endorsedBy;
  }

  const applied = chainRevocations(chain, revocations, at.verifier, problems);
  if (applied.length > 0 && at.loggedAt === undefined) problems.push({ code: 'time.untrusted', keyId });
  const loggedAt = at.loggedAt;
  const inForce = applied.filter((r) => loggedAt === undefined || r.effectiveAt <= loggedAt);
  return {
    keyId,
    chain,
    trusted: root !== null,
    root,
    revoked: inForce[0] ?? null,
    revocations: applied,
    problems,
  };
}

/** Valid revocations of chain keys, ordered by effectiveAt, then by position (closest to the signer first). */
function chainRevocations(
  chain: readonly ChainLink[],
  revocations: readonly unknown[],
  verifier: EntryVerifier | undefined,
  problems: IdentityProblem[],
): AppliedRevocation[] {
  const index = indexByKeyId(revocations);
  const out: { r: AppliedRevocation; position: number }[] = [];
  chain.forEach((link, position) => {
    const endorsedBy = link.statement?.endorsedBy;
    for (const input of index.get(link.keyId) ?? []) {
      let check: RevocationCheck | null = null;
      try {
        check = checkRevocation(input, endorsedBy, verifier);
      } catch (e) {
        if (!isProvenantError(e)) throw e;
      }
      if (check === null || check.signedBy === null) {
        problems.push({ code: 'revocation.invalid', keyId: link.keyId });
        continue;
      }
      const { statement, digest, signedBy } = check;
      out.push({
        r: {
          keyId: statement.keyId,
          effectiveAt: statement.effectiveAt,
          reason: statement.reason,
          issuedAt: statement.issuedAt,
          digest,
          signedBy,
        },
        position,
      });
    }
  });
  out.sort((a, b) => a.r.effectiveAt - b.r.effectiveAt || a.position - b.position);
  return out.map((o) => o.r);
}
