// Scratch generator for tests/vectors/manifest-*.json. Independent of the code under test: ids are
// SHA-256(len(tag) ‖ tag ‖ JCS(claim)) with node:crypto and a sorted-keys JSON.stringify canonicaliser
// (RFC 8785 §3.2 defines JCS serialisation of primitives as ECMAScript's JSON.stringify and sorts keys
// by UTF-16 code units, which is Array.prototype.sort's default). wantErr paths are written by hand.
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const OUT = '/work/main/tests/vectors';
const h = (label) => createHash('sha256').update(label).digest('hex');
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');

function jcs(v) {
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
function claimId(claim) {
  const tag = Buffer.from('provenant/v1/claim');
  return createHash('sha256').update(Buffer.concat([Buffer.from([tag.length]), tag, Buffer.from(jcs(claim), 'utf8')])).digest('hex');
}
const clone = (x) => structuredClone(x);
function at(obj, path) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k];
  return [o, keys.at(-1)];
}
function mutate(base, edits) {
  const m = clone(base);
  for (const [path, value] of Object.entries(edits)) {
    const [o, k] = at(m, path);
    if (value === undefined) delete o[k];
    else o[k] = value;
  }
  return m;
}

const newsStrict = {
  crop: { minAreaFrac: 0.5 },
  resize: { minLongEdge: 640 },
  color: { brightness: [0.8, 1.25], contrast: [0.8, 1.25], saturation: [0.8, 1.25] },
  orient: { rot90: true },
  reencode: { formats: ['jpeg', 'webp', 'avif'], minQuality: 60 },
};

// EIP-55 §"Test Cases" addresses (all caps / all lower / normal) serve as secp256k1 key ids.
const EIP55 = ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'];
const K = (n) => h(`demo key ${n}`);

const photo = {
  v: 1,
  kind: 'capture.photo',
  createdAt: 1767225600000,
  title: 'Harbour at dawn',
  asset: {
    mediaType: 'image/jpeg',
    byteLength: 2481133,
    sha256: h('photo file'),
    raster: { sha256: h('photo raster'), width: 4032, height: 3024 },
    fingerprints: { pdq: h('photo pdq'), phash: h('photo phash').slice(0, 16) },
    reference: { width: 1024, height: 768, tileSize: 64, cols: 16, rows: 12, tileRoot: h('photo tiles') },
  },
  capture: {
    device: { maker: 'Example Optics', model: 'EO-1' },
    capturedAt: 1767225599123,
    location: { lat: 51.51, lon: -0.13 },
  },
  policy: newsStrict,
};

const generated = {
  v: 1,
  kind: 'capture.photo',
  createdAt: 1767225600000,
  generator: { model: { id: 'example-diffusion', version: '2.1', weightsDigest: h('weights') } },
  description: 'A generated illustration.\nNot a photograph.',
  asset: {
    mediaType: 'image/png',
    byteLength: 1048576,
    sha256: h('gen file'),
    raster: { sha256: h('gen raster'), width: 1000, height: 1000 },
    fingerprints: { pdq: h('gen pdq'), phash: h('gen phash').slice(0, 16) },
    reference: { width: 1000, height: 1000, tileSize: 64, cols: 16, rows: 16, tileRoot: h('gen tiles') },
  },
  capture: {},
  policy: {},
};

const audio = {
  v: 1,
  kind: 'capture.audio',
  createdAt: 1767229200000,
  title: 'Episode 12',
  requiredSigners: { keys: [K(1), EIP55[0], K(2)], threshold: 3 },
  asset: {
    mediaType: 'audio/mp4',
    byteLength: 57600000,
    sha256: h('audio file'),
    durationMs: 3600000,
    codec: 'aac',
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    packets: { count: 168750, root: h('audio packets'), stream: 0, hash: 'sha256-framehash' },
    fingerprint: { chromaprint: b64u(createHash('sha256').update('chromaprint').digest().subarray(0, 20)) },
  },
  capture: { device: { maker: 'Example Audio', model: 'Recorder 2' }, capturedAt: 1767225600000 },
  policy: { trim: { minDurationMs: 1000 }, transcode: { codecs: ['aac', 'flac', 'mp3', 'opus'] } },
};

