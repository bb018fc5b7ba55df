/**
 * Who signed: fetches each valid signer's key statements (and its endorsers', up to the chain limit) from the API,
 * adds the reader's trust list, and lets core's resolveIdentity decide. Statements from the API are only
 * candidates: resolveIdentity verifies every signature on them.
 */
import { MAX_CHAIN_KEYS, resolveIdentity } from '../../../core/crypto/identity.ts';
import { type StatusEntry, status } from '../../../core/report/entry.ts';
import type { TrustList } from '../settings.ts';
import type { ProvenantApi } from './api-client.ts';
import type { SignerView } from './verdict.ts';

interface KeyMaterial {
  statements: unknown[];
  revocations: unknown[];
}

function endorserOf(statement: unknown): string | undefined {
  const e = (statement as { statement?: { endorsedBy?: unknown } } | null)?.statement?.endorsedBy;
  return typeof e === 'string' ? e : undefined;
}

/** Statements and revocations for `keyId` and the keys above it, as far as the API knows them. */
export async function fetchKeyMaterial(api: ProvenantApi, keyId: string): Promise<KeyMaterial> {
  const out: KeyMaterial = { statements: [], revocations: [] };
  const seen = new Set<string>();
  let current: string | undefined = keyId;
  while (current !== undefined && !seen.has(current) && seen.size < MAX_CHAIN_KEYS) {
    seen.add(current);
    const key = await api.key(current);
    if (!key) break;
    out.statements.push(key.statement);
    for (const r of key.revocations) out.revocations.push(r.statement);
    current = endorserOf(key.statement);
  }
  return out;
}

export interface IdentityResult {
  /** The identity line, plus `identity.revokedAfterLogging` when a revocation came only after the signature. */
  entries: StatusEntry[];
  view: SignerView;
}

/**
 * `loggedAt` is a trustworthy log time for this signature (from a chain-authenticated leaf), or undefined: then
 * every revocation applies, since the operator's own timestamps are not trusted.
 */
export function identityOf(
  keyId: string,
  role: string | null,
  material: KeyMaterial,
  trust: TrustList,
  loggedAt: number | undefined,
): IdentityResult {
  const r = resolveIdentity(
    keyId,
    [...material.statements, ...trust.statements],
    [...material.revocations, ...trust.revocations],
    trust.roots,
    loggedAt === undefined ? {} : { loggedAt },
  );
  const subject = r.chain[0]?.statement?.subject;
  const who = subject ? `${subject.name} (${subject.kind})` : 'unknown key';
  const endorsedBy = r.chain.slice(1).map((l) => l.statement?.subject.name ?? `${l.keyId.slice(0, 12)}…`);
  let entry: StatusEntry;
  if (r.revoked) {
    entry = status('identity.revoked', {
      subject: keyId,
      detail: `${who}: revoked (${r.revoked.reason}) from ${new Date(r.revoked.effectiveAt).toISOString()}`,
    });
  } else if (r.problems.some((p) => p.code === 'statement.invalid')) {
    entry = status('identity.statement.invalid', { subject: keyId, detail: `${who}: a key statement does not verify` });
  } else if (r.trusted) {
    const how = endorsedBy.length ? `endorsed by ${endorsedBy.join(' ← ')}` : 'one of your trusted roots';
    entry = status('identity.trusted', { subject: keyId, detail: `${who}, ${how}` });
  } else if (r.chain.length === 1 && r.problems.some((p) => p.code === 'statement.missing')) {
    entry = status('identity.unknownKey', { subject: keyId, detail: 'no key statement for this key was found' });
  } else {
    entry = status('identity.untrusted', { subject: keyId, detail: `${who}: no trusted root on the chain` });
  }
  const view: SignerView = {
    keyId,
    role,
    name: subject?.name ?? null,
    subjectKind: subject?.kind ?? null,
    endorsedBy,
    trusted: r.trusted && r.revoked === null,
    revoked: r.revoked !== null,
    code: entry.code,
  };
  const entries = [entry];
  if (!r.revoked && r.revocations.length > 0) {
    entries.push(
      status('identity.revokedAfterLogging', {
        subject: keyId,
        detail: `${who}: revoked only after this signature was logged; the signature stands`,
      }),
    );
  }
  return { entries, view };
}
