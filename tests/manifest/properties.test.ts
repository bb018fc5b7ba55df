/**
 * Property tests: random valid claims of every kind survive canonical encoding exactly, their id does not
 * depend on key order or whitespace, and random corruptions of a valid manifest either parse or fail with
 * manifest.invalid — never with anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64url, bytesToHex } from '../../core/bytes.ts';
import { canonicalJson } from '../../core/canonical.ts';
import { isProvenantError } from '../../core/errors.ts';
import type { Claim } from '../../core/manifest/claim.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { TransformPolicySchema } from '../../core/policy/schema.ts';

// ---- arbitraries for valid claims -------------------------------------------------------------------

const hex = (chars: number) => fc.uint8Array({ minLength: chars / 2, maxLength: chars / 2 }).map(bytesToHex);
const digest = hex(64);
const b64u = (maxBytes: number) => fc.uint8Array({ minLength: 1, maxLength: maxBytes }).map(bytesToBase64url);
const time = fc.integer({ min: 0, max: 253_402_300_799_999 });
const small = (min: number, max: number) => fc.integer({ min, max });
/** Display text without controls or format characters (the schema rejects those). */
const text = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 40) })
    .map((s) => s.replace(/[\p{Cc}\p{Cf}]/gu, 'x'))
    .filter((s) => s.length >= 1 && s.length <= max);
const token = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,15}$/);
const factor = fc.double({ min: 0.05, max: 16, noNaN: true, noDefaultInfinity: true });
const keyId = digest;
const claimRef = digest.map((d) => ({ manifestId: d, claimDigest: d }));

const common = {
  v: fc.constant(1 as const),
  createdAt: time,
  requiredSigners: fc
    .uniqueArray(keyId, { minLength: 1, maxLength: 5 })
    .chain((keys) => fc.record({ keys: fc.constant(keys), threshold: small(1, keys.length) })),
  generator: fc.oneof(
    fc.record({ software: fc.record({ id: text(256), version: text(64) }, { requiredKeys: ['id'] }) }),
    fc.record({ model: fc.record({ id: text(256), weightsDigest: digest }, { requiredKeys: ['id'] }) }),
  ),
  title: text(256),
  description: text(4096),
};
const commonRequired = ['v', 'createdAt'] as ('v' | 'createdAt')[];

const range = fc
  .tuple(fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1, max: 16, noNaN: true }))
  .map(([lo, hi]) => [lo, hi] as [number, number]);
const imagePolicy = fc.record(
  {
    crop: fc.record(
      {
        minAreaFrac: fc.double({ min: 0.01, max: 1, noNaN: true }),
        aspect: fc.tuple(factor, factor).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]),
      },
      { requiredKeys: ['minAreaFrac'] },
    ),
    resize: fc.record({ minLongEdge: small(1, 65_535) }),
    color: fc.record({ brightness: range, contrast: range, saturation: range }),
    orient: fc.record({ rot90: fc.boolean(), flip: fc.boolean() }, { requiredKeys: ['rot90'] }),
    reencode: fc.record({
      formats: fc.uniqueArray(fc.constantFrom('jpeg', 'png', 'webp', 'avif'), { minLength: 1 }),
      minQuality: small(1, 100),
    }),
    redact: fc.record({ maxAreaFrac: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  },
  { requiredKeys: [] },
);
const timedPolicy = fc.record(
  {
    trim: fc.record({ minDurationMs: small(1, 100_000) }, { requiredKeys: [] }),
    transcode: fc.record(
      { codecs: fc.uniqueArray(token, { minLength: 1, maxLength: 4 }), minBitrate: small(1, 1_000_000) },
      { requiredKeys: ['codecs'] },
    ),
  },
  { requiredKeys: [] },
);

const raster = fc.record({ sha256: digest, width: small(1, 8000), height: small(1, 8000) });
const fingerprints = fc.record({ pdq: hex(64), phash: hex(16) });
const photoAsset = raster.chain((r) => {
  const scale = Math.min(1, 1024 / Math.max(r.width, r.height));
  const w = Math.max(1, Math.floor(r.width * scale));
  const h = Math.max(1, Math.floor(r.height * scale));
  return fc.record({
    mediaType: fc.constantFrom('image/jpeg', 'image/png', 'image/heic'),
    byteLength: small(0, 2 ** 40),
    sha256: digest,
    raster: fc.constant(r),
    fingerprints,
    reference: fc.record({
      width: fc.constant(w),
      height: fc.constant(h),
      tileSize: fc.constant(64 as const),
      cols: fc.constant(Math.ceil(w / 64)),
      rows: fc.constant(Math.ceil(h / 64)),
      tileRoot: digest,
    }),
  });
});
const captureContext = fc.record(
  {
    device: fc.record({ maker: text(128), model: text(128) }),
    capturedAt: time,
    location: fc.record({
      lat: small(-9000, 9000).map((x) => x / 100),
      lon: small(-18000, 18000).map((x) => x / 100),
    }),
  },
  { requiredKeys: [] },
);

