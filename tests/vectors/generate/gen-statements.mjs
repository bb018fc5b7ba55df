import { writeFileSync } from 'node:fs';
import { hex, utf8, b64u, makeKey, signEntry, jcs, taggedHash, TAG } from './lib.mjs';
const OUT = '/work/main/tests/vectors/';
const T0 = 1767225600000; // 2026-01-01T00:00:00Z
const K = {
  newsroom: makeKey('ed25519', 'newsroom root'),
  journalist: makeKey('secp256k1', 'journalist'),
  maker: makeKey('p256', 'camera maker root'),
  device: makeKey('p256', 'camera device 0001'),
  freelancer: makeKey('ed25519', 'freelancer'),
  model: makeKey('ed25519', 'image model'),
  cycleA: makeKey('ed25519', 'cycle a'),
  cycleB: makeKey('ed25519', 'cycle b'),
  forged: makeKey('p256', 'forged device'),
  mover: makeKey('ed25519', 'moving device'),
};
const deep = Array.from({ length: 9 }, (_, i) => makeKey('ed25519', `deep ${i}`));

const keyStatement = (key, subject, issuedAt, endorser) => ({
  v: 1, type: 'key', keyId: key.keyId, alg: key.alg, publicKey: b64u(key.publicKey), subject, issuedAt,
  ...(endorser ? { endorsedBy: endorser.keyId } : {}),
});
const ksDigest = (s) => hex(taggedHash(TAG.keyStatement, utf8(jcs(s))));
const rvDigest = (s) => hex(taggedHash(TAG.revocation, utf8(jcs(s))));
function issue(key, subject, issuedAt, endorser) {
  const statement = keyStatement(key, subject, issuedAt, endorser);
  const d = ksDigest(statement);
  const signatures = [signEntry(key, d, 'self', issuedAt).entry];
  if (endorser) signatures.push(signEntry(endorser, d, 'endorser', issuedAt).entry);
  return { statement, signatures };
}
function revoke(key, fields, signer, role) {
  const statement = { v: 1, type: 'revocation', keyId: key.keyId, ...fields };
  return { statement, signatures: [signEntry(signer, rvDigest(statement), role, fields.issuedAt).entry] };
}

const S = {
  newsroom: issue(K.newsroom, { name: 'Example Newsroom', kind: 'org', url: 'https://news.example' }, T0),
  journalist: issue(K.journalist, { name: 'Ada Reporter', kind: 'person' }, T0 + 1000, K.newsroom),
  maker: issue(K.maker, { name: 'Example Camera Co', kind: 'org' }, T0),
  device: issue(K.device, { name: 'Camera 0001', kind: 'device', maker: 'Example Camera Co', model: 'EC-1' }, T0 + 2000, K.maker),
  freelancer: issue(K.freelancer, { name: 'Independent Photographer', kind: 'person' }, T0),
  model: issue(K.model, { name: 'Example Diffusion 2', kind: 'model', maker: 'Example AI Lab', url: 'https://ai.example/models/ed2' }, T0),
  cycleA: issue(K.cycleA, { name: 'Cycle A', kind: 'org' }, T0, K.cycleB),
  cycleB: issue(K.cycleB, { name: 'Cycle B', kind: 'org' }, T0, K.cycleA),
  moverOld: issue(K.mover, { name: 'Camera 0002', kind: 'device' }, T0, K.maker),
  moverNew: issue(K.mover, { name: 'Camera 0002 (newsroom pool)', kind: 'device' }, T0 + 5000, K.newsroom),
};
// The forged statement's endorser entry is the maker's genuine endorsement of a different statement.
{
  const statement = keyStatement(K.forged, { name: 'Camera 9999', kind: 'device', maker: 'Example Camera Co' }, T0, K.maker);
  S.forged = { statement, signatures: [signEntry(K.forged, ksDigest(statement), 'self', T0).entry, S.device.signatures[1]] };
}
deep.forEach((k, i) => { S[`deep${i}`] = issue(k, { name: `Deep ${i}`, kind: 'org' }, T0, deep[i + 1]); });

