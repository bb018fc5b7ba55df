/** The three signature algorithms (invariant 4) and their fixed wire sizes. */
import { ProvenantError } from '../errors.ts';

export const ALGS = ['ed25519', 'p256', 'secp256k1'] as const;
export type Alg = (typeof ALGS)[number];

/** Byte lengths on the wire: public keys are raw Ed25519 or 33-byte compressed SEC1 points. */
export const ALG_SIZES: Readonly<Record<Alg, { publicKey: number; secretKey: number; signature: number }>> = {
  ed25519: { publicKey: 32, secretKey: 32, signature: 64 },
  p256: { publicKey: 33, secretKey: 32, signature: 64 },
  secp256k1: { publicKey: 33, secretKey: 32, signature: 65 },
};

export function isAlg(value: unknown): value is Alg {
  return typeof value === 'string' && (ALGS as readonly string[]).includes(value);
}

export function assertAlg(value: unknown): asserts value is Alg {
  if (!isAlg(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 32)) : typeof value;
    throw new ProvenantError('key.unsupportedAlg', `unsupported signature algorithm ${shown}`);
  }
}

/** Public key bytes of the right type and length, else `key.invalid`. */
export function assertPublicKeyBytes(alg: Alg, publicKey: unknown): asserts publicKey is Uint8Array {
  const want = ALG_SIZES[alg].publicKey;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== want) {
    throw new ProvenantError('key.invalid', `${alg} public key must be ${want} bytes`);
  }
}

/** Signature bytes of the right type and length, else `signature.malformed`. */
export function assertSignatureBytes(alg: Alg, sig: unknown): asserts sig is Uint8Array {
  const want = ALG_SIZES[alg].signature;
  if (!(sig instanceof Uint8Array) || sig.length !== want) {
    throw new ProvenantError('signature.malformed', `${alg} signature must be ${want} bytes`);
  }
}