const photo = fc.record(
  {
    ...common,
    kind: fc.constant('capture.photo' as const),
    asset: photoAsset,
    capture: captureContext,
    policy: imagePolicy,
  },
  { requiredKeys: [...commonRequired, 'kind', 'asset', 'capture', 'policy'] },
);

const fingerprint = fc.oneof(
  fc.record({ chromaprint: b64u(64) }),
  fc.record({ chromaprint: fc.constant(null), reason: fc.constant('unavailable' as const) }),
  fc.record({ reason: fc.constant('unavailable' as const) }),
);
const timedAsset = (top: 'audio' | 'video') =>
  fc.record(
    {
      mediaType: fc.constantFrom(`${top}/mp4`, `${top}/ogg`),
      byteLength: small(0, 2 ** 40),
      sha256: digest,
      durationMs: small(0, 7 * 24 * 3600 * 1000),
      codec: token,
      container: token,
      packets: fc.record({
        count: small(1, 2 ** 32),
        root: digest,
        stream: small(0, 255),
        hash: fc.constant('sha256-framehash' as const),
      }),
      fingerprint,
      ...(top === 'video' ? { frames: fc.record({ perSecondPhash: fc.array(hex(16), { maxLength: 8 }) }) } : {}),
    },
    { requiredKeys: ['mediaType', 'byteLength', 'sha256', 'durationMs', 'codec', 'container', 'packets'] },
  );
const recording = (top: 'audio' | 'video') =>
  fc.record(
    {
      ...common,
      kind: fc.constant(`capture.${top}` as const),
      asset: timedAsset(top),
      capture: captureContext,
      policy: timedPolicy,
    },
    { requiredKeys: [...commonRequired, 'kind', 'asset', 'policy'] },
  );

const transcript = fc.record(
  {
    ...common,
    kind: fc.constant('transcript' as const),
    recording: claimRef,
    transcript: fc.record(
      {
        root: digest,
        segmentCount: small(1, 1_000_000),
        wordCount: small(0, 100_000_000),
        speakers: fc.uniqueArray(fc.record({ label: text(128), keyId }, { requiredKeys: ['label'] }), {
          minLength: 1,
          maxLength: 5,
          selector: (s) => s.label,
        }),
        language: fc.constantFrom('en', 'en-GB', 'fr', 'pt-BR', 'zh-Hant-TW'),
      },
      { requiredKeys: ['root', 'segmentCount', 'wordCount', 'speakers'] },
    ),
    normaliser: fc.constant('qv1' as const),
  },
  { requiredKeys: [...commonRequired, 'kind', 'recording', 'transcript', 'normaliser'] },
);

