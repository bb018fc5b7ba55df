import { writeFileSync } from 'node:fs';
import * as nc from 'node:crypto';
import { hex, unhex, cat, utf8, be, beBytes, P256_N, nodeVerify } from './lib.mjs';
const OUT = '/work/main/tests/vectors/';
// RFC 6979 §A.2.5 (ECDSA, 256 bits (prime field)): key pair and the SHA-256 signatures.
const x = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
const Ux = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
const Uy = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
const rfcSigs = [
  { message: 'sample', k: 'a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60', r: 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716', s: 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8' },
  { message: 'test', k: 'd16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0', r: 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367', s: '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083' },
];
// Independent checks with node:crypto: the public key from x, and each RFC signature verifies.
const ecdh = nc.createECDH('prime256v1'); ecdh.setPrivateKey(Buffer.from(x, 'hex'));
const un = ecdh.getPublicKey(null, 'uncompressed').toString('hex');
if (un !== '04' + Ux + Uy) throw new Error('public key mismatch');
const compressed = ecdh.getPublicKey(null, 'compressed').toString('hex');
const half = P256_N >> 1n;
const deterministic = rfcSigs.map(({ message, k, r, s }) => {
  const sigHex = r + s;
  if (!nodeVerify('p256', unhex(compressed), utf8(message), unhex(sigHex))) throw new Error('RFC signature does not verify');
  const sv = be(unhex(s));
  const high = sv > half;
  const lowS = high ? hex(beBytes(P256_N - sv)) : s;
  return { name: `RFC 6979 A.2.5 SHA-256, message "${message}"`, message: hex(utf8(message)), k, rfcSignature: sigHex, rfcSIsHigh: high, signature: r + lowS };
});
const pk = compressed;
const msgHex = hex(utf8('sample'));
const good = deterministic[0].signature;
const r0 = good.slice(0, 64), s0 = good.slice(64);
const wantFalse = [
  { name: 'RFC 6979 "sample" signature as published (high S)', publicKey: pk, message: msgHex, signature: deterministic[0].rfcSignature, opensslAccepts: true },
  { name: 'RFC 6979 "test" signature with s replaced by n − s (high S)', publicKey: pk, message: deterministic[1].message, signature: deterministic[1].signature.slice(0, 64) + hex(beBytes(P256_N - be(unhex(deterministic[1].signature.slice(64))))) },
  { name: 'r = 0', publicKey: pk, message: msgHex, signature: '00'.repeat(32) + s0 },
  { name: 's = 0', publicKey: pk, message: msgHex, signature: r0 + '00'.repeat(32) },
  { name: 'r = n', publicKey: pk, message: msgHex, signature: hex(beBytes(P256_N)) + s0 },
  { name: 'r = 2^256 − 1 (≥ n)', publicKey: pk, message: msgHex, signature: 'ff'.repeat(32) + s0 },
  { name: 'signature of "sample" on message "samplf"', publicKey: pk, message: hex(utf8('samplf')), signature: good },
  { name: 'signature of "sample" under the other y parity', publicKey: (pk.startsWith('02') ? '03' : '02') + pk.slice(2), message: msgHex, signature: good },
];
for (const c of wantFalse) {
  try { c.opensslAccepts = nodeVerify('p256', unhex(c.publicKey), unhex(c.message), unhex(c.signature)); } catch { c.opensslAccepts = false; }
}
// x ≥ p and an x with no point.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
let offX = null;
for (let t = 1n; offX === null; t++) { try { nc.ECDH.convertKey(Buffer.from('02' + hex(beBytes(t)), 'hex'), 'prime256v1', null, null, 'compressed'); } catch { offX = t; } }
const derSig = (() => { const enc = (h) => { let b = Buffer.from(h, 'hex'); while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1); if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]); return Buffer.concat([Buffer.from([2, b.length]), b]); }; const body = Buffer.concat([enc(r0), enc(s0)]); return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('hex'); })();
const wantErr = [
  { name: 'uncompressed public key (65 bytes, 0x04 ‖ x ‖ y)', publicKey: un, message: msgHex, signature: good, wantErr: 'key.invalid' },
  { name: 'hybrid / wrong prefix 0x04 on 33 bytes', publicKey: '04' + Ux, message: msgHex, signature: good, wantErr: 'key.invalid' },
  { name: 'prefix 0x00 on 33 bytes', publicKey: '00' + Ux, message: msgHex, signature: good, wantErr: 'key.invalid' },
  { name: 'x = p (not a field element)', publicKey: '02' + hex(beBytes(P)), message: msgHex, signature: good, wantErr: 'key.invalid' },
  { name: `x = ${offX} (no curve point has it)`, publicKey: '02' + hex(beBytes(offX)), message: msgHex, signature: good, wantErr: 'key.invalid' },
  { name: 'raw 64-byte x ‖ y public key', publicKey: Ux + Uy, message: msgHex, signature: good, wantErr: 'key.invalid' },
  { name: 'DER-encoded signature', publicKey: pk, message: msgHex, signature: derSig, wantErr: 'signature.malformed' },
  { name: 'signature of 63 bytes', publicKey: pk, message: msgHex, signature: good.slice(0, 126), wantErr: 'signature.malformed' },
  { name: 'signature of 65 bytes', publicKey: pk, message: msgHex, signature: good + '00', wantErr: 'signature.malformed' },
];
writeFileSync(OUT + 'p256-ecdsa.json', JSON.stringify({
  source: 'deterministic: RFC 6979 §A.2.5 (P-256 key x, U) with the SHA-256 signatures for "sample" and "test"; k, r, s transcribed, the public key re-derived and both signatures verified with node:crypto. Provenant requires low S, so the expected signature is r ‖ min(s, n − s): for "sample" the RFC s is high and becomes n − s; for "test" it is already low. wantFalse/wantErr: the rules of docs/PROTOCOL.md (low S, 1 ≤ r, s < n, 33-byte compressed keys only) applied to mutations of those signatures; opensslAccepts records what plain node:crypto says (it accepts high S).',
  secretKey: x, publicKey: compressed, uncompressedPublicKey: un,
  deterministic, wantFalse, wantErr,
}, null, 2) + '\n');
console.log('p256 ok', deterministic.map((d) => d.rfcSIsHigh), offX, wantFalse.map((c) => c.opensslAccepts));