const video = {
  v: 1,
  kind: 'capture.video',
  createdAt: 1767229200000,
  asset: {
    mediaType: 'video/mp4',
    byteLength: 12000000,
    sha256: h('video file'),
    durationMs: 4500,
    codec: 'h264',
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    packets: { count: 135, root: h('video packets'), stream: 0, hash: 'sha256-framehash' },
    fingerprint: { chromaprint: null, reason: 'unavailable' },
    frames: { perSecondPhash: [0, 1, 2, 3, 4].map((i) => h(`frame ${i}`).slice(0, 16)) },
  },
  policy: { trim: {}, transcode: { codecs: ['h264', 'av1'], minBitrate: 1000000 } },
};

const audioId = claimId(audio);
const photoId = claimId(photo);

const transcript = {
  v: 1,
  kind: 'transcript',
  createdAt: 1767232800000,
  requiredSigners: { keys: [K(1), EIP55[0], K(2)], threshold: 2 },
  recording: { manifestId: audioId, claimDigest: audioId },
  transcript: {
    root: h('transcript root'),
    segmentCount: 412,
    wordCount: 9876,
    speakers: [{ label: 'Host', keyId: K(1) }, { label: 'Guest A', keyId: EIP55[0] }, { label: 'Guest B' }],
    language: 'en-GB',
  },
  normaliser: 'qv1',
};
const transcriptId = claimId(transcript);

const derivative = {
  v: 1,
  kind: 'derivative',
  createdAt: 1767240000000,
  parent: { manifestId: photoId, claimDigest: photoId },
  recipe: [
    { op: 'crop', x: 504, y: 378, w: 3024, h: 2268 },
    { op: 'orient', rot90: 0 },
    { op: 'adjust', brightness: 1.1, contrast: 1.05, saturation: 0.95 },
    { op: 'resize', w: 1600, h: 1200 },
    { op: 'encode', format: 'jpeg', quality: 85 },
  ],
  asset: {
    mediaType: 'image/jpeg',
    byteLength: 412345,
    sha256: h('derivative file'),
    raster: { sha256: h('derivative raster'), width: 1600, height: 1200 },
    fingerprints: { pdq: h('derivative pdq'), phash: h('derivative phash').slice(0, 16) },
  },
  revealedTiles: {
    indices: [34, 35, 50, 51],
    tiles: [34, 35, 50, 51].map((i) => ({ salt: b64u(createHash('sha256').update(`salt ${i}`).digest()), pixels: b64u(Buffer.alloc(48, i)) })),
    proof: { leafCount: 192, path: [h('node a'), h('node b'), h('node c')] },
  },
};

const clip = {
  v: 1,
  kind: 'derivative',
  createdAt: 1767240000000,
  parent: { manifestId: audioId, claimDigest: audioId },
  recipe: [{ op: 'trim', startPacket: 1000, endPacket: 1469, t0Ms: 21333, t1Ms: 31339 }],
  asset: {
    mediaType: 'audio/mp4',
    byteLength: 160000,
    sha256: h('clip file'),
    durationMs: 10006,
    codec: 'aac',
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
  },
};

// A stream-copied clip with its range proof: packets [1000, 1469) of a 168,750-leaf tree need one subtree root per
// level where the run's sibling lies outside it (§5.3); the hashes are labels, they do not verify against anything.
const exactClip = {
  ...clip,
  asset: { ...clip.asset, packets: { count: 469, root: h('clip packets'), stream: 0, hash: 'sha256-framehash' } },
  packetProof: { proof: Array.from({ length: 20 }, (_, i) => h(`range node ${i}`)) },
};

const quote = {
  v: 1,
  kind: 'quote',
  createdAt: 1767243600000,
  source: { manifestId: transcriptId, claimDigest: transcriptId },
  quote: { text: 'We will publish the full data … every [single] month', speaker: 'Guest A', t0: 843000, t1: 849000, normaliser: 'qv1' },
  // Shape of core/transcript's QuoteProof (v1); its hashes are not meant to verify against anything here.
  proof: {
    v: 1,
    normaliser: 'qv1',
    segments: {
      start: 97,
      items: [
        {
          speaker: b64u(Buffer.from('Guest A')),
          t0: 843000,
          t1: 851000,
          tokenCount: 14,
          tokensRoot: h('tokens 97'),
          salt: b64u(createHash('sha256').update('segment salt 97').digest()),
        },
      ],
      proof: [h('seg a'), h('seg b')],
    },
    runs: [
      {
        fragment: 0,
        segment: 97,
        start: 0,
        tokens: ['We', 'will', 'publish', 'the', 'full', 'data'].map((w) => b64u(Buffer.from(w))),
        salts: [0, 1, 2, 3, 4, 5].map((i) => b64u(createHash('sha256').update(`token salt ${i}`).digest())),
        proof: [h('run a')],
      },
      {
        fragment: 1,
        segment: 97,
        start: 9,
        tokens: ['every', 'month'].map((w) => b64u(Buffer.from(w))),
        salts: [9, 10].map((i) => b64u(createHash('sha256').update(`token salt ${i}`).digest())),
        proof: [h('run b'), h('run c')],
      },
    ],
  },
  article: { url: 'https://news.example/2026/01/data-pledge', title: 'Ministry promises monthly data' },
};

