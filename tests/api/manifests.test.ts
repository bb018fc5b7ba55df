import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleAnchorStore } from '../../api/log/anchor-store.ts';
import type { Service } from '../../api/service.ts';
import { bytesToHex, concatBytes, hexToBytes, utf8 } from '../../core/bytes.ts';
import { canonicalBytes } from '../../core/canonical.ts';
import { verifyBytes } from '../../core/crypto/keys.ts';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { tagPrefix } from '../../core/hash.ts';
import { decodeLeaf, openNote } from '../../core/log/index.ts';
import { leafHash, verifyConsistency, verifyInclusion } from '../../core/merkle/index.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest, T0 } from './fixtures.ts';

const post = (svc: Service, path: string, body: Uint8Array | string) =>
  svc.app.request(path, { method: 'POST', body: body as BodyInit, headers: { 'content-type': 'application/json' } });

describeBackends('manifests API', (backend) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await backend.start();
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('GET /healthz', async () => {
    const res = await svc.app.request('/healthz');
    expect(res.status).toBe(200);
  });

  it('submits a manifest: 201 with a signed receipt, then 200 with the same entry (idempotent)', async () => {
    const key = newKey();
    const m = signedManifest(photoClaim(1), [key]);
    const first = await post(svc, '/v1/manifests', m.bytes);
    expect(first.status).toBe(201);
    const a = (await first.json()) as {
      id: string;
      logIndex: number;
      receipt: Record<string, unknown> & { sig: string };
    };
    expect(a.id).toBe(m.id);
    const { sig, keyId, ...body } = a.receipt;
    expect(keyId).toBe(svc.services.serviceKey.keyId);
    expect(body.manifestId).toBe(m.id);
    expect(body.logIndex).toBe(a.logIndex);
    const message = concatBytes(tagPrefix('receipt'), canonicalBytes(body));
    expect(verifyBytes('ed25519', svc.services.serviceKey.publicKey, message, Buffer.from(sig, 'base64url'))).toBe(
      true,
    );

    const again = await post(svc, '/v1/manifests', m.bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(a);

    const got = await svc.app.request(`/v1/manifests/${m.id}`);
    expect(got.status).toBe(200);
    const view = (await got.json()) as { claimBytes: string; signatures: Array<{ logIndex: number }> };
    expect(bytesToHex(Buffer.from(view.claimBytes, 'base64url'))).toBe(bytesToHex(canonicalBytes(photoClaim(1))));
    expect(view.signatures.map((s) => s.logIndex)).toEqual([a.logIndex]);
    expect(
      (view as unknown as { status: { cosigning: Array<{ code: string }> } }).status.cosigning.map((e) => e.code),
    ).toEqual(['cosign.notRequired']);
  });

  it('logs each co-signature as its own entry; re-posting it is idempotent; co-signing goes partial → complete', async () => {
    const [capture, guest] = [newKey(), newKey('p256')];
    const m = signedManifest(
      { ...photoClaim(2), requiredSigners: { keys: [capture.keyId, guest.keyId], threshold: 2 } },
      [capture],
    );
    const cosigning = async () =>
      (
        (await (await svc.app.request(`/v1/manifests/${m.id}`)).json()) as {
          status: { cosigning: Array<{ code: string }> };
        }
      ).status.cosigning[0]?.code;
    const created = (await (await post(svc, '/v1/manifests', m.bytes)).json()) as { logIndex: number };
    expect(await cosigning()).toBe('cosign.partial');
    const entry = signClaim(m.claimDigest, guest, 'cosigner', T0 + 5);
    const res = await post(svc, `/v1/manifests/${m.id}/signatures`, JSON.stringify(entry));
    expect(res.status).toBe(201);
    const cos = (await res.json()) as { logIndex: number };
    expect(cos.logIndex).toBeGreaterThan(created.logIndex);
    const again = await post(svc, `/v1/manifests/${m.id}/signatures`, JSON.stringify(entry));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { logIndex: number }).logIndex).toBe(cos.logIndex);
    expect(await cosigning()).toBe('cosign.complete');

    const page = (await (
      await svc.app.request(`/v1/log/entries?start=${cos.logIndex}&end=${cos.logIndex + 1}`)
    ).json()) as {
      entries: Array<{ leaf: string }>;
    };
    const leaf = decodeLeaf(hexToBytes(page.entries[0]?.leaf as string));
    expect(leaf.kind).toBe('cosignature');
    expect(leaf.manifestDigest).toBe(m.id);
    expect(leaf.signer).toBe(guest.keyId);
  });

  it('a second signature in the submitted manifest gets its own cosignature entry', async () => {
    const m = signedManifest(photoClaim(3), [newKey(), newKey('secp256k1')]);
    const res = await post(svc, '/v1/manifests', m.bytes);
    expect(res.status).toBe(201);
    const view = (await (await svc.app.request(`/v1/manifests/${m.id}`)).json()) as {
      logIndex: number;
      signatures: Array<{ logIndex: number }>;
    };
    expect(view.signatures.map((s) => s.logIndex)).toEqual([view.logIndex, view.logIndex + 1]);
  });

  it('proofs verify with core against the signed checkpoint; consistency between checkpoints verifies', async () => {
    const m = signedManifest(photoClaim(4), [newKey()]);
    await post(svc, '/v1/manifests', m.bytes);
    const res = await svc.app.request(`/v1/manifests/${m.id}/proof`);
    expect(res.status).toBe(200);
    const p = (await res.json()) as {
      index: number;
      leaf: string;
      treeSize: number;
      rootHash: string;
      inclusionPath: string[];
      checkpoint: { note: string };
    };
    const opened = openNote(p.checkpoint.note, [svc.verifierKey]);
    expect(opened.verifiedBy).toEqual(['test.provenant/log']);
    expect(opened.checkpoint.treeSize).toBe(p.treeSize);
    expect(bytesToHex(opened.checkpoint.rootHash)).toBe(p.rootHash);
    const ok = verifyInclusion(
      leafHash(hexToBytes(p.leaf)),
      p.index,
      p.treeSize,
      p.inclusionPath.map((h) => hexToBytes(h)),
      opened.checkpoint.rootHash,
    );
    expect(ok).toBe(true);
    expect(decodeLeaf(hexToBytes(p.leaf)).manifestDigest).toBe(m.id);

    const m2 = signedManifest(photoClaim(5), [newKey()]);
    await post(svc, '/v1/manifests', m2.bytes);
    const cp2 = await svc.services.integrator.integrate();
    expect(cp2?.treeSize).toBeGreaterThan(p.treeSize);
    const cons = (await (
      await svc.app.request(`/v1/log/consistency?from=${p.treeSize}&to=${cp2?.treeSize}`)
    ).json()) as { proof: string[] };
    const list = (await (await svc.app.request('/v1/log/checkpoints')).json()) as {
      checkpoints: Array<{ treeSize: number; rootHash: string }>;
    };
    expect(list.checkpoints[0]?.treeSize).toBe(cp2?.treeSize);
    expect(
      verifyConsistency(
        p.treeSize,
        cp2?.treeSize as number,
        hexToBytes(p.rootHash),
        cp2?.rootHash as Uint8Array,
        cons.proof.map((h) => hexToBytes(h)),
      ),
    ).toBe(true);
  });

  it('proofs go against the newest anchored checkpoint covering the entry and carry its anchor reference', async () => {
    const store = new DrizzleAnchorStore(svc.services.db);
    const target = { chainId: 31337, contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
    const m = signedManifest(photoClaim(40), [newKey()]);
    await post(svc, '/v1/manifests', m.bytes);
    const anchored = await svc.services.integrator.integrate();
    const size = anchored?.treeSize as number;
    const txHash = `0x${'ab'.repeat(32)}`;
    await store.recordSent(size, target, txHash);
    await store.recordIncluded(size, target, { txHash, seq: 7, block: 42, anchoredAt: T0 });
    await store.recordFinalized(size);
    // A newer checkpoint that is not anchored yet must not displace the anchored one.
    await post(svc, '/v1/manifests', signedManifest(photoClaim(41), [newKey()]).bytes);
    expect((await svc.services.integrator.integrate())?.treeSize).toBeGreaterThan(size);

    const p = (await (await svc.app.request(`/v1/manifests/${m.id}/proof`)).json()) as {
      treeSize: number;
      checkpoint: { anchor: { chainId: number; seq: number; block: number; txHash: string; finalized: boolean } };
    };
    expect(p.treeSize).toBe(size);
    expect(p.checkpoint.anchor).toMatchObject({ chainId: 31337, seq: 7, block: 42, txHash, finalized: true });
  });

  it('lookups: sha256Prefix returns every candidate with that prefix; pixelsSha256, key, parent', async () => {
    const key = newKey();
    const shaA = `abcd${'1'.repeat(60)}`;
    const shaB = `abcd${'2'.repeat(60)}`;
    const a = signedManifest(photoClaim(10, shaA), [key]);
    const b = signedManifest(photoClaim(11, shaB), [newKey()]);
    await post(svc, '/v1/manifests', a.bytes);
    await post(svc, '/v1/manifests', b.bytes);
    const byPrefix = (await (await svc.app.request('/v1/manifests?sha256Prefix=abcd')).json()) as {
      manifests: Array<{ id: string }>;
    };
    expect(byPrefix.manifests.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    const narrow = (await (await svc.app.request('/v1/manifests?sha256Prefix=abcd2222')).json()) as {
      manifests: Array<{ id: string }>;
    };
    expect(narrow.manifests.map((x) => x.id)).toEqual([b.id]);
    const byKey = (await (await svc.app.request(`/v1/manifests?key=${key.keyId}`)).json()) as {
      manifests: Array<{ id: string }>;
    };
    expect(byKey.manifests.map((x) => x.id)).toEqual([a.id]);
    const pixels = (photoClaim(0) as { asset: { raster: { sha256: string } } }).asset.raster.sha256;
    const byPixels = (await (await svc.app.request(`/v1/manifests?pixelsSha256=${pixels}`)).json()) as {
      manifests: unknown[];
    };
    expect(byPixels.manifests.length).toBeGreaterThanOrEqual(2);
    const none = (await (await svc.app.request(`/v1/manifests?parent=${a.id}`)).json()) as { manifests: unknown[] };
    expect(none.manifests).toEqual([]);
  });

  describe('bad input gets a 4xx with a code', () => {
    const cases: Array<[string, () => Response | Promise<Response>, number, string]> = [
      ['not JSON', () => post(svc, '/v1/manifests', '{nope'), 400, 'manifest.invalid'],
      [
        'unsigned',
        () => post(svc, '/v1/manifests', JSON.stringify({ claim: photoClaim(20), signatures: [] })),
        400,
        'manifest.invalid',
      ],
      [
        'a signature over another claim',
        () => {
          const other = signedManifest(photoClaim(21), [newKey()]);
          return post(
            svc,
            '/v1/manifests',
            JSON.stringify({ claim: photoClaim(22), signatures: other.manifest.signatures }),
          );
        },
        400,
        'input.invalid',
      ],
      ['bad id', () => svc.app.request('/v1/manifests/XYZ'), 400, 'input.invalid'],
      ['unknown manifest', () => svc.app.request(`/v1/manifests/${'0'.repeat(64)}`), 404, 'notFound'],
      [
        'cosign unknown manifest',
        () =>
          post(
            svc,
            `/v1/manifests/${'0'.repeat(64)}/signatures`,
            JSON.stringify(signClaim(new Uint8Array(32), newKey(), 'cosigner', T0)),
          ),
        404,
        'notFound',
      ],
      ['cosign garbage', () => post(svc, `/v1/manifests/${'0'.repeat(64)}/signatures`, '[1,2'), 400, 'json.invalid'],
      [
        'cosign wrong shape',
        () => post(svc, `/v1/manifests/${'0'.repeat(64)}/signatures`, '{"alg":"rsa"}'),
        400,
        'signature.malformed',
      ],
      ['prefix too short', () => svc.app.request('/v1/manifests?sha256Prefix=abc'), 400, 'input.invalid'],
      ['no lookup', () => svc.app.request('/v1/manifests'), 400, 'input.invalid'],
      ['consistency backwards', () => svc.app.request('/v1/log/consistency?from=3&to=1'), 400, 'input.invalid'],
      ['entries start not a number', () => svc.app.request('/v1/log/entries?start=-1'), 400, 'input.invalid'],
      ['unknown route', () => svc.app.request('/v2/nothing'), 404, 'notFound'],
      ['body too large', () => post(svc, '/v1/manifests', utf8(' '.repeat((4 << 20) + 1))), 413, 'input.tooLarge'],
    ];
    for (const [name, call, status, code] of cases) {
      it(name, async () => {
        const res = await call();
        expect(res.status).toBe(status);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
      });
    }
  });
});
