/** Key statements, revocations and trust evaluation against the language-neutral vectors. */
import { describe, expect, it } from 'vitest';
import { FAST_VERIFIER } from '../../api/crypto/fast-verify.ts';
import { bytesToHex, utf8 } from '../../core/bytes.ts';
import { canonicalJson } from '../../core/canonical.ts';
import { generateKey } from '../../core/crypto/keys.ts';
import {
  checkKeyStatement,
  checkRevocation,
  issueKeyStatement,
  issueRevocation,
  keyStatementDigest,
  parseKeyStatement,
  parseRevocation,
  type ResolveOptions,
  resolveIdentity,
  revocationDigest,
  signKeyStatement,
} from '../../core/crypto/statements.ts';
import { isProvenantError } from '../../core/errors.ts';
import { sha256 } from '../../core/hash.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface Envelopes {
  keyStatements: { name: string; envelope: unknown; canonical: string; digest: string; want: object }[];
  revocations: {
    name: string;
    envelope: unknown;
    canonical: string;
    digest: string;
    endorsedBy?: string;
    want: object;
  }[];
  keyStatementChecks: { name: string; envelope: unknown; want: object }[];
  revocationChecks: { name: string; envelope: unknown; endorsedBy?: string; want: object }[];
  wantErr: { name: string; kind?: 'revocation'; envelope: unknown; wantErr: string; wantPaths: string[] }[];
}
const env = loadVectors<Envelopes>('statement-envelopes.json');

describe('statement envelopes', () => {
  it.each(env.keyStatements)('key statement $name: canonical bytes, digest, signatures', (c) => {
    const parsed = parseKeyStatement(c.envelope);
    expect(canonicalJson(parsed.statement)).toBe(c.canonical);
    // Independent digest: SHA-256(len ‖ tag ‖ canonical).
    const tag = utf8('provenant/v1/key-statement');
    expect(bytesToHex(sha256(new Uint8Array([tag.length, ...tag, ...utf8(c.canonical)])))).toBe(c.digest);
    expect(bytesToHex(keyStatementDigest(parsed.statement))).toBe(c.digest);
    const { statement: _, ...check } = checkKeyStatement(c.envelope);
    expect(check).toEqual({ digest: c.digest, ...c.want });
    const { statement: __, ...fast } = checkKeyStatement(c.envelope, FAST_VERIFIER);
    expect(fast).toEqual(check);
  });

  it.each(env.revocations)('revocation $name: canonical bytes, digest, signer', (c) => {
    const parsed = parseRevocation(c.envelope);
    expect(canonicalJson(parsed.statement)).toBe(c.canonical);
    expect(bytesToHex(revocationDigest(parsed.statement))).toBe(c.digest);
    const { statement: _, ...check } = checkRevocation(c.envelope, c.endorsedBy);
    expect(check).toEqual({ digest: c.digest, ...c.want });
  });

  it.each(env.keyStatementChecks)('key statement check: $name', (c) => {
    const { statement: _, digest: __, ...check } = checkKeyStatement(c.envelope);
    expect(check).toEqual(c.want);
  });

  it.each(env.revocationChecks)('revocation check: $name', (c) => {
    expect(checkRevocation(c.envelope, c.endorsedBy).signedBy).toEqual((c.want as { signedBy: unknown }).signedBy);
  });

  it.each(env.wantErr)('$name: statement.invalid with exactly the bad paths', (c) => {
    const parse = c.kind === 'revocation' ? parseRevocation : parseKeyStatement;
    try {
      parse(c.envelope);
      expect.unreachable();
    } catch (e) {
      expect(isProvenantError(e, 'statement.invalid')).toBe(true);
      const paths = new Set((e as { details: string[] }).details.map((d) => d.slice(0, d.indexOf(': '))));
      expect(paths).toEqual(new Set(c.wantPaths));
    }
  });
});

