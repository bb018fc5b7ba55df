import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url } from '../../core/bytes.ts';
import { checkKeyStatement } from '../../core/crypto/statements.ts';
import { isProvenantError } from '../../core/errors.ts';
import { createKeyFile, loadKeyFile, parseKeyFile, readKeyFile } from '../../signer/keyfile.ts';
import { runCli } from './cli.ts';
import { tempDir } from './fixtures.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function rejectsWith(p: Promise<unknown>, code: string, detail?: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isProvenantError(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (detail !== undefined) expect((e as { details: string[] }).details).toContain(detail);
    return;
  }
  expect.unreachable(`expected ${code}`);
}

describe('provenant keygen', () => {
  for (const alg of ['ed25519', 'p256', 'secp256k1'] as const) {
    it(`writes a 0600 ${alg} key file with a valid self-signed statement and never prints the secret`, async () => {
      const out = join(dir, `plain-${alg}.json`);
      const r = await runCli([
        'keygen',
        '--name',
        'Desk camera',
        '--kind',
        'device',
        '--alg',
        alg,
        '--out',
        out,
        '--json',
      ]);
      expect(r.code).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const file = await readKeyFile(out);
      expect(file.alg).toBe(alg);
      expect(file.secret.encryption).toBe('none');
      const secret = file.secret.encryption === 'none' ? file.secret.key : '';
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
      expect(JSON.parse(r.stdout).keyId).toBe(file.keyId);
      expect(checkKeyStatement(file.statement).valid).toBe(true);
      const { key } = await loadKeyFile(out);
      expect(key.keyId).toBe(file.keyId);
    });
  }

  it('refuses to overwrite an existing key file without --force', async () => {
    const out = join(dir, 'once.json');
    expect((await runCli(['keygen', '--name', 'A', '--kind', 'person', '--out', out])).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    const again = await runCli(['keygen', '--name', 'A', '--kind', 'person', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('conflict');
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect((await runCli(['keygen', '--name', 'A', '--kind', 'person', '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe(before);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('rejects unknown kinds and algorithms as usage errors', async () => {
    const out = join(dir, 'never.json');
    expect((await runCli(['keygen', '--name', 'A', '--kind', 'robot', '--out', out])).code).toBe(2);
    expect((await runCli(['keygen', '--name', 'A', '--kind', 'org', '--alg', 'rsa', '--out', out])).code).toBe(2);
    expect((await runCli(['keygen', '--kind', 'org', '--out', out])).code).toBe(2);
  });

  it('encrypts with a passphrase: opens with it, refuses a wrong or missing one with key.locked', async () => {
    const out = join(dir, 'enc.json');
    const r = await runCli(
      ['keygen', '--name', 'Reporter', '--kind', 'person', '--passphrase-env', 'PV_TEST_PASS', '--out', out],
      { PV_TEST_PASS: 'correct horse battery staple' },
    );
    expect(r.code).toBe(0);
    const file = await readKeyFile(out);
    expect(file.secret.encryption).toBe('scrypt-aes-256-gcm');
    expect(readFileSync(out, 'utf8')).not.toMatch(/"key":/);
    const { key } = await loadKeyFile(out, 'correct horse battery staple');
    expect(key.keyId).toBe(file.keyId);
    await rejectsWith(loadKeyFile(out, 'wrong'), 'key.locked', 'passphrase: wrong');
    await rejectsWith(loadKeyFile(out), 'key.locked', 'passphrase: missing');
  });

  it('binds the ciphertext to the file header: a swapped public key or edited ciphertext does not open', async () => {
    const a = await createKeyFile({
      alg: 'ed25519',
      subject: { name: 'A', kind: 'person' },
      issuedAt: 1,
      passphrase: 'pw',
    });
    const edited = structuredClone(a.file);
    if (edited.secret.encryption !== 'scrypt-aes-256-gcm') throw new Error('expected an encrypted file');
    const ct = base64urlToBytes(edited.secret.ciphertext);
    ct[0] = (ct[0] as number) ^ 1;
    edited.secret.ciphertext = bytesToBase64url(ct);
    const path = join(dir, 'edited.json');
    writeFileSync(path, JSON.stringify(edited));
    await rejectsWith(loadKeyFile(path, 'pw'), 'key.locked', 'passphrase: wrong');
  });

  it('reports malformed files as key.invalid', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"v":1,"type":"provenant-key"');
    await rejectsWith(loadKeyFile(bad), 'key.invalid');
    const good = await createKeyFile({ alg: 'p256', subject: { name: 'B', kind: 'org' }, issuedAt: 5 });
    expect(() => parseKeyFile({ ...good.file, extra: 1 })).toThrow(expect.objectContaining({ code: 'key.invalid' }));
    const other = await createKeyFile({ alg: 'p256', subject: { name: 'C', kind: 'org' }, issuedAt: 5 });
    // A statement about another key.
    expect(() => parseKeyFile({ ...good.file, statement: other.file.statement })).toThrow(
      expect.objectContaining({ code: 'key.invalid' }),
    );
    const mismatched = join(dir, 'mismatched.json');
    writeFileSync(mismatched, JSON.stringify({ ...good.file, secret: other.file.secret }));
    await rejectsWith(loadKeyFile(mismatched), 'key.invalid');
    await rejectsWith(loadKeyFile(join(dir, 'missing.json')), 'input.invalid');
  });

  it('endorses with --endorse-with: the statement names the endorser and carries its chain', async () => {
    const maker = join(dir, 'maker.json');
    const device = join(dir, 'device.json');
    expect(
      (await runCli(['keygen', '--name', 'Maker Inc', '--kind', 'org', '--alg', 'p256', '--out', maker])).code,
    ).toBe(0);
    const r = await runCli([
      'keygen',
      '--name',
      'Camera 7',
      '--kind',
      'device',
      '--maker',
      'Maker Inc',
      '--model',
      'X1',
      '--endorse-with',
      maker,
      '--out',
      device,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const makerFile = await readKeyFile(maker);
    const file = await readKeyFile(device);
    expect(file.statement.statement.endorsedBy).toBe(makerFile.keyId);
    const check = checkKeyStatement(file.statement);
    expect(check.selfSigned && check.endorserSigned).toBe(true);
    expect(file.chain).toEqual([makerFile.statement]);
    expect(JSON.parse(r.stdout).endorsedBy).toBe(makerFile.keyId);
  });
});
