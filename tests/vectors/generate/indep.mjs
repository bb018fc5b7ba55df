// Independent implementation (node:crypto only) of the transcript tree, per docs/PROTOCOL.md; shared by the
// scratch vector generator. The same logic is re-typed in tests/transcript/vectors.test.ts.
import { createHash } from 'node:crypto';
const sha = (...parts) => { const h = createHash('sha256'); for (const p of parts) h.update(p); return new Uint8Array(h.digest()); };
const tp = (tag) => Buffer.concat([Buffer.from([tag.length]), Buffer.from(tag, 'ascii')]);
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const u64 = (n) => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; };
export const salt = (seed, tag, index) => { const L = Buffer.from(tag); return sha(tp('provenant/v1/salt'), seed, u32(L.length), L, u64(index)); };
export const leaf = (data) => sha(Buffer.from([0]), data);
const node = (l, r) => sha(Buffer.from([1]), l, r);
const split = (n) => { let k = 1; while (k * 2 < n) k *= 2; return k; };
export const mth = (h, lo = 0, hi = h.length) => hi - lo === 0 ? sha(Buffer.alloc(0)) : hi - lo === 1 ? h[lo] : node(mth(h, lo, lo + split(hi - lo)), mth(h, lo + split(hi - lo), hi));
export function rangePath(h, start, end) {
  const out = [];
  const walk = (lo, hi) => {
    if (start <= lo && hi <= end) return;
    const mid = lo + split(hi - lo);
    if (end <= mid) { walk(lo, mid); out.push(mth(h, mid, hi)); }
    else if (start >= mid) { walk(mid, hi); out.push(mth(h, lo, mid)); }
    else { walk(lo, mid); walk(mid, hi); }
  };
  walk(0, h.length); return out;
}
export const hex = (b) => Buffer.from(b).toString('hex');
export const b64u = (b) => Buffer.from(b).toString('base64url');
export function build(segments, tokens, seed) {
  const segs = segments.map((s, i) => {
    const tsalts = tokens[i].map((_, j) => salt(seed, 'provenant/v1/token', i * 2 ** 20 + j));
    const tleaves = tokens[i].map((t, j) => leaf(Buffer.concat([tp('provenant/v1/token'), tsalts[j], Buffer.from(t, 'utf8')])));
    const tokensRoot = mth(tleaves);
    const ssalt = salt(seed, 'provenant/v1/segment', i);
    const content = JSON.stringify({ i, speaker: s.speaker, t0: s.t0, t1: s.t1, tokenCount: tokens[i].length, tokensRoot: hex(tokensRoot) });
    const sleaf = leaf(Buffer.concat([tp('provenant/v1/segment'), ssalt, Buffer.from(content, 'utf8')]));
    return { tsalts, tleaves, tokensRoot, ssalt, content, sleaf };
  });
  return { segs, root: mth(segs.map((s) => s.sleaf)) };
}
