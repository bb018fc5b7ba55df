// Independent generator for log-leaf.json and checkpoint-notes.json: Buffer + node:crypto only, no project code.
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
const sha = (...p) => { const h = createHash('sha256'); for (const x of p) h.update(x); return h.digest(); };
const hex = (b) => Buffer.from(b).toString('hex');
const u64 = (n) => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; };
const label = (s) => hex(sha(Buffer.from(s)));

// ---------------- log leaf
const KIND = { manifest: 1, cosignature: 2, keyStatement: 3, revocation: 4 };
const keyIdBytes = (id) => id.startsWith('0x') ? Buffer.concat([Buffer.alloc(12), Buffer.from(id.slice(2), 'hex')]) : Buffer.from(id, 'hex');
const enc = (f) => Buffer.concat([Buffer.from([1, KIND[f.kind]]), u64(f.receivedAt), Buffer.from(f.manifestDigest, 'hex'), Buffer.from(f.subjectDigest, 'hex'), keyIdBytes(f.signer)]);
const edKeyId = label('ed25519 key of a capture device');
const cases = [
  { name: 'manifest signed by an Ed25519 key', fields: { kind: 'manifest', receivedAt: 1767225600000, manifestDigest: label('claim: harbour at dawn'), subjectDigest: label('photo file'), signer: edKeyId } },
  { name: 'cosignature by a secp256k1 wallet (EIP-55 key id)', fields: { kind: 'cosignature', receivedAt: 1767225600001, manifestDigest: label('claim: episode 12'), subjectDigest: label('signature entry of guest'), signer: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' } },
  { name: 'key statement', fields: { kind: 'keyStatement', receivedAt: 1767225600002, manifestDigest: label('key statement'), subjectDigest: label('public key bytes'), signer: label('newsroom root key') } },
  { name: 'revocation of an address key id (subject = 12 zero bytes ‖ address)', fields: { kind: 'revocation', receivedAt: 1767225600003, manifestDigest: label('revocation statement'), subjectDigest: hex(keyIdBytes('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359')), signer: '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb' } },
  { name: 'revocation of a SHA-256 key id, time 0', fields: { kind: 'revocation', receivedAt: 0, manifestDigest: label('revocation 2'), subjectDigest: edKeyId, signer: edKeyId } },
  { name: 'largest time (2^53 - 1), all-digit address', fields: { kind: 'manifest', receivedAt: 9007199254740991, manifestDigest: label('m'), subjectDigest: label('s'), signer: '0x52908400098527886E0F7030069857D2E4169EE7' } },
];
for (const c of cases) { const b = enc(c.fields); if (b.length !== 106) throw new Error('len'); c.hex = hex(b); c.leafHash = hex(sha(Buffer.from([0]), b)); }
const base = Buffer.from(cases[0].hex, 'hex');
const mut = (f) => { const b = Buffer.from(base); f(b); return hex(b); };
const leafVectors = {
  source: 'Log leaf layout of docs/PROTOCOL.md ("Log leaf"): version u8 = 1 ‖ kind u8 ‖ receivedAt u64be ms ‖ manifestDigest 32 ‖ subjectDigest 32 ‖ signer 32 = 106 bytes; leafHash = SHA-256(0x00 ‖ leaf). Encodings computed by a scratch script with Buffer.concat and node:crypto (no project code); digests are SHA-256 of labels; EIP-55 addresses are the test cases of EIP-55 (eips.ethereum.org/EIPS/eip-55). decodeWantErr are hand mutations of the first case; encodeWantErr are invalid field sets.',
  eip55: {
    valid: ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', '0x52908400098527886E0F7030069857D2E4169EE7', '0x8617E340B3D01FA5F11F306F4090FD50E238070D', '0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26'],
    invalid: ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', '0x8617e340B3D01FA5F11F306F4090FD50E238070D', '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd'],
  },
  valid: cases,
  decodeWantErr: [
    { name: '105 bytes', hex: cases[0].hex.slice(0, 210), code: 'input.invalid' },
    { name: '107 bytes', hex: cases[0].hex + '00', code: 'input.invalid' },
    { name: 'empty', hex: '', code: 'input.invalid' },
    { name: 'version 0', hex: mut((b) => { b[0] = 0; }), code: 'input.invalid' },
    { name: 'version 2', hex: mut((b) => { b[0] = 2; }), code: 'input.invalid' },
    { name: 'kind 0', hex: mut((b) => { b[1] = 0; }), code: 'input.invalid' },
    { name: 'kind 5', hex: mut((b) => { b[1] = 5; }), code: 'input.invalid' },
    { name: 'receivedAt = 2^53', hex: mut((b) => { b.writeBigUInt64BE(1n << 53n, 2); }), code: 'input.invalid' },
    { name: 'receivedAt = 2^64 - 1', hex: mut((b) => { b.writeBigUInt64BE((1n << 64n) - 1n, 2); }), code: 'input.invalid' },
  ],
  encodeWantErr: [
    { name: 'unknown kind', fields: { ...cases[0].fields, kind: 'comment' }, code: 'input.invalid' },
    { name: 'upper-case digest', fields: { ...cases[0].fields, manifestDigest: cases[0].fields.manifestDigest.toUpperCase() }, code: 'input.invalid' },
    { name: '31-byte digest', fields: { ...cases[0].fields, subjectDigest: cases[0].fields.subjectDigest.slice(2) }, code: 'input.invalid' },
    { name: 'negative time', fields: { ...cases[0].fields, receivedAt: -1 }, code: 'input.invalid' },
    { name: 'fractional time', fields: { ...cases[0].fields, receivedAt: 1.5 }, code: 'input.invalid' },
    { name: 'time 2^53', fields: { ...cases[0].fields, receivedAt: 9007199254740992 }, code: 'input.invalid' },
    { name: 'signer: address with a wrong checksum', fields: { ...cases[0].fields, signer: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' }, code: 'input.invalid' },
    { name: 'signer: all-lower-case address that needs a checksum', fields: { ...cases[0].fields, signer: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }, code: 'input.invalid' },
    { name: 'signer: upper-case SHA-256 key id', fields: { ...cases[0].fields, signer: edKeyId.toUpperCase() }, code: 'input.invalid' },
    { name: 'signer: SHA-256 key id with 12 leading zero bytes (would read back as an address)', fields: { ...cases[0].fields, signer: '0'.repeat(24) + edKeyId.slice(24) }, code: 'input.invalid' },
    { name: 'signer: 20-byte hex without 0x', fields: { ...cases[0].fields, signer: '5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }, code: 'input.invalid' },
  ],
};
writeFileSync('/work/main/tests/vectors/log-leaf.json', JSON.stringify(leafVectors, null, 2) + '\n');

// ---------------- checkpoints and notes
const b64 = (b) => Buffer.from(b).toString('base64');
const edPriv = (seed) => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
const edPubRaw = (seed) => createPublicKey(edPriv(seed)).export({ format: 'der', type: 'spki' }).subarray(12);
const keyHash = (name, pub) => sha(Buffer.from(name + '\n'), Buffer.from([1]), pub).subarray(0, 4);
const vkey = (name, pub) => `${name}+${hex(keyHash(name, pub))}+${b64(Buffer.concat([Buffer.from([1]), pub]))}`;
const skey = (name, seed) => `PRIVATE+KEY+${name}+${hex(keyHash(name, edPubRaw(seed)))}+${b64(Buffer.concat([Buffer.from([1]), seed]))}`;
const sigLine = (name, seed, text) => `— ${name} ${b64(Buffer.concat([keyHash(name, edPubRaw(seed)), sign(null, Buffer.from(text), edPriv(seed))]))}\n`;

// Go sumdb/note example (golang.org/x/mod sumdb/note/note_test.go).
const peterSeed = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const peterV = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochV = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterSig = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
if (vkey('PeterNeumann', edPubRaw(peterSeed)) !== peterV) throw new Error('peter vkey');
if (sigLine('PeterNeumann', peterSeed, goText) !== peterSig) throw new Error('peter sig');
const ins = (s) => s.slice(0, 60) + 'ABCD' + s.slice(60);

// Provenant checkpoint signed with test-only keys (seeds = SHA-256 of labels).
const logSeed = sha(Buffer.from('provenant test-only log key'));
const witSeed = sha(Buffer.from('provenant test-only witness key'));
const logName = 'log.provenant.example';
const witName = 'witness.example/w1';
const root8 = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');
const cpBody = `${logName}\n8\n${b64(root8)}\n`;
const cpNote = `${cpBody}\n${sigLine(logName, logSeed, cpBody)}${sigLine(witName, witSeed, cpBody)}`;
const extBody = `${logName}\n0\n${b64(sha(Buffer.alloc(0)))}\nanchor 31337 0x0000000000000000000000000000000000000000\n`;
const extNote = `${extBody}\n${sigLine(logName, logSeed, extBody)}`;
// Double-check the test keys verify with node:crypto.
for (const [note, body] of [[cpNote, cpBody], [extNote, extBody]]) {
  const line = note.slice(body.length + 1).split('\n')[0];
  const raw = Buffer.from(line.split(' ')[2], 'base64');
  if (!verify(null, Buffer.from(body), createPublicKey(edPriv(logSeed)), raw.subarray(4))) throw new Error('self-verify');
}
const sumV = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const sumdb = [
  ['go.sum database tree\n15368405\n/g9am3I6YWNKaZX/jkne1fqd9zEyjss+JXyPXG0WfkY=\n', 'Az3grqJGUaSGukG9p8nI2vKgiFn7qGHxn0W+mrwyI6Gz3F0t1J3LzmWk/p96Ybf295EjwdSwlzgijq5WA9d1Ded7owM='],
  ['go.sum database tree\n3784599\n7uvxIZ67TZygcq/AehTD8iHYt81Ih+Zl2Y7vXZbfszQ=\n', 'Az3grn972wXskjQrsZhVGc93fTU2uOsmSTiId1Wn1lxDCup5z4ggl1/4gaUqOkMa6cMbYvjB7hn7yemNr7Zqanol/go='],
  ['go.sum database tree\n63512409\nF7eHRPqN/cqPtqti14NKdGGaI1Giw8coWP3KxihFZbg=\n', 'Az3gri1OBHKT87Xj8UXU8zjoHGy/X+7Nl94f8TZkELVaasolmGApUsWqwVG9vE6hgqYb/ph/w2vdkLIVRH7bMB/FPQ4='],
];
const sumPub = Buffer.from(sumV.split('+').slice(2).join('+'), 'base64').subarray(1);
for (const [body, s] of sumdb) if (!verify(null, Buffer.from(body), createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), sumPub]), format: 'der', type: 'spki' }), Buffer.from(s, 'base64').subarray(4))) throw new Error('sumdb');
const sumNotes = sumdb.map(([body, s]) => ({ note: `${body}\n— sum.golang.org ${s}\n`, body }));
const tamperedSum = sumNotes[0].note.replace('15368405', '15368406');

const cpVectors = {
  source: 'c2sp.org/signed-note and c2sp.org/tlog-checkpoint. "go" cases: the PeterNeumann/EnochRoot keys, note and signatures of golang.org/x/mod sumdb/note/note_test.go (TestSign, TestOpen, TestNewVerifier, TestNewSigner), with our outcomes (Go returns errors where we report failedBy or an empty verifiedBy). "sumdb" cases: real checkpoints signed by sum.golang.org (key from cmd/go/internal/modfetch/key.go), copied from public sumdb lookup outputs; each verified with node:crypto Ed25519 before inclusion. "provenant" cases: checkpoints over the 8-leaf RFC 6962 test tree signed with test-only keys whose seeds are SHA-256("provenant test-only log key") and SHA-256("provenant test-only witness key"), produced by a scratch script with node:crypto Ed25519 (deterministic, so signNote must reproduce the exact text).',
  keys: {
    peter: { verifierKey: peterV, signerKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz' },
    enoch: { verifierKey: enochV },
    sumdb: { verifierKey: sumV },
    log: { name: logName, seedHex: hex(logSeed), publicKeyHex: hex(edPubRaw(logSeed)), verifierKey: vkey(logName, edPubRaw(logSeed)), signerKey: skey(logName, logSeed) },
    witness: { name: witName, seedHex: hex(witSeed), publicKeyHex: hex(edPubRaw(witSeed)), verifierKey: vkey(witName, edPubRaw(witSeed)) },
  },
  sign: [
    { name: 'go TestSign', signer: 'peter', body: goText, note: goText + '\n' + peterSig },
    { name: 'provenant checkpoint, log then witness', signers: ['log', 'witness'], body: cpBody, note: cpNote },
    { name: 'provenant checkpoint with an extension line', signer: 'log', body: extBody, note: extNote },
  ],
  open: [
    { name: 'go: one known key of two', note: goText + '\n' + peterSig + enochSig, keys: ['peter'], body: goText, verifiedBy: ['PeterNeumann'], failedBy: [], unknown: ['EnochRoot'] },
    { name: 'go: both known', note: goText + '\n' + peterSig + enochSig, keys: ['peter', 'enoch'], body: goText, verifiedBy: ['PeterNeumann', 'EnochRoot'], failedBy: [], unknown: [] },
    { name: 'go: no known key', note: goText + '\n' + peterSig + enochSig, keys: [], body: goText, verifiedBy: [], failedBy: [], unknown: ['PeterNeumann', 'EnochRoot'] },
    { name: 'go: corrupted signature by a known key rejects the note', note: goText + '\n' + ins(peterSig), keys: ['peter'], body: goText, verifiedBy: [], failedBy: ['PeterNeumann'], unknown: [] },
    { name: 'one good and one corrupted known signature: the whole note is rejected', note: goText + '\n' + peterSig + ins(enochSig), keys: ['peter', 'enoch'], body: goText, verifiedBy: [], failedBy: ['EnochRoot'], unknown: [] },
    { name: 'go: repeated lines are dropped', note: goText + '\n' + peterSig + peterSig + enochSig + enochSig + ins(enochSig), keys: ['peter'], body: goText, verifiedBy: ['PeterNeumann'], failedBy: [], unknown: ['EnochRoot', 'EnochRoot'] },
    { name: 'go: a known name with another key hash is an unknown key', note: goText + '\n' + peterSig.replace('x08g', 'xxxx'), keys: ['peter'], body: goText, verifiedBy: [], failedBy: [], unknown: ['PeterNeumann'] },
    ...sumNotes.map((s, i) => ({ name: `sumdb checkpoint ${i}`, note: s.note, keys: ['sumdb'], body: s.body, verifiedBy: ['sum.golang.org'], failedBy: [], unknown: [] })),
    { name: 'sumdb checkpoint with a changed tree size', note: tamperedSum, keys: ['sumdb'], body: tamperedSum.split('\n\n')[0] + '\n', verifiedBy: [], failedBy: ['sum.golang.org'], unknown: [] },
    { name: 'provenant: log key only, witness unknown', note: cpNote, keys: ['log'], body: cpBody, verifiedBy: [logName], failedBy: [], unknown: [witName] },
    { name: 'provenant: log and witness', note: cpNote, keys: ['log', 'witness'], body: cpBody, verifiedBy: [logName, witName], failedBy: [], unknown: [] },
  ],
  checkpoints: [
    { body: cpBody, origin: logName, treeSize: 8, rootHashHex: hex(root8), extensions: [] },
    { body: extBody, origin: logName, treeSize: 0, rootHashHex: hex(sha(Buffer.alloc(0))), extensions: ['anchor 31337 0x0000000000000000000000000000000000000000'] },
    ...sumNotes.map((s) => { const [origin, size, root] = s.body.split('\n'); return { body: s.body, origin, treeSize: Number(size), rootHashHex: hex(Buffer.from(root, 'base64')), extensions: [] }; }),
  ],
  openWantErr: [
    { name: 'go: text only', note: goText, code: 'input.invalid' },
    { name: 'go: blank line, no signatures', note: goText + '\n', code: 'input.invalid' },
    { name: 'go: no final newline', note: goText + '\n' + peterSig.slice(0, -1), code: 'input.invalid' },
    { name: 'go: control character', note: '\x01' + goText + '\n' + peterSig, code: 'input.invalid' },
    { name: 'go: invalid UTF-8 (bytes)', noteHex: 'ff' + hex(Buffer.from(goText + '\n' + peterSig)), code: 'input.invalid' },
    { name: 'go: name with a space', note: goText + '\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n', code: 'input.invalid' },
    { name: 'go: unexpected line after the signatures', note: goText + '\n' + peterSig + 'Unexpected line.\n', code: 'input.invalid' },
    { name: 'go: 101 signatures', note: goText + '\n' + peterSig.repeat(101), code: 'input.tooLarge' },
    { name: 'signature shorter than 5 bytes', note: goText + '\n— PeterNeumann AAAA\n', code: 'input.invalid' },
    { name: 'signature base64 without padding', note: goText + '\n' + peterSig.replace('AM=\n', 'AM\n'), code: 'input.invalid' },
    { name: 'tab in the body', note: 'a\tb\n\n' + peterSig, code: 'input.invalid' },
    { name: 'carriage return line ends', note: goText.replaceAll('\n', '\r\n') + '\r\n' + peterSig, code: 'input.invalid' },
    { name: 'provenant: body is not a checkpoint', note: goText + '\n' + peterSig, keys: ['peter'], code: 'input.invalid' },
  ],
  checkpointWantErr: [
    { name: 'no final newline', body: `${logName}\n8\n${b64(root8)}` },
    { name: 'two lines', body: `${logName}\n8\n` },
    { name: 'empty origin', body: `\n8\n${b64(root8)}\n` },
    { name: 'leading zero', body: `${logName}\n08\n${b64(root8)}\n` },
    { name: 'plus sign', body: `${logName}\n+8\n${b64(root8)}\n` },
    { name: 'negative', body: `${logName}\n-1\n${b64(root8)}\n` },
    { name: 'exponent', body: `${logName}\n1e3\n${b64(root8)}\n` },
    { name: 'size 2^53 (beyond safe integers)', body: `${logName}\n9007199254740992\n${b64(root8)}\n` },
    { name: 'size 2^64', body: `${logName}\n18446744073709551616\n${b64(root8)}\n` },
    { name: 'root base64url', body: `${logName}\n8\n${b64(root8).replaceAll('+', '-').replaceAll('/', '_')}\n` },
    { name: 'root unpadded', body: `${logName}\n8\n${b64(root8).replace('=', '')}\n` },
    { name: 'root of 31 bytes', body: `${logName}\n8\n${b64(root8.subarray(1))}\n` },
    { name: 'root of 33 bytes', body: `${logName}\n8\n${b64(Buffer.concat([root8, Buffer.from([0])]))}\n` },
    { name: 'root with non-zero trailing bits', body: `${logName}\n8\n${b64(root8).slice(0, 42)}R=\n` },
    { name: 'empty extension line', body: `${logName}\n8\n${b64(root8)}\n\n` },
    { name: 'control character in origin', body: `${logName}\u0007\n8\n${b64(root8)}\n` },
  ],
  verifierKeyWantErr: [
    { name: 'go: wrong length key, with adjusted key hash', key: 'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==', code: 'key.invalid' },
    { name: 'go: unknown algorithm, with adjusted key hash', key: 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', code: 'key.unsupportedAlg' },
    { name: 'wrong key hash', key: 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', code: 'key.invalid' },
    { name: 'upper-case key hash', key: 'PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', code: 'key.invalid' },
    { name: 'name with a space', key: 'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', code: 'key.invalid' },
    { name: 'no key data', key: 'PeterNeumann+c74f20a3', code: 'key.invalid' },
    { name: 'empty name', key: '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', code: 'key.invalid' },
  ],
};
writeFileSync('/work/main/tests/vectors/checkpoint-notes.json', JSON.stringify(cpVectors, null, 2) + '\n');
console.log('ok', leafVectors.valid.length, cpVectors.open.length);
