import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRevocation } from '../../core/crypto/revocation.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { loadKeyFile, readKeyFile } from '../../signer/keyfile.ts';
import { codesOf, runCli } from './cli.ts';
import { tempDir, writePicture } from './fixtures.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const paths = {
  newsroom: join(dir, 'newsroom.json'),
  host: join(dir, 'host.json'),
  guestA: join(dir, 'guest-a.json'),
  guestB: join(dir, 'guest-b.json'),
  outsider: join(dir, 'outsider.json'),
};
const ids: Record<keyof typeof paths, string> = { newsroom: '', host: '', guestA: '', guestB: '', outsider: '' };
let photo: string;
let manifest: string;

async function keygen(name: keyof typeof paths, extra: string[] = []) {
  const r = await runCli(['keygen', '--name', name, '--kind', 'person', '--out', paths[name], '--json', ...extra]);
  expect(r.code).toBe(0);
  ids[name] = JSON.parse(r.stdout).keyId;
}

async function verify(...args: string[]) {
  const r = await runCli(['verify', ...args, '--json']);
  expect(r.code === 2 ? r.stderr : '').toBe('');
  return { code: r.code, codes: codesOf(r.stdout), report: JSON.parse(r.stdout) };
}

beforeAll(async () => {
  await keygen('newsroom', ['--alg', 'p256']);
  await keygen('host', ['--endorse-with', paths.newsroom]);
  await keygen('guestA', ['--alg', 'secp256k1']);
  await keygen('guestB');
  await keygen('outsider');
  photo = join(dir, 'studio.jpg');
  await writePicture(photo, 'texture', 'jpeg', { seed: 21 });
  const r = await runCli([
    'sign',
    photo,
    '--key',
    paths.host,
    '--cosigners',
    `${ids.guestA},${ids.guestB},${ids.host}`,
    '--threshold',
    '3',
  ]);
  expect(r.code).toBe(0);
  manifest = `${photo}.provenant.json`;
});

describe('co-signing k of n', () => {
  it('starts partial, fills up in any order, and cosign is idempotent per key', async () => {
    let v = await verify(photo);
    expect(v.codes).toContain('cosign.partial');
    const id = parseManifest(readFileSync(manifest)).id;

    const b = await runCli(['cosign', manifest, '--key', paths.guestB, '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ added: true, signatures: 2, manifestId: id });
    const again = await runCli(['cosign', manifest, '--key', paths.guestB, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: false, signatures: 2 });
    v = await verify(photo);
    expect(v.codes).toContain('cosign.partial');

    expect((await runCli(['cosign', manifest, '--key', paths.guestA])).code).toBe(0);
    v = await verify(photo);
    expect(v.codes).toContain('cosign.complete');
    expect(v.codes.filter((c) => c === 'signature.valid')).toHaveLength(3);
    expect(parseManifest(readFileSync(manifest)).id).toBe(id);
  });

  it('reports a valid signer outside the required list', async () => {
    expect((await runCli(['cosign', manifest, '--key', paths.outsider, '--role', 'publisher'])).code).toBe(0);
    const v = await verify(photo);
    expect(v.codes).toContain('cosign.unknownSigner');
    expect(v.code).toBe(0);
  });

  it('rejects --threshold larger than the list and malformed key ids (exit 2)', async () => {
    const other = join(dir, 'other.jpg');
    await writePicture(other, 'text', 'jpeg');
    expect(
      (await runCli(['sign', other, '--key', paths.host, '--cosigners', ids.guestA, '--threshold', '2'])).code,
    ).toBe(2);
    expect((await runCli(['sign', other, '--key', paths.host, '--cosigners', 'nope'])).code).toBe(2);
    expect((await runCli(['sign', other, '--key', paths.host, '--threshold', '1'])).code).toBe(2);
  });
});

describe('identity and trust', () => {
  it('is untrusted without a trust file, trusted through the endorsement chain with one', async () => {
    let v = await verify(photo);
    expect(v.report.state).toBe('valid-untrusted');
    const hostEntry = v.report.entries.find(
      (e: { code: string; subject?: string; dimension: string }) =>
        e.subject === ids.host && e.dimension === 'identity',
    );
    expect(hostEntry.code).toBe('identity.untrusted');

    const trust = join(dir, 'trust.json');
    writeFileSync(trust, JSON.stringify([ids.newsroom]));
    v = await verify(photo, '--trust', trust);
    const identity = v.report.entries.filter((e: { dimension: string }) => e.dimension === 'identity');
    expect(identity.find((e: { subject: string }) => e.subject === ids.host).code).toBe('identity.trusted');
    expect(identity.find((e: { subject: string }) => e.subject === ids.guestB).code).toBe('identity.untrusted');
    expect(v.report.state).toBe('valid');
    expect(v.code).toBe(0);
  });

  it('a revocation of the endorsing key applies offline (no trusted log time), exit 1', async () => {
    const newsroom = await loadKeyFile(paths.newsroom);
    const revocation = issueRevocation(
      { keyId: ids.host, effectiveAt: 0, reason: 'compromised', issuedAt: Date.now() },
      newsroom.key,
    );
    const trust = join(dir, 'trust-revoked.json');
    writeFileSync(trust, JSON.stringify({ v: 1, roots: [ids.newsroom], revocations: [revocation] }));
    const v = await verify(photo, '--trust', trust);
    expect(v.codes).toContain('identity.revoked');
    expect(v.code).toBe(1);
  });

  it('a key without any statement is an unknown key', async () => {
    const lone = join(dir, 'lone.png');
    await writePicture(lone, 'flat-shapes', 'png');
    expect((await runCli(['sign', lone, '--key', paths.guestB])).code).toBe(0);
    writeFileSync(
      `${lone}.provenant.json.keys.json`,
      JSON.stringify({ v: 1, type: 'provenant-keys', statements: [], revocations: [] }),
    );
    const v = await verify(lone);
    expect(v.codes).toContain('identity.unknownKey');
    expect(v.code).toBe(0);
    expect((await readKeyFile(paths.guestB)).keyId).toBe(ids.guestB);
  });
});
