// Independent reference helpers for vector generation: node:crypto + ethers + a sorted-keys JSON canonicaliser.
import * as nc from 'node:crypto';
import { Wallet, SigningKey, computeAddress } from 'ethers';

export const hex = (b) => Buffer.from(b).toString('hex');
export const unhex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
export const b64u = (b) => Buffer.from(b).toString('base64url');
export const utf8 = (s) => Uint8Array.from(Buffer.from(s, 'utf8'));
export const cat = (...a) => Uint8Array.from(Buffer.concat(a.map((x) => Buffer.from(x))));
export const sha256 = (b) => Uint8Array.from(nc.createHash('sha256').update(b).digest());
export const sha512 = (b) => Uint8Array.from(nc.createHash('sha512').update(b).digest());

// Sorted-keys JSON.stringify: equals RFC 8785 for objects of ASCII strings, safe integers, nested objects/arrays.
export function jcs(v) {
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`;
  }
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error('only safe integers');
  return JSON.stringify(v);
}

export const tagPrefix = (name) => cat([name.length], utf8(name));
export const TAG = {
  signature: 'provenant/v1/signature',
  keyId: 'provenant/v1/key-id',
  keyStatement: 'provenant/v1/key-statement',
  revocation: 'provenant/v1/revocation',
};
export const taggedHash = (tag, ...parts) => sha256(cat(tagPrefix(tag), ...parts));

export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
export const K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
export const be = (b) => BigInt('0x' + (hex(b) || '0'));
export const beBytes = (n, len = 32) => unhex(n.toString(16).padStart(len * 2, '0'));

export function makeKey(alg, label) {
  const seed = sha256(utf8(`provenant test-only key: ${label}`));
  if (alg === 'ed25519') {
    const priv = nc.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
    const publicKey = unhex(Buffer.from(nc.createPublicKey(priv).export({ format: 'jwk' }).x, 'base64url').toString('hex'));
    return { alg, label, secretKey: seed, publicKey, keyId: hex(taggedHash(TAG.keyId, utf8(alg), [0], publicKey)), sign: (m) => Uint8Array.from(nc.sign(null, m, priv)) };
  }
  if (alg === 'p256') {
    const d = (be(seed) % (P256_N - 1n)) + 1n;
    const secretKey = beBytes(d);
    const ecdh = nc.createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(secretKey));
    const publicKey = Uint8Array.from(ecdh.getPublicKey(null, 'compressed'));
    const un = ecdh.getPublicKey(null, 'uncompressed');
    const priv = nc.createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(secretKey), x: b64u(un.subarray(1, 33)), y: b64u(un.subarray(33)) }, format: 'jwk' });
    const sign = (m) => {
      const sig = Uint8Array.from(nc.sign('sha256', m, { key: priv, dsaEncoding: 'ieee-p1363' }));
      const s = be(sig.subarray(32));
      return s > P256_N / 2n ? cat(sig.subarray(0, 32), beBytes(P256_N - s)) : sig;
    };
    return { alg, label, secretKey, publicKey, uncompressed: Uint8Array.from(un), keyId: hex(taggedHash(TAG.keyId, utf8(alg), [0], publicKey)), sign };
  }
  const wallet = new Wallet('0x' + hex(seed));
  const publicKey = unhex(SigningKey.computePublicKey(wallet.signingKey.publicKey, true).slice(2));
  return { alg, label, secretKey: seed, publicKey, keyId: wallet.address, wallet, sign: (m) => unhex(wallet.signMessageSync(m).slice(2)) };
}

export function signatureMessage(fields) {
  return cat(tagPrefix(TAG.signature), utf8(jcs({ v: 1, ...fields })));
}
export function payloadFor(alg, message) {
  return alg === 'secp256k1' ? utf8(`Provenant signature v1\n${hex(sha256(message))}`) : message;
}
export function signEntry(key, claimHex, role, signedAt) {
  const fields = { claim: claimHex, alg: key.alg, keyId: key.keyId, role, signedAt };
  const message = signatureMessage(fields);
  const payload = payloadFor(key.alg, message);
  const sig = key.sign(payload);
  return { entry: { alg: key.alg, keyId: key.keyId, publicKey: b64u(key.publicKey), role, signedAt, sig: b64u(sig) }, message, payload };
}

export function nodeVerify(alg, publicKey, message, sig) {
  if (alg === 'ed25519') {
    const k = nc.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(publicKey) }, format: 'jwk' });
    return nc.verify(null, message, k, sig);
  }
  const spki = Buffer.concat([Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex'), Buffer.from(publicKey)]);
  const k = nc.createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return nc.verify('sha256', message, { key: k, dsaEncoding: 'ieee-p1363' }, sig);
}
export { computeAddress, Wallet };