const px = small(0, 65_534);
const edge = small(1, 65_535);
const imageOp = fc.oneof(
  fc.record({ op: fc.constant('crop' as const), x: px, y: px, w: edge, h: edge }),
  fc.record(
    { op: fc.constant('orient' as const), rot90: fc.constantFrom(0, 90, 180, 270), flipH: fc.boolean() },
    { requiredKeys: ['op', 'rot90'] },
  ),
  fc.record({ op: fc.constant('adjust' as const), brightness: factor, contrast: factor, saturation: factor }),
  fc.record({ op: fc.constant('resize' as const), w: edge, h: edge }),
  fc.record({ op: fc.constant('redact' as const), x: px, y: px, w: edge, h: edge }),
  fc.record({ op: fc.constant('encode' as const), format: fc.constant('jpeg' as const), quality: small(1, 100) }),
  fc.record({ op: fc.constant('encode' as const), format: fc.constant('png' as const) }),
  fc.record(
    { op: fc.constant('encode' as const), format: fc.constantFrom('webp', 'avif'), quality: small(1, 100) },
    { requiredKeys: ['op', 'format'] },
  ),
);
const timedOp = fc.oneof(
  fc
    .tuple(small(0, 10_000), small(1, 10_000), small(0, 100_000), small(1, 100_000))
    .map(([s, n, t, d]) => ({ op: 'trim' as const, startPacket: s, endPacket: s + n, t0Ms: t, t1Ms: t + d })),
  fc.record(
    { op: fc.constant('transcode' as const), codec: token, bitrate: small(1, 1e9) },
    { requiredKeys: ['op', 'codec'] },
  ),
);
const revealedTiles = fc.uniqueArray(small(0, 255), { minLength: 1, maxLength: 6 }).chain((idx) => {
  const indices = [...idx].sort((a, b) => a - b);
  return fc.record({
    indices: fc.constant(indices),
    tiles: fc.array(fc.record({ salt: b64u(32), pixels: b64u(96) }), {
      minLength: indices.length,
      maxLength: indices.length,
    }),
    proof: fc.record({ leafCount: small(1, 256), path: fc.array(digest, { maxLength: 8 }) }),
  });
});
const imageDerivative = fc.record(
  {
    ...common,
    kind: fc.constant('derivative' as const),
    parent: claimRef,
    recipe: fc.array(imageOp, { minLength: 1, maxLength: 8 }),
    asset: fc.record({
      mediaType: fc.constantFrom('image/jpeg', 'image/webp'),
      byteLength: small(0, 2 ** 40),
      sha256: digest,
      raster,
      fingerprints,
    }),
    revealedTiles,
  },
  { requiredKeys: [...commonRequired, 'kind', 'parent', 'recipe', 'asset'] },
);
const timedDerivative = fc.record(
  {
    ...common,
    kind: fc.constant('derivative' as const),
    parent: claimRef,
    recipe: fc.array(timedOp, { minLength: 1, maxLength: 4 }),
    asset: timedAsset('audio').map(({ packets, ...rest }) => rest),
  },
  { requiredKeys: [...commonRequired, 'kind', 'parent', 'recipe', 'asset'] },
);

const url = fc
  .webUrl({ validSchemes: ['https', 'http'] })
  .map((u) => new URL(u).href)
  .filter((u) => u.length <= 2048);
