import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../api/service.ts';
import { describeBackends } from './backends.ts';
import { newKey, photoClaim, signedManifest } from './fixtures.ts';

/** `hex` with the given bit positions (0 = most significant) flipped. */
function flip(hex: string, bits: number[]): string {
  const b = Buffer.from(hex, 'hex');
  for (const bit of bits) b[bit >> 3] = (b[bit >> 3] as number) ^ (0x80 >> (bit & 7));
  return b.toString('hex');
}

function withFingerprints(n: number, phash: string, pdq: string) {
  const claim = photoClaim(n, n.toString(16).padStart(64, 'c')) as { asset: { fingerprints: object } };
  claim.asset.fingerprints = { phash, pdq };
  return signedManifest(claim as unknown as Record<string, unknown>, [newKey()]);
}

const PHASH = 'aa00a418ef7ce3e3';
const PDQ = '7cfb903dd4406d32ab18f67a1ccb48b94a797a97e472ae87cb8dc4e49f95978a';

describeBackends('fingerprint lookup', (backend) => {
  let svc: Service;
  // Distances from PHASH: 0, 3 (one chunk), 8 (spread over all four chunks: each chunk differs by 2), 20.
  const near = withFingerprints(7001, PHASH, PDQ);
  const three = withFingerprints(7002, flip(PHASH, [0, 1, 2]), flip(PDQ, [5]));
  const spread = withFingerprints(7003, flip(PHASH, [0, 1, 16, 17, 32, 33, 48, 49]), flip(PDQ, [0, 16, 32, 48, 64]));
  const far = withFingerprints(
    7004,
    flip(
      PHASH,
      Array.from({ length: 20 }, (_, i) => i * 3),
    ),
    flip(
      PDQ,
      Array.from({ length: 100 }, (_, i) => i * 2),
    ),
  );
  const lookup = async (query: string) => {
    const res = await svc.app.request(`/v1/manifests?${query}`);
    return {
      status: res.status,
      body: (await res.json()) as { manifests?: Array<{ id: string; distance: number }>; error?: { code: string } },
    };
  };

  beforeAll(async () => {
    svc = await backend.start();
    for (const m of [near, three, spread, far]) {
      const res = await svc.app.request('/v1/manifests', { method: 'POST', body: m.bytes as BodyInit });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('finds pHash matches within maxDistance, nearest first, with exact distances', async () => {
    const r = await lookup(`fingerprint=${PHASH}&maxDistance=8`);
    expect(r.status).toBe(200);
    expect(r.body.manifests?.map((m) => [m.id, m.distance])).toEqual([
      [near.id, 0],
      [three.id, 3],
      [spread.id, 8],
    ]);
    const tight = await lookup(`fingerprint=${PHASH}&maxDistance=3`);
    expect(tight.body.manifests?.map((m) => m.id)).toEqual([near.id, three.id]);
  });

  it('finds PDQ matches, including ones whose difference is spread over many chunks', async () => {
    const r = await lookup(`fingerprint=${PDQ}&maxDistance=31`);
    expect(r.status).toBe(200);
    expect(r.body.manifests?.map((m) => [m.id, m.distance])).toEqual([
      [near.id, 0],
      [three.id, 1],
      [spread.id, 5],
    ]);
  });

  it('refuses malformed fingerprints and out-of-range distances', async () => {
    for (const q of [
      'fingerprint=abc',
      `fingerprint=${PHASH.toUpperCase()}`,
      `fingerprint=${PHASH}&maxDistance=12`,
      `fingerprint=${PDQ}&maxDistance=33`,
      `fingerprint=${PHASH}&maxDistance=-1`,
      `maxDistance=3&key=abc`,
      `fingerprint=${PHASH}&sha256Prefix=abcd`,
    ]) {
      const r = await lookup(q);
      expect(r.status, q).toBe(400);
      expect(r.body.error?.code, q).toBe('input.invalid');
    }
  });
});
