import { writeFileSync } from 'node:fs';
import { Wallet, SigningKey, getAddress, hashMessage, verifyMessage, recoverAddress, keccak256, computeAddress } from 'ethers';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex, unhex, utf8, be, beBytes, K1_N, cat } from './lib.mjs';
const OUT = '/work/main/tests/vectors/';
const published = [
  { name: 'web3.js docs: web3.eth.accounts.sign("Some data", …)', url: 'https://docs.web3js.org/api/web3-eth-accounts/function/sign', secretKey: '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', text: 'Some data', messageHash: '1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655', signature: 'b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c' },
  { name: 'viem docs: account.signMessage({message: "hello world"}) with the Anvil/Hardhat default account #0', url: 'https://viem.sh/docs/accounts/signMessage', secretKey: 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80', text: 'hello world', signature: 'a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b' },
];
const valid = published.map((p) => {
  const w = new Wallet('0x' + p.secretKey);
  const sig = w.signMessageSync(p.text).slice(2);
  if (sig !== p.signature) throw new Error(`${p.name}: ethers disagrees`);
  const mh = hashMessage(p.text).slice(2);
  if (p.messageHash && mh !== p.messageHash) throw new Error('hash mismatch');
  return { name: p.name, url: p.url, secretKey: p.secretKey, publicKey: SigningKey.computePublicKey(w.signingKey.publicKey, true).slice(2), address: w.address, message: hex(utf8(p.text)), text: p.text, eip191Hash: mh, signature: p.signature };
});
const v0 = valid[0];
const sig0 = unhex(v0.signature);
const r = sig0.subarray(0, 32), s = sig0.subarray(32, 64), v = sig0[64];
const flipV = (b) => { const c = Uint8Array.from(b); c[64] = c[64] === 27 ? 28 : 27; return c; };
const highS = cat(r, beBytes(K1_N - be(s)), [v === 27 ? 28 : 27]);
// Plain ecrecover accepts the high-S twin and returns the same address: it must be rejected here.
const twinRecovers = hex(secp256k1.recoverPublicKey(cat([highS[64] - 27], highS.subarray(0, 64)), unhex(hashMessage(v0.text).slice(2)), { prehash: false })) === v0.publicKey;
if (!twinRecovers) throw new Error('high-S twin should recover the same address under plain ecrecover');
const wantFalse = [
  { name: 'high-S twin (n − s, v flipped): plain ECDSA recovery (like the EVM ecrecover precompile) returns the same key', publicKey: v0.publicKey, message: v0.message, signature: hex(highS), plainRecoveryGivesSameKey: twinRecovers },
  { name: 'v flipped (27 ↔ 28): recovers a different key', publicKey: v0.publicKey, message: v0.message, signature: hex(flipV(sig0)) },
  { name: 'message changed ("Some data.")', publicKey: v0.publicKey, message: hex(utf8('Some data.')), signature: v0.signature },
  { name: 'the other published key', publicKey: valid[1].publicKey, message: v0.message, signature: v0.signature },
  { name: 'r = 0', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(new Uint8Array(32), s, [v])) },
  { name: 's = 0', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(r, new Uint8Array(32), [v])) },
  { name: 'r = n', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(beBytes(K1_N), s, [v])) },
];
const wantErr = [
  { name: 'v = 0 (raw recovery id instead of 27)', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(r, s, [v - 27])), wantErr: 'signature.malformed' },
  { name: 'v = 1', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(r, s, [1])), wantErr: 'signature.malformed' },
  { name: 'v = 29', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(r, s, [29])), wantErr: 'signature.malformed' },
  { name: '64-byte signature (no v)', publicKey: v0.publicKey, message: v0.message, signature: hex(cat(r, s)), wantErr: 'signature.malformed' },
  { name: 'uncompressed public key', publicKey: new Wallet('0x' + v0.secretKey).signingKey.publicKey.slice(2), message: v0.message, signature: v0.signature, wantErr: 'key.invalid' },
  { name: 'x with no curve point (x = 5)', publicKey: '02' + hex(beBytes(5n)), message: v0.message, signature: v0.signature, wantErr: 'key.invalid' },
];
writeFileSync(OUT + 'eip191-personal-sign.json', JSON.stringify({
  source: 'valid: published EIP-191 personal_sign examples — web3.js docs (web3.eth.accounts.sign, private key 0x4c08…2318, "Some data", messageHash and signature as printed) and viem docs (signMessage "hello world" → 0xa461…5b1b, reproduced with the Anvil/Hardhat default account #0 key); each re-derived byte for byte with ethers v6 (Wallet.signMessageSync, hashMessage), and the address and compressed public key taken from ethers. wantFalse/wantErr: the rules of docs/PROTOCOL.md (low S, v ∈ {27, 28}, 33-byte compressed keys) on mutations of the web3.js vector; the high-S twin recovers the same key under plain ECDSA recovery (checked with noble recoverPublicKey; ethers v6 itself refuses it as non-canonical s) and must be rejected here.',
  valid, wantFalse, wantErr,
}, null, 2) + '\n');

// EIP-55 examples from the EIP text (https://eips.ethereum.org/EIPS/eip-55, "Test Cases"), checked with ethers.getAddress.
const eip55 = [
  '0x52908400098527886E0F7030069857D2E4169EE7', '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];
for (const a of eip55) if (getAddress(a.toLowerCase()) !== a) throw new Error(`EIP-55 example ${a} disagrees with ethers`);
const notChecksummed = [
  { name: 'lower-case spelling of a mixed-case address', address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
  { name: 'one letter with the wrong case', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' },
  { name: 'upper-case 0X prefix', address: '0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  { name: '39 hex digits', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe' },
  { name: 'no 0x prefix', address: '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  { name: 'non-hex character', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg' },
];
const derivation = [
  { name: 'secret key 1 (the generator point)', secretKey: hex(beBytes(1n)) },
  { name: 'web3.js docs key', secretKey: valid[0].secretKey },
  { name: 'Anvil/Hardhat default account #0', secretKey: valid[1].secretKey },
].map((d) => { const w = new Wallet('0x' + d.secretKey); return { ...d, publicKey: SigningKey.computePublicKey(w.signingKey.publicKey, true).slice(2), uncompressedPublicKey: w.signingKey.publicKey.slice(2), address: w.address }; });
if (derivation[0].address !== '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf') throw new Error('generator address');
if (derivation[2].address !== '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266') throw new Error('anvil address');
writeFileSync(OUT + 'eip191-addresses.json', JSON.stringify({
  source: 'checksummed: the test cases of EIP-55 (https://eips.ethereum.org/EIPS/eip-55: all caps, all lower, normal), each checked with ethers.getAddress. derivation: address = EIP-55(last 20 bytes of keccak-256(uncompressed key without 0x04)), computed with ethers v6 (computeAddress) for secret key 1, the web3.js docs key and the Anvil/Hardhat account #0 key (published address 0xf39F…2266). notChecksummed: spellings a key id must not have.',
  checksummed: eip55, notChecksummed, derivation,
}, null, 2) + '\n');
console.log('eip191 ok', twinRecovers);