const E1 = T0 + 100_000, E2 = T0 + 200_000, E3 = T0 + 300_000;
const R = {
  deviceCompromised: revoke(K.device, { effectiveAt: E1, reason: 'compromised', issuedAt: E1 + 50_000 }, K.maker, 'endorser'),
  deviceRetired: revoke(K.device, { effectiveAt: E3, reason: 'retired', issuedAt: E3 }, K.device, 'self'),
  newsroomSuperseded: revoke(K.newsroom, { effectiveAt: E2, reason: 'superseded', issuedAt: E2 }, K.newsroom, 'self'),
  journalistByStranger: revoke(K.journalist, { effectiveAt: T0, reason: 'other', issuedAt: T0 }, K.freelancer, 'endorser'),
};

// Envelope vectors: digests and canonical text, checked independently here.
const envelopes = {
  keyStatements: ['newsroom', 'journalist', 'device', 'model'].map((n) => ({ name: n, envelope: S[n], canonical: jcs(S[n].statement), digest: ksDigest(S[n].statement), want: { selfSigned: true, endorserSigned: S[n].statement.endorsedBy ? true : null, valid: true } })),
  revocations: ['deviceCompromised', 'newsroomSuperseded'].map((n) => ({ name: n, envelope: R[n], canonical: jcs(R[n].statement), digest: rvDigest(R[n].statement), endorsedBy: n === 'deviceCompromised' ? K.maker.keyId : undefined, want: { signedBy: n === 'deviceCompromised' ? 'endorser' : 'self' } })),
};
const dev = S.device;
envelopes.keyStatementChecks = [
  { name: 'endorser signature missing', envelope: { ...dev, signatures: [dev.signatures[0]] }, want: { selfSigned: true, endorserSigned: false, valid: false } },
  { name: 'self signature missing (no proof of possession)', envelope: { ...dev, signatures: [dev.signatures[1]] }, want: { selfSigned: false, endorserSigned: true, valid: false } },
  { name: 'self signature relabelled as endorser', envelope: { ...dev, signatures: [{ ...dev.signatures[0], role: 'endorser' }, dev.signatures[1]] }, want: { selfSigned: false, endorserSigned: true, valid: false } },
  { name: 'endorsement copied from another statement', envelope: S.forged, want: { selfSigned: true, endorserSigned: false, valid: false } },
  { name: 'subject edited after signing', envelope: { ...dev, statement: { ...dev.statement, subject: { ...dev.statement.subject, name: 'Camera 0003' } } }, want: { selfSigned: false, endorserSigned: false, valid: false } },
];
envelopes.revocationChecks = [
  { name: 'signed by a stranger with role endorser', envelope: R.journalistByStranger, endorsedBy: K.newsroom.keyId, want: { signedBy: null } },
  { name: 'endorser-signed but no endorser known', envelope: R.deviceCompromised, want: { signedBy: null } },
  { name: 'effectiveAt edited after signing', envelope: { ...R.newsroomSuperseded, statement: { ...R.newsroomSuperseded.statement, effectiveAt: E2 + 1 } }, want: { signedBy: null } },
];
const st = dev.statement;
envelopes.wantErr = [
  { name: 'unknown subject kind', envelope: { ...dev, statement: { ...st, subject: { ...st.subject, kind: 'robot' } } }, wantErr: 'statement.invalid', wantPaths: ['statement.subject.kind'] },
  { name: 'key id does not match the public key', envelope: { ...dev, statement: { ...st, keyId: K.freelancer.keyId } }, wantErr: 'statement.invalid', wantPaths: ['statement.keyId'] },
  { name: 'unknown field', envelope: { ...dev, statement: { ...st, extra: true } }, wantErr: 'statement.invalid', wantPaths: ['statement.extra'] },
  { name: 'no signatures', envelope: { ...dev, signatures: [] }, wantErr: 'statement.invalid', wantPaths: ['signatures'] },
  { name: 'several bad fields at once', envelope: { statement: { ...st, issuedAt: -1, subject: { ...st.subject, name: 'Camera\u202e1000' }, v: 2 }, signatures: [{ ...dev.signatures[0], sig: 'not base64url!' }] }, wantErr: 'statement.invalid', wantPaths: ['statement.issuedAt', 'statement.subject.name', 'statement.v', 'signatures[0].sig'] },
  { name: 'padded public key', envelope: { ...dev, statement: { ...st, publicKey: st.publicKey + '=' } }, wantErr: 'statement.invalid', wantPaths: ['statement.publicKey'] },
  { name: 'uncompressed P-256 public key', envelope: { ...dev, statement: { ...st, publicKey: b64u(K.device.uncompressed) } }, wantErr: 'statement.invalid', wantPaths: ['statement.publicKey'] },
  { name: 'self-endorsement', envelope: { ...dev, statement: { ...st, endorsedBy: st.keyId } }, wantErr: 'statement.invalid', wantPaths: ['statement.endorsedBy'] },
  { name: 'http (not https) subject URL', envelope: { ...S.newsroom, statement: { ...S.newsroom.statement, subject: { ...S.newsroom.statement.subject, url: 'http://news.example' } } }, wantErr: 'statement.invalid', wantPaths: ['statement.subject.url'] },
  { name: 'revocation with unknown reason and fractional time', kind: 'revocation', envelope: { ...R.deviceRetired, statement: { ...R.deviceRetired.statement, reason: 'lost', effectiveAt: E3 + 0.5 } }, wantErr: 'statement.invalid', wantPaths: ['statement.reason', 'statement.effectiveAt'] },
  { name: 'revocation of a lower-case address', kind: 'revocation', envelope: { ...R.deviceRetired, statement: { ...R.deviceRetired.statement, keyId: K.journalist.keyId.toLowerCase() } }, wantErr: 'statement.invalid', wantPaths: ['statement.keyId'] },
  { name: 'not an object', envelope: 'key statement', wantErr: 'statement.invalid', wantPaths: [''] },
];
writeFileSync(OUT + 'statement-envelopes.json', JSON.stringify({
  source: 'Generated by a scratch script independent of core: test-only keys as in signature-entry.json; canonical = sorted-keys JSON.stringify of the statement; digest = hex SHA-256(len ‖ tag ‖ canonical) with tag "provenant/v1/key-statement" (0x1a) or "provenant/v1/revocation" (0x17); signature entries over the digest signed with node:crypto / ethers as in signature-entry.json. want* follow the rules of docs/PROTOCOL.md (self signature = role self by the statement key; endorsement = role endorser by endorsedBy; a revocation is signed by the key or, given its endorser, by the endorser). wantPaths are the field paths (before ": ") an implementation must report, in any order.',
  keyIds: Object.fromEntries(Object.entries(K).map(([n, k]) => [n, k.keyId])),
  ...envelopes,
}, null, 2) + '\n');

