/**
 * The extension's verification flow (the pure part) against the real API: exact, pixel and fingerprint matches,
 * trust, no provenance, and a hostile operator whose answers are altered in transit: each alteration must give a
 * failure code, never a good verdict.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url } from '../../core/bytes.ts';
import { signClaim } from '../../core/crypto/signature-entry.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { decodePhoto, signCapture } from '../../signer/index.ts';
import { DEFAULT_SETTINGS, type TrustList } from '../../verifier-extension/src/settings.ts';
import { createApiClient, type FetchLike } from '../../verifier-extension/src/verify/api-client.ts';
import { type ShownMedia, shownMedia } from '../../verifier-extension/src/verify/shown-media.ts';
import { verifyMedia } from '../../verifier-extension/src/verify/verify-media.ts';
import {
  deriveAndSubmit,
  deriveTamperedAndSubmit,
  reencodeJpeg,
  rewrapAsPng,
  type Seeded,
  signAndSubmit,
  startSeededApi,
  submitManifestFile,
  T0,
  writePhoto,
} from './fixtures.ts';

const API = 'http://api.test';
let s: Seeded;
let photo: string;
let photoId: string;

async function shownFile(path: string): Promise<ShownMedia> {
  const bytes = new Uint8Array(await readFile(path));
  const sha = createHash('sha256').update(bytes).digest('hex');
  return shownMedia(sha, bytes.length, async () => (await decodePhoto(bytes)).image);
}

function trusting(...roots: string[]): TrustList {
  return { ...DEFAULT_SETTINGS.trust, roots };
}

async function verify(path: string, fetch: FetchLike = s.fetch, trust = trusting(s.org.key.keyId)) {
  return verifyMedia(await shownFile(path), { api: createApiClient(API, fetch), trust, chain: null });
}

const codes = (v: { entries: readonly { code: string }[] }) => v.entries.map((e) => e.code);

/** A man in the middle on the API: rewrites the JSON of responses whose path matches. */
function tamper(match: RegExp, edit: (body: Record<string, unknown>) => void): FetchLike {
  return async (url, init) => {
    const res = await s.fetch(url, init);
    if (!match.test(new URL(url).pathname + new URL(url).search)) return res;
    const body = (await res.json()) as Record<string, unknown>;
    edit(body);
    return { ok: res.ok, status: res.status, json: async () => body };
  };
}

beforeAll(async () => {
  s = await startSeededApi();
  photo = await writePhoto(s.dir, 'photo.jpg', 640, 480, 1);
  photoId = await signAndSubmit(s, photo);
});
afterAll(async () => {
  await s?.close();
});

describe('verifyMedia', () => {
  it('binds the exact file, verifies the signature and chains the camera to the trusted org', async () => {
    const v = await verify(photo);
    expect(v.manifestId).toBe(photoId);
    expect(v.foundBy).toBe('file');
    expect(codes(v)).toEqual(
      expect.arrayContaining([
        'claim.valid',
        'binding.file.match',
        'signature.valid',
        'identity.trusted',
        'anchor.notChecked',
      ]),
    );
    expect(v.state).toBe('valid');
    expect(v.signers[0]?.trusted).toBe(true);
    expect(v.anchor?.logIndex).toEqual(expect.any(Number));
  });

  it('says valid-untrusted, not invalid, when no trusted root is configured', async () => {
    const v = await verify(photo, s.fetch, trusting());
    expect(codes(v)).toContain('identity.untrusted');
    expect(v.state).toBe('valid-untrusted');
  });

  it('finds a metadata-stripped re-wrap by its pixels', async () => {
    const png = await rewrapAsPng(photo, join(s.dir, 'rewrap.png'));
    const v = await verify(png);
    expect(v.foundBy).toBe('pixels');
    expect(codes(v)).toContain('binding.pixels.match');
    expect(v.state).toBe('valid');
  });

  it('finds a lossy re-encode by fingerprint and calls it close, not exact', async () => {
    const copy = await reencodeJpeg(photo, join(s.dir, 'reencoded.jpg'), 60);
    const v = await verify(copy);
    expect(v.foundBy).toBe('fingerprint');
    expect(codes(v)).toContain('binding.fingerprint.close');
    expect(v.state).toBe('valid-partial');
  });

  it('gives a neutral no-provenance verdict for an unknown picture', async () => {
    const other = await writePhoto(s.dir, 'other.jpg', 320, 240, 99);
    const v = await verify(other);
    expect(codes(v)).toEqual(['provenance.none']);
    expect(v.state).toBe('no-provenance');
  });
});