describe('issuing statements', () => {
  const maker = generateKey('p256');
  const device = generateKey('ed25519');
  const wallet = generateKey('secp256k1');

  it('issueKeyStatement produces a statement that parses and verifies, for every algorithm', () => {
    for (const [key, endorser] of [
      [device, maker],
      [wallet, device],
      [maker, undefined],
    ] as const) {
      const envelope = issueKeyStatement({ key, subject: { name: 'X', kind: 'device' }, issuedAt: 5, endorser });
      expect(parseKeyStatement(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
      expect(checkKeyStatement(envelope).valid).toBe(true);
    }
  });

  it('refuses to sign with the wrong key for the role', () => {
    const { statement } = issueKeyStatement({
      key: device,
      subject: { name: 'X', kind: 'device' },
      issuedAt: 5,
      endorser: maker,
    });
    expect(() => signKeyStatement(statement, maker, 'self', 5)).toThrow();
    expect(() => signKeyStatement(statement, wallet, 'endorser', 5)).toThrow();
  });

  it('issueRevocation picks the role from the signer', () => {
    const self = issueRevocation({ keyId: device.keyId, effectiveAt: 1, reason: 'retired', issuedAt: 2 }, device);
    const byEndorser = issueRevocation(
      { keyId: device.keyId, effectiveAt: 1, reason: 'compromised', issuedAt: 2 },
      maker,
    );
    expect(self.signatures[0]?.role).toBe('self');
    expect(byEndorser.signatures[0]?.role).toBe('endorser');
    expect(checkRevocation(self).signedBy).toBe('self');
    expect(checkRevocation(byEndorser, maker.keyId).signedBy).toBe('endorser');
    expect(checkRevocation(byEndorser, wallet.keyId).signedBy).toBe(null);
  });

  it('rejects control and bidi characters in subject text', () => {
    for (const name of ['Reuters\u202e', 'a\nb', ' padded', '']) {
      expect(() => issueKeyStatement({ key: device, subject: { name, kind: 'person' }, issuedAt: 1 })).toThrow(
        expect.objectContaining({ code: 'statement.invalid' }),
      );
    }
  });
});

interface Scenario {
  name: string;
  keyId: string;
  roots: string[];
  loggedAt?: number;
  want: {
    trusted: boolean;
    root: string | null;
    chain: string[];
    revoked: [string, number, string, string] | null;
    revocations: [string, number][];
    problems: [string, string][];
  };
}
const identity = loadVectors<{ statements: unknown[]; revocations: unknown[]; scenarios: Scenario[] }>(
  'statement-identity.json',
);

describe.each([
  ['core', undefined],
  ['fast', FAST_VERIFIER],
])('resolveIdentity (%s)', (_, verifier) => {
  it.each(identity.scenarios)('$name', (s) => {
    const at: ResolveOptions = {
      ...(s.loggedAt === undefined ? {} : { loggedAt: s.loggedAt }),
      ...(verifier ? { verifier } : {}),
    };
    const r = resolveIdentity(s.keyId, identity.statements, identity.revocations, s.roots, at);
    expect(r.trusted).toBe(s.want.trusted);
    expect(r.root).toBe(s.want.root);
    expect(r.chain.map((l) => l.keyId)).toEqual(s.want.chain);
    expect(r.revocations.map((x) => [x.keyId, x.effectiveAt])).toEqual(s.want.revocations);
    expect(r.revoked && [r.revoked.keyId, r.revoked.effectiveAt, r.revoked.reason, r.revoked.signedBy]).toEqual(
      s.want.revoked,
    );
    expect(r.problems.map((p) => [p.code, p.keyId])).toEqual(s.want.problems);
  });
});

describe('resolveIdentity robustness', () => {
  it('ignores junk in the statement and revocation lists', () => {
    const s = identity.scenarios[0] as Scenario;
    const junk = [null, 7, 'x', [], { statement: null }, { statement: { keyId: s.keyId } }];
    const r = resolveIdentity(s.keyId, [...junk, ...identity.statements], [...junk, ...identity.revocations], s.roots, {
      loggedAt: s.loggedAt as number,
    });
    expect(r.trusted).toBe(true);
    expect(r.chain.map((l) => l.keyId)).toEqual(s.want.chain);
    // The junk "statement" that names the key is invalid, but a valid one exists: no statement problem.
    expect(r.problems.filter((p) => p.code.startsWith('statement'))).toEqual([]);
    // The junk "revocation" that names the key is reported and ignored.
    expect(r.problems.map((p) => p.code)).toContain('revocation.invalid');
  });

  it('a link carries the subject of the statement it used', () => {
    const s = identity.scenarios[0] as Scenario;
    const r = resolveIdentity(s.keyId, identity.statements, [], s.roots, { loggedAt: 0 });
    expect(r.chain[0]?.statement?.subject.kind).toBe('device');
    expect(r.chain[0]?.statementDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});

it('resolveIdentity refuses a log time that would silently disable revocation', () => {
  const s = identity.scenarios[0] as Scenario;
  for (const loggedAt of [Number.NaN, 1.5, -1, Number.POSITIVE_INFINITY]) {
    expect(() => resolveIdentity(s.keyId, identity.statements, identity.revocations, s.roots, { loggedAt })).toThrow(
      expect.objectContaining({ code: 'input.invalid' }),
    );
  }
});
