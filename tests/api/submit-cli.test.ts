import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Service, startService } from '../../api/service.ts';
import type { SubmitOutcome } from '../../cli/submit.ts';
import { cosignManifest, createKeyFile, type LoadedKey, signCapture } from '../../signer/index.ts';
import { runCli } from '../signer/cli.ts';
import { writePicture } from '../signer/fixtures.ts';
import { testConfig } from './backends.ts';
import { newKey, T0 } from './fixtures.ts';
import { signedQuote, signedTranscript } from './quote-fixtures.ts';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

describe('provenant submit (against an in-process server)', () => {
  let svc: Service;
  let server: ReturnType<typeof serve>;
  let api: string;
  let dir: string;
  let org: LoadedKey;
  let camera: LoadedKey;
  let manifestPath: string;

  const submit = async (file: string, ...extra: string[]) => {
    const r = await runCli(['submit', file, '--api', api, '--json', ...extra]);
    return { code: r.code, out: r.code === 2 ? null : (JSON.parse(r.stdout) as SubmitOutcome), stderr: r.stderr };
  };
  const steps = (o: SubmitOutcome | null) => o?.steps.map((s) => [s.what, s.status]);

  beforeAll(async () => {
    svc = await startService(testConfig({ ADMIN_TOKEN }), { pgliteDir: 'memory://', integrate: false });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    api = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    dir = await mkdtemp(join(tmpdir(), 'provenant-submit-'));
    org = await createKeyFile({ alg: 'ed25519', subject: { name: 'Example Maker', kind: 'org' }, issuedAt: T0 });
    camera = await createKeyFile({
      alg: 'ed25519',
      subject: { name: 'Camera 1', kind: 'device' },
      issuedAt: T0 + 1,
      endorser: org,
    });
    const photo = join(dir, 'photo.jpg');
    await writePicture(photo, 'gradient', 'jpeg', { seed: 3 });
    manifestPath = (await signCapture({ file: photo, signer: camera, now: () => T0 + 10 })).manifestPath;
  });
  afterAll(async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    await svc?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('without the admin token the maker key is refused (exit 1); the manifest itself is still logged', async () => {
    const r = await submit(manifestPath);
    expect(r.code).toBe(1);
    expect(r.out?.steps.map((s) => [s.what, s.error ?? s.status])).toEqual([
      ['key', 'auth.required'],
      ['key', 'policy.refused'],
      ['manifest', 201],
    ]);
  });

  it('registers the keys the API lacks, endorser first, then finds the manifest already logged (exit 0)', async () => {
    const r = await submit(manifestPath, '--admin-token', ADMIN_TOKEN);
    expect(r.code).toBe(0);
    expect(r.out?.kind).toBe('cosignature');
    expect(r.out?.steps.map((s) => [s.what, s.id, s.status])).toEqual([
      ['key', org.key.keyId, 201],
      ['key', camera.key.keyId, 201],
    ]);
    const again = await submit(manifestPath);
    expect(again.code).toBe(0);
    expect(steps(again.out)).toEqual([]);
  });

  it('sends only the new co-signature, after registering the co-signer’s own key statement', async () => {
    const person = await createKeyFile({
      alg: 'ed25519',
      subject: { name: 'A. Reporter', kind: 'person' },
      issuedAt: T0 + 2,
    });
    await cosignManifest({ manifestPath, signer: person, now: () => T0 + 20 });
    const r = await submit(manifestPath);
    expect(r.code).toBe(0);
    expect(steps(r.out)).toEqual([
      ['key', 201],
      ['cosignature', 201],
    ]);
    const view = (await (await svc.app.request(`/v1/manifests/${r.out?.id}`)).json()) as { signatures: unknown[] };
    expect(view.signatures).toHaveLength(2);
  });

  it('submits a key statement file and a quote attestation, detecting each', async () => {
    const keyFile = join(dir, 'statement.json');
    const person = await createKeyFile({
      alg: 'p256',
      subject: { name: 'B. Editor', kind: 'person' },
      issuedAt: T0 + 3,
    });
    await writeFile(keyFile, JSON.stringify(person.file.statement));
    const k = await submit(keyFile);
    expect([k.code, k.out?.kind, steps(k.out)]).toEqual([0, 'key', [['key', 201]]]);

    const transcript = signedTranscript(newKey(), 5);
    const quote = signedQuote(transcript, 'every single month', newKey());
    const transcriptFile = join(dir, 'transcript.provenant.json');
    const quoteFile = join(dir, 'quote.provenant.json');
    await writeFile(transcriptFile, transcript.bytes);
    await writeFile(quoteFile, quote.bytes);
    const early = await submit(quoteFile);
    expect([early.code, early.out?.steps[0]?.error]).toEqual([1, 'policy.refused']);
    expect((await submit(transcriptFile)).code).toBe(0);
    const q = await submit(quoteFile);
    expect([q.code, q.out?.kind, steps(q.out)]).toEqual([0, 'quote', [['quote', 201]]]);
  });

  it('exits 1 when the API refuses a forged manifest, 2 for unreadable input or an unreachable API', async () => {
    const forged = signedTranscript(newKey(), 6).manifest;
    (forged.signatures[0] as { sig: string }).sig = `${(forged.signatures[0] as { sig: string }).sig.slice(0, -4)}AAAA`;
    const forgedFile = join(dir, 'forged.json');
    await writeFile(forgedFile, JSON.stringify(forged));
    const f = await submit(forgedFile);
    expect([f.code, f.out?.steps.at(-1)?.error]).toEqual([1, 'input.invalid']);

    const junk = join(dir, 'junk.json');
    await writeFile(junk, '{"not": "a manifest"}');
    expect((await submit(junk)).code).toBe(2);
    expect((await submit(join(dir, 'missing.json'))).code).toBe(2);
    const unreachable = await runCli(['submit', forgedFile, '--api', 'http://127.0.0.1:1', '--json']);
    expect(unreachable.code).toBe(2);
  });
});
