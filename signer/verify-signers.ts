/**
 * The signature and identity checks every kind of manifest gets: each signature (core), then for each valid signer
 * its key statement chain to a trusted root and its revocations, from the manifest's keys sidecar and the trust file.
 */

import { resolveIdentity } from '../core/crypto/identity.ts';
import type { ParsedManifest } from '../core/manifest/parse.ts';
import { validKeyIds, verifyManifestSignatures } from '../core/manifest/signatures.ts';
import { type StatusEntry, status } from '../core/report/entry.ts';
import { readKeyMaterial } from './sidecars.ts';
import type { TrustConfig } from './trust.ts';
import type { IdentitySummary } from './verify.ts';

export interface SignerChecks {
  /** Key ids whose signatures verified. */
  valid: string[];
  identities: IdentitySummary[];
  /** Checks one more signer's identity (e.g. a parent's), once per key id, appending to the same entries. */
  addIdentity(keyId: string): void;
}

/** Appends the signature entries, then one identity entry per valid signer, to `entries` (the report's order). */
export async function checkSigners(
  parsed: ParsedManifest,
  manifestPath: string,
  trust: TrustConfig,
  entries: StatusEntry[],
): Promise<SignerChecks> {
  const signatureEntries = verifyManifestSignatures(parsed);
  entries.push(...signatureEntries);
  const valid = validKeyIds(signatureEntries);
  const material = await readKeyMaterial(manifestPath);
  const statements = [...material.statements, ...trust.statements];
  const revocations = [...material.revocations, ...trust.revocations];
  const identities: IdentitySummary[] = [];
  const seen = new Set<string>();
  const addIdentity = (keyId: string) => {
    if (seen.has(keyId)) return;
    seen.add(keyId);
    const { entry, summary } = identityOf(keyId, statements, revocations, trust.roots);
    entries.push(entry);
    identities.push(summary);
  };
  for (const k of valid) addIdentity(k);
  return { valid, identities, addIdentity };
}

export function identityOf(
  keyId: string,
  statements: readonly unknown[],
  revocations: readonly unknown[],
  roots: readonly string[],
): { entry: StatusEntry; summary: IdentitySummary } {
  const r = resolveIdentity(keyId, statements, revocations, roots);
  const subject = r.chain[0]?.statement?.subject;
  const who = subject ? `${subject.name} (${subject.kind})` : 'unknown key';
  const summary: IdentitySummary = {
    keyId,
    name: subject?.name ?? null,
    kind: subject?.kind ?? null,
    trusted: r.trusted,
    root: r.root,
    chain: r.chain.map((l) => l.keyId),
  };
  let entry: StatusEntry;
  if (r.revoked) {
    const when = new Date(r.revoked.effectiveAt).toISOString();
    entry = status('identity.revoked', {
      subject: keyId,
      detail: `${who}: key ${r.revoked.keyId} revoked (${r.revoked.reason}) from ${when}; offline there is no trusted log time, so every revocation applies`,
    });
  } else if (r.problems.some((p) => p.code === 'statement.invalid')) {
    entry = status('identity.statement.invalid', {
      subject: keyId,
      detail: `${who}: a key statement on the chain does not verify`,
    });
  } else if (r.trusted) {
    const names = r.chain.map((l) => l.statement?.subject.name ?? l.keyId.slice(0, 12)).join(' ← ');
    entry = status('identity.trusted', { subject: keyId, detail: `${who}, endorsement chain ${names}` });
  } else if (r.chain.length === 1 && r.problems.some((p) => p.code === 'statement.missing')) {
    entry = status('identity.unknownKey', { subject: keyId, detail: 'no key statement for this key was found' });
  } else {
    const stop = r.problems[0]?.code ?? 'chain.unendorsed';
    entry = status('identity.untrusted', { subject: keyId, detail: `${who}: no trusted root on the chain (${stop})` });
  }
  return { entry, summary };
}