/** The shape of core/transcript's QuoteProof (hashes need not verify: this is about the claim format). */
const run = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    fragment: small(0, 9),
    segment: small(0, 999),
    start: small(0, 999),
    tokens: fc.array(b64u(12), { minLength: n, maxLength: n }),
    salts: fc.array(b64u(32), { minLength: n, maxLength: n }),
    proof: fc.array(digest, { maxLength: 4 }),
  }),
);
const quoteProof = fc.record({
  v: fc.constant(1 as const),
  normaliser: fc.constant('qv1' as const),
  segments: fc.record({
    start: small(0, 999),
    items: fc.array(
      fc.record({
        speaker: b64u(24),
        t0: small(0, 1_000_000),
        t1: small(0, 1_000_000),
        tokenCount: small(0, 1000),
        tokensRoot: digest,
        salt: b64u(32),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    proof: fc.array(digest, { maxLength: 4 }),
  }),
  runs: fc.array(run, { minLength: 1, maxLength: 3 }),
});
const quote = fc.record(
  {
    ...common,
    kind: fc.constant('quote' as const),
    source: claimRef,
    quote: fc
      .tuple(text(10_000), text(128), small(0, 1_000_000), small(1, 60_000))
      .map(([t, speaker, t0, d]) => ({ text: t, speaker, t0, t1: t0 + d, normaliser: 'qv1' as const })),
    proof: quoteProof,
    article: fc.record({ url, title: text(512) }, { requiredKeys: ['url'] }),
  },
  { requiredKeys: [...commonRequired, 'kind', 'source', 'quote', 'proof'] },
);

const anyClaim = fc.oneof(
  photo,
  recording('audio'),
  recording('video'),
  transcript,
  imageDerivative,
  timedDerivative,
  quote,
) as fc.Arbitrary<Claim>;

// ---- helpers -----------------------------------------------------------------------------------------

/** Serialises with shuffled member order and random whitespace: same JSON value, different bytes. */
function reserialise(value: unknown, rng: () => number): string {
  const ws = () => [' ', '\n', '\t', '', '  '][Math.floor(rng() * 5)] as string;
  if (Array.isArray(value)) return `[${ws()}${value.map((v) => reserialise(v, rng)).join(`,${ws()}`)}${ws()}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
    }
    const members = keys.map(
      (k) => `${ws()}${JSON.stringify(k)}${ws()}:${ws()}${reserialise((value as Record<string, unknown>)[k], rng)}`,
    );
    return `{${members.join(',')}${ws()}}`;
  }
  return JSON.stringify(value);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** All paths to values inside a JSON tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) out.push(...paths(value[i], [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

const HUGE = 'A'.repeat(5 << 20);

type Mutation = 'replace' | 'delete' | 'extra' | 'huge' | 'wrongType' | 'empty';

function mutate(manifest: unknown, path: (string | number)[], how: Mutation, replacement: unknown): unknown {
  const copy = structuredClone(manifest);
  if (path.length === 0) return how === 'delete' ? undefined : replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  const current = parent[key];
  switch (how) {
    case 'replace':
      parent[key] = replacement;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'extra':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
        (current as Record<string, unknown>).unexpected = replacement;
      } else parent[key] = replacement;
      break;
    case 'huge':
      parent[key] = Array.isArray(current) ? Array.from({ length: 10_000 }, () => current[0] ?? 0) : HUGE;
      break;
    case 'empty':
      parent[key] = Array.isArray(current) ? [] : typeof current === 'string' ? '' : {};
      break;
    case 'wrongType':
      parent[key] = typeof current === 'string' ? 12345 : typeof current === 'number' ? String(current) : [current];
      break;
  }
  return copy;
}

function expectParsesOrInvalid(input: unknown): void {
  try {
    parseManifest(input);
  } catch (e) {
    expect(isProvenantError(e, 'manifest.invalid'), String(e)).toBe(true);
    // A refinement that crashed on half-valid data would surface as a TypeError cause: that is a bug.
    const cause = (e as Error).cause;
    expect(cause instanceof TypeError || cause instanceof RangeError, String(cause)).toBe(false);
  }
}

// ---- properties --------------------------------------------------------------------------------------

describe('manifest properties', () => {
  it('parse(canonical(manifest)) gives back the same claim', () => {
    fc.assert(
      fc.property(anyClaim, (claim) => {
        const manifest = { claim, signatures: [] };
        const parsed = parseManifest(canonicalJson(manifest));
        expect(parsed.manifest.claim).toEqual(claim);
        expect(canonicalJson(parsed.manifest.claim)).toBe(canonicalJson(claim));
      }),
      { numRuns: 300 },
    );
  });

  it('the id does not depend on member order or whitespace', () => {
    fc.assert(
      fc.property(anyClaim, fc.integer(), (claim, seed) => {
        const manifest = { claim, signatures: [] };
        const id = parseManifest(manifest).id;
        const text = reserialise(manifest, seeded(seed));
        const again = parseManifest(text);
        expect(again.id).toBe(id);
        expect(again.claimBytes).toEqual(parseManifest(manifest).claimBytes);
      }),
      { numRuns: 200 },
    );
  });

  it('policies inside generated photo claims are valid transform policies', () => {
    fc.assert(
      fc.property(imagePolicy, timedPolicy, (a, b) => {
        expect(TransformPolicySchema.safeParse({ ...a, ...b }).success).toBe(true);
      }),
    );
  });

  it('a corrupted manifest parses or fails with manifest.invalid, nothing else', () => {
    const mutation = fc.constantFrom<Mutation>('replace', 'delete', 'extra', 'huge', 'wrongType', 'empty');
    // Every node of the manifest is corrupted in turn, so rare shapes (an emptied one-op recipe, say) are reached.
    fc.assert(
      fc.property(anyClaim, mutation, fc.anything({ maxDepth: 3 }), fc.boolean(), (claim, how, rep, asText) => {
        const manifest = { claim, signatures: [] };
        for (const path of paths(manifest)) {
          const corrupted = mutate(manifest, path, how, rep);
          if (!asText) {
            expectParsesOrInvalid(corrupted);
            continue;
          }
          let text: string | undefined;
          try {
            text = JSON.stringify(corrupted);
          } catch {
            continue; // e.g. a BigInt from fc.anything: not JSON, nothing to send as text
          }
          if (text !== undefined) expectParsesOrInvalid(text);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary JSON and arbitrary values fail with manifest.invalid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.uint8Array(),
        ),
        (input) => {
          expectParsesOrInvalid(input);
        },
      ),
    );
  });
});