const valid = { photo, generated, audio, video, transcript, derivative, clip, 'exact clip': exactClip, quote };
const M = (claim) => ({ claim, signatures: [] });
const validVectors = (names) => names.map((n) => ({ name: n, manifest: M(valid[n]), canonical: jcs(valid[n]), id: claimId(valid[n]) }));
const bad = (name, base, edits, wantErr) => ({ name, manifest: M(mutate(valid[base], edits)), wantErr });

const files = {
  'manifest-capture-photo.json': {
    valid: validVectors(['photo', 'generated']),
    wantErr: [
      bad('upper-case file hash', 'photo', { 'asset.sha256': h('photo file').toUpperCase() }, ['claim.asset.sha256']),
      bad('short pHash', 'photo', { 'asset.fingerprints.phash': 'abcdef0123456789'.slice(1) }, ['claim.asset.fingerprints.phash']),
      bad('PDQ not hex', 'photo', { 'asset.fingerprints.pdq': 'g'.repeat(64) }, ['claim.asset.fingerprints.pdq']),
      bad('tile size other than 64', 'photo', { 'asset.reference.tileSize': 32 }, ['claim.asset.reference.tileSize']),
      bad('tile columns do not cover the reference', 'photo', { 'asset.reference.cols': 15 }, ['claim.asset.reference.cols']),
      bad('reference larger than the raster', 'photo', { 'asset.raster.width': 800, 'asset.raster.height': 600 }, ['claim.asset.reference']),
      bad('audio media type on a photo', 'photo', { 'asset.mediaType': 'audio/mpeg' }, ['claim.asset.mediaType']),
      bad('upper-case media type', 'photo', { 'asset.mediaType': 'image/JPEG' }, ['claim.asset.mediaType']),
      bad('unknown asset field', 'photo', { 'asset.exif': 'AAAA' }, ['claim.asset.exif']),
      bad('missing capture', 'photo', { capture: undefined }, ['claim.capture']),
      bad('precise location', 'photo', { 'capture.location': { lat: 51.5074, lon: -0.13 } }, ['claim.capture.location.lat']),
      bad('bidi override in the maker name', 'photo', { 'capture.device': { maker: '\u202eEO', model: 'EO-1' } }, ['claim.capture.device.maker']),
      bad('trim in a photo policy', 'photo', { 'policy.trim': {} }, ['claim.policy.trim']),
      bad('crop fraction 0', 'photo', { 'policy.crop': { minAreaFrac: 0 } }, ['claim.policy.crop.minAreaFrac']),
      bad('crop fraction above 1', 'photo', { 'policy.crop': { minAreaFrac: 1.5 } }, ['claim.policy.crop.minAreaFrac']),
      bad('colour range without 1', 'photo', { 'policy.color': { brightness: [1.1, 1.25], contrast: [0.8, 1.25], saturation: [0.8, 1.25] } }, ['claim.policy.color.brightness']),
      bad('unknown re-encode format', 'photo', { 'policy.reencode': { formats: ['jpeg', 'gif'], minQuality: 60 } }, ['claim.policy.reencode.formats[1]']),
      bad('fractional time', 'photo', { createdAt: 1767225600000.5 }, ['claim.createdAt']),
      bad('negative time', 'photo', { createdAt: -1 }, ['claim.createdAt']),
      bad('time as a string', 'photo', { createdAt: '2026-01-01T00:00:00Z' }, ['claim.createdAt']),
      bad('version 2', 'photo', { v: 2 }, ['claim.v']),
      bad('threshold 0', 'photo', { requiredSigners: { keys: [K(1)], threshold: 0 } }, ['claim.requiredSigners.threshold']),
      bad('threshold above n', 'photo', { requiredSigners: { keys: [K(1), K(2)], threshold: 3 } }, ['claim.requiredSigners.threshold']),
      bad('duplicate required signers', 'photo', { requiredSigners: { keys: [K(1), K(1)], threshold: 1 } }, ['claim.requiredSigners.keys']),
      bad('address key id without its EIP-55 checksum', 'photo', { requiredSigners: { keys: [K(1), EIP55[1].toLowerCase()], threshold: 1 } }, ['claim.requiredSigners.keys[1]']),
      bad('65 required signers', 'photo', { requiredSigners: { keys: Array.from({ length: 65 }, (_, i) => K(100 + i)), threshold: 1 } }, ['claim.requiredSigners.keys']),
      bad('generator names both software and a model', 'generated', { generator: { software: { id: 'renderer' }, model: { id: 'm' } } }, ['claim.generator']),
      bad('generator with neither', 'generated', { generator: {} }, ['claim.generator']),
      bad('short weights digest', 'generated', { 'generator.model': { id: 'm', weightsDigest: 'abcd' } }, ['claim.generator.model.weightsDigest']),
      bad('software has no weights', 'generated', { generator: { software: { id: 'renderer', weightsDigest: h('w') } } }, ['claim.generator.software.weightsDigest']),
      bad('title too long', 'photo', { title: 'x'.repeat(257) }, ['claim.title']),
      bad('empty title', 'photo', { title: '' }, ['claim.title']),
      bad('control character in the description', 'generated', { description: 'a\u0000b' }, ['claim.description']),
      bad('several problems at once', 'photo', { 'asset.sha256': 'abc', 'asset.extra': 1, capture: undefined }, ['claim.asset.sha256', 'claim.asset.extra', 'claim.capture']),
    ],
  },
  'manifest-capture-media.json': {
    valid: validVectors(['audio', 'video']),
    wantErr: [
      bad('other packet hash', 'audio', { 'asset.packets.hash': 'md5-framehash' }, ['claim.asset.packets.hash']),
      bad('no packets', 'audio', { 'asset.packets.count': 0 }, ['claim.asset.packets.count']),
      bad('padded base64 fingerprint', 'audio', { 'asset.fingerprint': { chromaprint: 'AQAB==' } }, ['claim.asset.fingerprint.chromaprint']),
      bad('fingerprint with non-zero trailing bits', 'audio', { 'asset.fingerprint': { chromaprint: 'AQAB' + 'AB' } }, ['claim.asset.fingerprint.chromaprint']),
      bad('no fingerprint and no reason', 'audio', { 'asset.fingerprint': {} }, ['claim.asset.fingerprint.reason']),
      bad('a fingerprint and a reason', 'audio', { 'asset.fingerprint': { chromaprint: 'AQAB', reason: 'unavailable' } }, ['claim.asset.fingerprint.reason']),
      bad('frames on audio', 'audio', { 'asset.frames': { perSecondPhash: [] } }, ['claim.asset.frames']),
      bad('crop in an audio policy', 'audio', { 'policy.crop': { minAreaFrac: 0.5 } }, ['claim.policy.crop']),
      bad('upper-case codec', 'audio', { 'asset.codec': 'AAC' }, ['claim.asset.codec']),
      bad('video media type on audio', 'audio', { 'asset.mediaType': 'video/mp4' }, ['claim.asset.mediaType']),
      bad('required signer that is not a key id', 'audio', { 'requiredSigners.keys': [K(1), 'alice', K(2)] }, ['claim.requiredSigners.keys[1]']),
      bad('bad frame hash', 'video', { 'asset.frames.perSecondPhash': ['0123456789abcdef', '0123456789abcdef', '0123456789ABCDEF'] }, ['claim.asset.frames.perSecondPhash[2]']),
      bad('fractional duration', 'video', { 'asset.durationMs': 4500.5 }, ['claim.asset.durationMs']),
      bad('stream index out of range', 'video', { 'asset.packets.stream': 256 }, ['claim.asset.packets.stream']),
    ],
  },
  'manifest-transcript.json': {
    valid: validVectors(['audio', 'transcript']),
    wantErr: [
      bad('claim digest differs from the manifest id', 'transcript', { 'recording.claimDigest': photoId }, ['claim.recording.claimDigest']),
      bad('unknown normaliser', 'transcript', { normaliser: 'qv2' }, ['claim.normaliser']),
      bad('duplicate speaker labels', 'transcript', { 'transcript.speakers': [{ label: 'Host' }, { label: 'Host' }] }, ['claim.transcript.speakers']),
      bad('no speakers', 'transcript', { 'transcript.speakers': [] }, ['claim.transcript.speakers']),
      bad('speaker key id in upper case', 'transcript', { 'transcript.speakers': [{ label: 'Host', keyId: K(1).toUpperCase() }] }, ['claim.transcript.speakers[0].keyId']),
      bad('no segments', 'transcript', { 'transcript.segmentCount': 0 }, ['claim.transcript.segmentCount']),
      bad('language that is not a tag', 'transcript', { 'transcript.language': 'english language' }, ['claim.transcript.language']),
      bad('missing recording', 'transcript', { recording: undefined }, ['claim.recording']),
    ],
  },
  'manifest-derivative.json': {
    valid: validVectors(['photo', 'derivative', 'audio', 'clip', 'exact clip']),
    wantErr: [
      bad('empty recipe', 'derivative', { recipe: [] }, ['claim.recipe']),
      bad('unknown op', 'derivative', { 'recipe.0': { op: 'inpaint', x: 0, y: 0, w: 10, h: 10 } }, ['claim.recipe[0].op']),
      bad('zero-width crop', 'derivative', { 'recipe.0.w': 0 }, ['claim.recipe[0].w']),
      bad('45 degree rotation', 'derivative', { 'recipe.1.rot90': 45 }, ['claim.recipe[1].rot90']),
      bad('adjust without saturation', 'derivative', { 'recipe.2.saturation': undefined }, ['claim.recipe[2].saturation']),
      bad('negative brightness', 'derivative', { 'recipe.2.brightness': -1 }, ['claim.recipe[2].brightness']),
      bad('jpeg without quality', 'derivative', { 'recipe.4': { op: 'encode', format: 'jpeg' } }, ['claim.recipe[4].quality']),
      bad('png with quality', 'derivative', { 'recipe.4': { op: 'encode', format: 'png', quality: 90 } }, ['claim.recipe[4].quality']),
      bad('unknown op parameter', 'derivative', { 'recipe.3.filter': 'lanczos' }, ['claim.recipe[3].filter']),
      bad('trim in an image recipe', 'derivative', { 'recipe.5': { op: 'trim', startPacket: 0, endPacket: 1, t0Ms: 0, t1Ms: 1 } }, ['claim.recipe[5].op']),
      bad('image recipe with an audio output', 'derivative', { asset: clone(clip.asset) }, ['claim.asset.mediaType']),
      bad('image output without raster', 'derivative', { 'asset.raster': undefined }, ['claim.asset.raster']),
      bad('tile indices not ascending', 'derivative', { 'revealedTiles.indices': [35, 34, 50, 51] }, ['claim.revealedTiles.indices']),
      bad('fewer tiles than indices', 'derivative', { 'revealedTiles.tiles': derivative.revealedTiles.tiles.slice(1) }, ['claim.revealedTiles.tiles']),
      bad('tile field outside base64url', 'derivative', { 'revealedTiles.tiles.0.pixels': 'AA+/' }, ['claim.revealedTiles.tiles[0].pixels']),
      bad('prose in the tile proof', 'derivative', { 'revealedTiles.proof': { leafCount: 192, note: 'not hex' } }, ['claim.revealedTiles.proof.note']),
      bad('fractional number in the tile proof', 'derivative', { 'revealedTiles.proof': { leafCount: 192, path: [1.5] } }, ['claim.revealedTiles.proof.path[0]']),
      bad('missing parent', 'derivative', { parent: undefined }, ['claim.parent']),
      bad('trim recipe with revealed tiles', 'clip', { revealedTiles: clone(derivative.revealedTiles) }, ['claim.revealedTiles']),
      bad('trim that ends before it starts', 'clip', { 'recipe.0.endPacket': 1000 }, ['claim.recipe[0].endPacket']),
      bad('packet proof on an image derivative', 'derivative', { packetProof: clone(exactClip.packetProof) }, ['claim.packetProof']),
      bad('packet proof node not a digest', 'exact clip', { 'packetProof.proof.3': 'AAAA' }, ['claim.packetProof.proof[3]']),
      bad('packet proof longer than 128', 'exact clip', { 'packetProof.proof': Array.from({ length: 129 }, () => h('x')) }, ['claim.packetProof.proof']),
    ],
  },
  'manifest-quote.json': {
    valid: validVectors(['quote']),
    wantErr: [
      bad('t1 before t0', 'quote', { 'quote.t1': 842999 }, ['claim.quote.t1']),
      bad('article URL not normalised', 'quote', { 'article.url': 'https://NEWS.example' }, ['claim.article.url']),
      bad('javascript: URL', 'quote', { 'article.url': 'javascript:alert(1)' }, ['claim.article.url']),
      bad('empty quote', 'quote', { 'quote.text': '' }, ['claim.quote.text']),
      bad('missing speaker', 'quote', { 'quote.speaker': undefined }, ['claim.quote.speaker']),
      bad('prose in the proof', 'quote', { 'proof.runs.0.tokens.0': 'hello world' }, ['claim.proof.runs[0].tokens[0]']),
      bad('unknown proof version', 'quote', { 'proof.v': 2 }, ['claim.proof.v']),
      bad('proof without runs', 'quote', { 'proof.runs': [] }, ['claim.proof.runs']),
      bad('__proto__ key in the proof', 'quote', {}, ['claim.proof.__proto__']),
      bad('source digest differs', 'quote', { 'source.manifestId': photoId }, ['claim.source.claimDigest']),
    ],
  },
};

