/** The service's Ed25519 key: signs checkpoints (as the log's note key) and submission receipts. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64urlToBytes, bytesToBase64url } from '../core/bytes.ts';
import { keyFromSecret, type SigningKey } from '../core/crypto/keys.ts';

export function serviceKeyFromConfig(serviceKey: string | undefined, dataDir: string): SigningKey {
  if (serviceKey) return keyFromSecret('ed25519', base64urlToBytes(serviceKey, 32));
  const path = join(dataDir, 'service-key.json');
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { secretKey: string };
    return keyFromSecret('ed25519', base64urlToBytes(stored.secretKey, 32));
  }
  mkdirSync(dataDir, { recursive: true });
  const key = keyFromSecret('ed25519', globalThis.crypto.getRandomValues(new Uint8Array(32)));
  const body = {
    alg: 'ed25519',
    keyId: key.keyId,
    publicKey: bytesToBase64url(key.publicKey),
    secretKey: bytesToBase64url(key.secretKey),
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}
