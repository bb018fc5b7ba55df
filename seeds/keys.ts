/**
 * The demo's TEST-ONLY keys. Each secret is derived at run time from a public label (random.ts), so these keys
 * prove nothing: every name says so, and they exist only inside the demo data directory. Endorsers come before
 * the keys they endorse.
 */
import { join } from 'node:path';
import type { Alg } from '../core/crypto/algorithms.ts';
import type { Subject } from '../core/crypto/statements.ts';
import { createKeyFile, type LoadedKey, writeKeyFile } from '../signer/index.ts';
import { DEMO_TIMES } from './clock.ts';
import { fixedRandom } from './random.ts';

export const TEST_ONLY = '(TEST-ONLY demo key)';

export type DemoKeyName = 'maker' | 'camera' | 'newsroom' | 'photoDesk' | 'host' | 'guest' | 'viral';

interface DemoKeySpec {
  alg: Alg;
  subject: Subject;
  endorsedBy?: DemoKeyName;
}

/**
 * Camera keys live in a secure element (P-256); the guest co-signs with an Ethereum wallet (secp256k1). The viral
 * reposter is a self-declared person nobody endorses: it signs the tampered copy's derivative claim.
 */
export const DEMO_KEY_SPECS: Readonly<Record<DemoKeyName, DemoKeySpec>> = {
  maker: { alg: 'ed25519', subject: { name: `Halden Optics ${TEST_ONLY}`, kind: 'org' } },
  camera: {
    alg: 'p256',
    subject: {
      name: `Halden K7 camera, serial 00417 ${TEST_ONLY}`,
      kind: 'device',
      maker: 'Halden Optics',
      model: 'K7',
    },
    endorsedBy: 'maker',
  },
  newsroom: { alg: 'ed25519', subject: { name: `The Harbour Ledger newsroom ${TEST_ONLY}`, kind: 'org' } },
  photoDesk: {
    alg: 'ed25519',
    subject: { name: `Priya Aalders, Harbour Ledger photo desk ${TEST_ONLY}`, kind: 'person' },
    endorsedBy: 'newsroom',
  },
  host: { alg: 'ed25519', subject: { name: `Ines Valcourt, host of Chain of Custody ${TEST_ONLY}`, kind: 'person' } },
  guest: { alg: 'secp256k1', subject: { name: `Dr. Tobiah Renn, guest ${TEST_ONLY}`, kind: 'person' } },
  viral: { alg: 'ed25519', subject: { name: `Viral reposter ${TEST_ONLY}`, kind: 'person' } },
};

/** Creation order: every endorser before the keys it endorses. */
export const DEMO_KEY_ORDER: readonly DemoKeyName[] = [
  'maker',
  'camera',
  'newsroom',
  'photoDesk',
  'host',
  'guest',
  'viral',
];

export type DemoKeys = Readonly<Record<DemoKeyName, LoadedKey>>;

export function keyFilePath(keysDir: string, name: DemoKeyName): string {
  return join(keysDir, `${name}.test-only.key.json`);
}

/** Derives every demo key and writes its key file (mode 0600) into `keysDir`, replacing any previous copy. */
export async function createDemoKeys(keysDir: string): Promise<DemoKeys> {
  const keys: Partial<Record<DemoKeyName, LoadedKey>> = {};
  for (const name of DEMO_KEY_ORDER) {
    const spec = DEMO_KEY_SPECS[name];
    const endorser = spec.endorsedBy === undefined ? undefined : keys[spec.endorsedBy];
    const loaded = await createKeyFile({
      alg: spec.alg,
      subject: spec.subject,
      issuedAt: DEMO_TIMES.keysIssued,
      randomBytes: fixedRandom(`key/${name}`),
      ...(endorser ? { endorser } : {}),
    });
    await writeKeyFile(keyFilePath(keysDir, name), loaded.file, true);
    keys[name] = loaded;
  }
  return keys as DemoKeys;
}