describe('co-signing', () => {
  it('counts k of n: one of two required signers so far is cosign.partial, then complete once the other signs', async () => {
    const file = await writePhoto(s.dir, 'cosigned.jpg', 320, 240, 31);
    const signed = await signCapture({
      file,
      signer: s.camera,
      requiredSigners: { keys: [s.camera.key.keyId, s.editor.key.keyId], threshold: 2 },
      now: () => T0 + 7000,
    });
    await submitManifestFile(s, signed.manifestPath);
    const partial = await verify(file);
    expect(codes(partial)).toContain('cosign.partial');
    expect(partial.cosigning).toEqual({ signed: 1, required: 2, threshold: 2 });
    expect(partial.state).toBe('valid-partial');
    const entry = signClaim(
      parseManifest(JSON.parse(await readFile(signed.manifestPath, 'utf8'))).claimDigest,
      s.editor.key,
      'cosigner',
      T0 + 8000,
    );
    const res = await s.service.app.request(`${API}/v1/manifests/${signed.manifestId}/signatures`, {
      method: 'POST',
      body: JSON.stringify(entry),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.ok).toBe(true);
    const complete = await verify(file);
    expect(codes(complete)).toContain('cosign.complete');
    expect(complete.state).toBe('valid');
  });
});

describe('derivatives', () => {
  it('an honest crop + colour edit: chain back to the capture, every op within policy, replay consistent', async () => {
    const d = await deriveAndSubmit(s, photo, join(s.dir, 'edit.jpg'));
    const v = await verify(d.outPath);
    expect(v.manifestId).toBe(d.manifestId);
    expect(codes(v)).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'transform.chain.ok',
        'policy.crop.ok',
        'policy.color.ok',
        'policy.encode.ok',
        'transform.replay.consistent',
      ]),
    );
    expect(v.state).toBe('valid');
    expect(v.steps.map((st) => st.kind)).toEqual(['derivative', 'capture.photo']);
    expect(v.steps[0]?.ops.map((o) => o.code)).toEqual(['policy.crop.ok', 'policy.color.ok', 'policy.encode.ok']);
    expect(v.signers.map((g) => g.name)).toEqual(['Photo Desk', 'Field Camera 7']);
  });

  it('an edit outside the policy (a crop keeping 30 %) gives policy.crop.tooSmall', async () => {
    const d = await deriveAndSubmit(
      s,
      photo,
      join(s.dir, 'tight.jpg'),
      (w, h) => [
        { op: 'crop', x: 0, y: 0, w: Math.round(w * 0.55), h: Math.round(h * 0.55) },
        { op: 'encode', format: 'jpeg', quality: 90 },
      ],
      true,
    );
    const v = await verify(d.outPath);
    expect(codes(v)).toContain('policy.crop.tooSmall');
    expect(v.state).toBe('invalid');
  });

  it('a derivative whose pixels were edited after the recipe: replay inconsistent', async () => {
    const tampered = join(s.dir, 'tampered.jpg');
    await deriveTamperedAndSubmit(s, photo, tampered);
    const v = await verify(tampered);
    expect(codes(v)).toContain('binding.file.match');
    expect(codes(v)).toContain('transform.replay.inconsistent');
    expect(v.state).toBe('invalid');
  });
});

describe('a hostile API', () => {
  it('serving a manifest for another file under this hash gives binding.file.mismatch', async () => {
    const decoy = await writePhoto(s.dir, 'decoy.jpg', 320, 240, 5);
    const decoyId = await signAndSubmit(s, decoy);
    const sha = createHash('sha256')
      .update(await readFile(photo))
      .digest('hex');
    const lying = tamper(/sha256Prefix=/, (body) => {
      body.manifests = [{ id: decoyId, kind: 'capture.photo', mediaSha256: sha }];
    });
    const v = await verify(photo, lying);
    expect(codes(v)).toContain('binding.file.mismatch');
    expect(v.state).toBe('invalid');
  });

  it('a forged signature gives signature.invalid', async () => {
    const forged = tamper(new RegExp(`^/v1/manifests/${photoId}$`), (body) => {
      const sigs = body.signatures as { entry: { sig: string } }[];
      const sig = base64urlToBytes(sigs[0]!.entry.sig);
      sig[10] = (sig[10] as number) ^ 1;
      sigs[0]!.entry.sig = bytesToBase64url(sig);
    });
    const v = await verify(photo, forged);
    expect(codes(v)).toContain('signature.invalid');
    expect(v.state).toBe('invalid');
  });

  it('an altered claim no longer matches its signatures', async () => {
    const altered = tamper(new RegExp(`^/v1/manifests/${photoId}$`), (body) => {
      const claim = JSON.parse(Buffer.from(body.claimBytes as string, 'base64url').toString('utf8'));
      claim.title = 'A different story';
      body.claimBytes = Buffer.from(JSON.stringify(claim)).toString('base64url');
    });
    const v = await verify(photo, altered);
    expect(codes(v)).toContain('signature.invalid');
    expect(v.state).toBe('invalid');
  });

  it('a bad inclusion proof gives anchor.proof.invalid', async () => {
    await verify(photo); // the first proof request makes the checkpoint
    const second = await writePhoto(s.dir, 'second.jpg', 320, 240, 6);
    await signAndSubmit(s, second); // a tree of several leaves, so the path is not empty
    const badProof = tamper(/\/proof$/, (body) => {
      const path = body.inclusionPath as string[];
      if (path.length > 0) path[0] = path[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      else body.rootHash = '00'.repeat(32);
    });
    const v = await verify(photo, badProof);
    expect(codes(v)).toContain('anchor.proof.invalid');
    expect(v.state).toBe('invalid');
  });

  it('a proof for another log leaf gives anchor.proof.invalid', async () => {
    // Flip one bit of the leaf's 11th byte (inside receivedAt): always a different leaf, whatever the time was.
    const otherLeaf = tamper(/\/proof$/, (body) => {
      const leaf = body.leaf as string;
      const flipped = (Number.parseInt(leaf.charAt(20), 16) ^ 1).toString(16);
      body.leaf = leaf.slice(0, 20) + flipped + leaf.slice(21);
    });
    const v = await verify(photo, otherLeaf);
    expect(codes(v)).toContain('anchor.proof.invalid');
  });
});