// Trust scenarios: expectations written from the rules, not computed.
const allStatements = Object.values(S);
const allRevocations = Object.values(R);
const ids = (...ks) => ks.map((k) => k.keyId);
const unknownKeyId = hex(taggedHash(TAG.keyId, utf8('ed25519'), [0], new Uint8Array(32).fill(9)));
const roots = ids(K.maker, K.newsroom);
const scenarios = [
  { name: 'device, logged before its compromise', keyId: K.device.keyId, roots, loggedAt: E1 - 1, want: { trusted: true, root: K.maker.keyId, chain: ids(K.device, K.maker), revoked: null, revocations: [[K.device.keyId, E1], [K.device.keyId, E3]], problems: [] } },
  { name: 'device, logged exactly at the compromise time', keyId: K.device.keyId, roots, loggedAt: E1, want: { trusted: true, root: K.maker.keyId, chain: ids(K.device, K.maker), revoked: [K.device.keyId, E1, 'compromised', 'endorser'], revocations: [[K.device.keyId, E1], [K.device.keyId, E3]], problems: [] } },
  { name: 'device, logged after both revocations: the earliest applies', keyId: K.device.keyId, roots, loggedAt: E3 + 1, want: { trusted: true, root: K.maker.keyId, chain: ids(K.device, K.maker), revoked: [K.device.keyId, E1, 'compromised', 'endorser'], revocations: [[K.device.keyId, E1], [K.device.keyId, E3]], problems: [] } },
  { name: 'device, no trustworthy log time', keyId: K.device.keyId, roots, want: { trusted: true, root: K.maker.keyId, chain: ids(K.device, K.maker), revoked: [K.device.keyId, E1, 'compromised', 'endorser'], revocations: [[K.device.keyId, E1], [K.device.keyId, E3]], problems: [['time.untrusted', K.device.keyId]] } },
  { name: 'journalist, logged before the newsroom root was superseded', keyId: K.journalist.keyId, roots, loggedAt: E2 - 1, want: { trusted: true, root: K.newsroom.keyId, chain: ids(K.journalist, K.newsroom), revoked: null, revocations: [[K.newsroom.keyId, E2]], problems: [['revocation.invalid', K.journalist.keyId]] } },
  { name: 'journalist, logged after the endorser was revoked', keyId: K.journalist.keyId, roots, loggedAt: E2, want: { trusted: true, root: K.newsroom.keyId, chain: ids(K.journalist, K.newsroom), revoked: [K.newsroom.keyId, E2, 'superseded', 'self'], revocations: [[K.newsroom.keyId, E2]], problems: [['revocation.invalid', K.journalist.keyId]] } },
  { name: 'self-asserted freelancer', keyId: K.freelancer.keyId, roots, loggedAt: T0, want: { trusted: false, root: null, chain: ids(K.freelancer), revoked: null, revocations: [], problems: [['chain.unendorsed', K.freelancer.keyId]] } },
  { name: 'unknown key', keyId: unknownKeyId, roots, loggedAt: T0, want: { trusted: false, root: null, chain: [unknownKeyId], revoked: null, revocations: [], problems: [['statement.missing', unknownKeyId]] } },
  { name: 'endorsement cycle', keyId: K.cycleA.keyId, roots, loggedAt: T0, want: { trusted: false, root: null, chain: ids(K.cycleA, K.cycleB), revoked: null, revocations: [], problems: [['chain.cycle', K.cycleA.keyId]] } },
  { name: 'chain of 9 keys is too deep', keyId: deep[0].keyId, roots: [deep[8].keyId], loggedAt: T0, want: { trusted: false, root: null, chain: deep.slice(0, 8).map((k) => k.keyId), revoked: null, revocations: [], problems: [['chain.tooDeep', deep[8].keyId]] } },
  { name: 'chain of exactly 8 keys', keyId: deep[1].keyId, roots: [deep[8].keyId], loggedAt: T0, want: { trusted: true, root: deep[8].keyId, chain: deep.slice(1).map((k) => k.keyId), revoked: null, revocations: [], problems: [] } },
  { name: 'endorsement copied from another statement', keyId: K.forged.keyId, roots, loggedAt: T0, want: { trusted: false, root: null, chain: ids(K.forged), revoked: null, revocations: [], problems: [['statement.invalid', K.forged.keyId]] } },
  { name: 'the latest statement wins (key moved to the newsroom)', keyId: K.mover.keyId, roots, loggedAt: E2 - 1, want: { trusted: true, root: K.newsroom.keyId, chain: ids(K.mover, K.newsroom), revoked: null, revocations: [[K.newsroom.keyId, E2]], problems: [] } },
  { name: 'no trusted roots: untrusted is not invalid', keyId: K.device.keyId, roots: [], loggedAt: E1 - 1, want: { trusted: false, root: null, chain: ids(K.device, K.maker), revoked: null, revocations: [[K.device.keyId, E1], [K.device.keyId, E3]], problems: [['chain.unendorsed', K.maker.keyId]] } },
  { name: 'a trusted root itself', keyId: K.maker.keyId, roots, loggedAt: T0, want: { trusted: true, root: K.maker.keyId, chain: ids(K.maker), revoked: null, revocations: [], problems: [] } },
];
writeFileSync(OUT + 'statement-identity.json', JSON.stringify({
  source: 'Trust-evaluation scenarios for resolveIdentity. Statements and revocations generated as in statement-envelopes.json (independent of core); the expected chains, roots, revocations (keyId, effectiveAt[, reason, signedBy]) and problems (code, keyId) are written by hand from the rules of docs/PROTOCOL.md: latest valid statement per key, chain ≤ 8 keys, no cycles, revocation by the key or its endorser, a revocation applies to a signature logged at or after effectiveAt or with no log time, the earliest applicable revocation on the chain wins.',
  times: { T0, E1, E2, E3 },
  statements: allStatements,
  revocations: allRevocations,
  scenarios,
}, null, 2) + '\n');
console.log('statements ok', allStatements.length, allRevocations.length, scenarios.length);
