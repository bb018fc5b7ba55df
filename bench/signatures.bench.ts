/**
 * Signature verifications per second, per algorithm: core's noble path (value) against the node:crypto
 * path the API uses (baseline), on the same key, message and signature. secp256k1 has no node:crypto
 * path (OpenSSL cannot recover keys), so its baseline is noble itself.
 *
 * Goal: 5000 verifications/s on one core. A manifest carries a few signatures and the API verifies each
 * on ingest, so that is about 1000–2000 manifests/s per core before any database work — comfortably above
 * a newsroom-and-podcast ingest rate, and leaves the second core to the log sequencer. The extension uses
 * the noble path but verifies a handful of signatures per page, where even 500/s is instant.
 */
import { fastVerifyBytes } from '../api/crypto/fast-verify.ts';
import { utf8 } from '../core/bytes.ts';
import { ALGS } from '../core/crypto/algorithms.ts';
import { generateKey, signBytes, verifyBytes } from '../core/crypto/keys.ts';
import { signatureMessage } from '../core/crypto/signature-entry.ts';
import { type BenchFigure, figure, opsPerSecond } from './lib.ts';

const GOAL = 5000;

export async function run(): Promise<BenchFigure[]> {
  const out: BenchFigure[] = [];
  for (const alg of ALGS) {
    const key = generateKey(alg, () => new Uint8Array(32).fill(7));
    // A realistic message: the signed bytes of a signature entry.
    const message = signatureMessage({
      claim: '83be23c2ea20c564c05855534b4a99738fc26b4a0035374dec0b5aa98477bad9',
      alg,
      keyId: key.keyId,
      role: 'capture',
      signedAt: 1767225600000,
    });
    const payload = alg === 'secp256k1' ? utf8('Provenant signature v1\n'.padEnd(87, '0')) : message;
    const sig = signBytes(key, payload);
    if (!verifyBytes(alg, key.publicKey, payload, sig) || !fastVerifyBytes(alg, key.publicKey, payload, sig)) {
      throw new Error(`${alg}: benchmark signature does not verify`);
    }
    const noble = await opsPerSecond(() => verifyBytes(alg, key.publicKey, payload, sig), 1500);
    if (alg === 'secp256k1') {
      out.push(
        figure(
          `signatures.verify.${alg}`,
          noble,
          'verify/s',
          noble,
          GOAL,
          'noble only: node:crypto has no key recovery',
        ),
      );
    } else {
      const node = await opsPerSecond(() => fastVerifyBytes(alg, key.publicKey, payload, sig), 1500);
      out.push(
        figure(
          `signatures.verify.${alg}`,
          noble,
          'verify/s',
          node,
          GOAL,
          'value = core (noble), baseline = api fast path (node:crypto)',
        ),
      );
    }
  }
  return out;
}