// JSON.parse gives "__proto__" as an own key; build it the same way.
const protoCase = files['manifest-quote.json'].wantErr.find((c) => c.name.startsWith('__proto__'));
protoCase.manifest.claim.proof = Object.assign(JSON.parse('{"__proto__": {"polluted": "AAAA"}}'), clone(quote.proof));

const envelopeBase = M(photo);

// Ed25519 signature entries made with node:crypto from the RFC 8032 §7.1 TEST 1 secret key and a second fixed seed.
// Entry message = len(tag) ‖ "provenant/v1/signature" ‖ JCS({v: 1, claim, alg, keyId, role, signedAt});
// key id = hex SHA-256(len(tag) ‖ "provenant/v1/key-id" ‖ "ed25519" ‖ 0x00 ‖ publicKey).
function tagged(tag, ...parts) {
  const t = Buffer.from(tag);
  return createHash('sha256').update(Buffer.concat([Buffer.from([t.length]), t, ...parts])).digest();
}
function ed25519Entry(seedHex, claimHex, role, signedAt) {
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = tagged('provenant/v1/key-id', Buffer.from('ed25519'), Buffer.from([0]), publicKey).toString('hex');
  const t = Buffer.from('provenant/v1/signature');
  const msg = Buffer.concat([Buffer.from([t.length]), t, Buffer.from(jcs({ v: 1, claim: claimHex, alg: 'ed25519', keyId, role, signedAt }))]);
  return { alg: 'ed25519', keyId, publicKey: b64u(publicKey), role, signedAt, sig: b64u(sign(null, msg, key)) };
}
const SEED1 = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const SEED2 = '4ccd089b28ff96da9d6c5de14c7cc4a1d4a8f2b7e3ebb2e9cdbf76a3b0c9a2a3'.slice(0, 64);
const capSig = ed25519Entry(SEED1, photoId, 'capture', 1767225600500);
const pubSig = ed25519Entry(SEED2, photoId, 'publisher', 1767312000000);
const tampered = { ...capSig, sig: capSig.sig.slice(0, 10) + (capSig.sig[10] === 'A' ? 'B' : 'A') + capSig.sig.slice(11) };
const otherClaim = ed25519Entry(SEED1, audioId, 'capture', 1767225600500);
const signedCases = [
  { name: 'capture signature', manifest: { claim: photo, signatures: [capSig] }, id: photoId, wantStatus: [['signature.valid', capSig.keyId]] },
  { name: 'two signers in either order', manifest: { claim: photo, signatures: [pubSig, capSig] }, id: photoId, wantStatus: [['signature.valid', pubSig.keyId], ['signature.valid', capSig.keyId]] },
  { name: 'a changed signature byte', manifest: { claim: photo, signatures: [tampered] }, id: photoId, wantStatus: [['signature.invalid', capSig.keyId]] },
  { name: 'a signature over another claim', manifest: { claim: photo, signatures: [otherClaim] }, id: photoId, wantStatus: [['signature.invalid', capSig.keyId]] },
  { name: 'a key id that is not the public key', manifest: { claim: photo, signatures: [{ ...capSig, keyId: pubSig.keyId }] }, id: photoId, wantStatus: [['signature.keyMismatch', pubSig.keyId]] },
  { name: 'a bad copy next to a good one', manifest: { claim: photo, signatures: [tampered, capSig] }, id: photoId, wantStatus: [['signature.valid', capSig.keyId], ['signature.duplicate', capSig.keyId]] },
  { name: 'unsigned', manifest: { claim: photo, signatures: [] }, id: photoId, wantStatus: [['signature.none', null]] },
];
files['manifest-envelope.json'] = {
  valid: [],
  signed: signedCases,
  wantErr: [
    { name: 'signature with a short sig', manifest: { claim: photo, signatures: [{ ...capSig, sig: capSig.sig.slice(4) }] }, wantErr: ['signatures[0].sig'] },
    { name: 'signature with an unknown algorithm', manifest: { claim: photo, signatures: [{ ...capSig, alg: 'rsa' }] }, wantErr: ['signatures[0].alg'] },
    { name: 'signature with an unknown member', manifest: { claim: photo, signatures: [{ ...capSig, cert: 'AAAA' }] }, wantErr: ['signatures[0].cert'] },
    { name: '257 signatures', manifest: { claim: photo, signatures: Array.from({ length: 257 }, () => capSig) }, wantErr: ['signatures'] },
    { name: 'unknown top-level field', manifest: { ...clone(envelopeBase), note: 'hi' }, wantErr: ['note'] },
    { name: 'signatures not an array', manifest: { ...clone(envelopeBase), signatures: {} }, wantErr: ['signatures'] },
    { name: 'missing signatures', manifest: { claim: clone(photo) }, wantErr: ['signatures'] },
    { name: 'missing claim', manifest: { signatures: [] }, wantErr: ['claim'] },
    { name: 'unknown claim kind', manifest: M({ ...clone(photo), kind: 'capture.photograph' }), wantErr: ['claim.kind'] },
    { name: 'claim is a string', manifest: { claim: jcs(photo), signatures: [] }, wantErr: ['claim'] },
    { name: 'manifest is an array', manifest: [clone(photo)], wantErr: ['manifest'] },
    { name: 'manifest is null', manifest: null, wantErr: ['manifest'] },
    { name: 'truncated JSON text', text: jcs(envelopeBase).slice(0, 100), wantErr: ['manifest'] },
    { name: 'JSON text with a lone surrogate in a title', text: jcs(M({ ...photo, title: 'x' })).replace('"title":"x"', '"title":"\\ud800"'), wantErr: ['claim.title'] },
    { name: 'text larger than 4 MiB', textRepeat: { prefix: '{"claim":{},"signatures":[],"pad":"', fill: 'a', count: 4 * 1024 * 1024, suffix: '"}' }, wantErr: ['manifest'] },
  ],
};

for (const [file, body] of Object.entries(files)) {
  const out = {
    source:
      'Generated by a scratch script: claims are synthetic and hash-like field values are SHA-256 of labels. ' +
      'Each valid case has its RFC 8785 canonical claim and its id = hex SHA-256(0x12 ‖ "provenant/v1/claim" ‖ canonical), computed with node:crypto and an independent sorted-keys JSON.stringify canonicaliser; tests/manifest/vectors.test.ts recomputes both that way and compares them with the library. ' +
      'EIP-55 key ids are the test addresses of EIP-55. signed cases (manifest-envelope.json) carry Ed25519 entries made with node:crypto from the RFC 8032 §7.1 TEST 1 secret key and a second fixed seed, over tagPrefix(signature) ‖ JCS({v, claim, alg, keyId, role, signedAt}); wantStatus lists [code, subject] in order. wantErr cases are single hand-written mutations of a valid claim; wantErr lists exactly the field paths an implementation must report.',
    ...body,
  };
  writeFileSync(`${OUT}/${file}`, `${JSON.stringify(out, null, 2)}\n`);
}
console.log('ok', photoId, audioId, transcriptId);
