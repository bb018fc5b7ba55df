/**
 * Audio and video: up to four ffmpeg processes in parallel (they use separate cores; the file is read from the page
 * cache), each streaming its output:
 *   - per-packet SHA-256 of the chosen stream, stream-copied — the digests `-c copy -f framehash -hash sha256`
 *     prints, taken here with node:crypto from one ffmpeg with two outputs (`framecrc` for sizes and times, `data`
 *     for the bytes on fd 3): the packet leaves, folded into an RFC 6962 root with a compact range;
 *   - the Chromaprint fingerprint of the first audio stream (ffmpeg's `chromaprint` muxer, raw 32-bit values), when
 *     this ffmpeg build has that muxer: one process decodes to 11,025 Hz mono PCM (CHROMAPRINT_INPUT) and pipes it
 *     to a second that fingerprints it, so the two halves of the work use both cores;
 *   - for video, one 32×32 grey frame per second (`fps=1,scale=32:32:flags=area,format=gray`), each reduced to a
 *     64-bit pHash by core.
 * Packet leaf data = tagPrefix('packet') ‖ the packet's 32-byte SHA-256. Timestamps and side data are left out on
 * purpose: a stream-copied trim rewrites them but keeps the packet bytes, so it stays a contiguous run of leaves.
 */
import { createHash, hash } from 'node:crypto';
import { endianness } from 'node:os';
import type { Readable } from 'node:stream';
import { bytesToBase64url, bytesToHex } from '../../core/bytes.ts';
import { ProvenantError } from '../../core/errors.ts';
import { tagPrefix } from '../../core/hash.ts';
import { pHash } from '../../core/image/phash.ts';
import { MAX_CHROMAPRINT_CHARS, MAX_PER_SECOND_FRAMES } from '../../core/manifest/capture-media.ts';
import { CompactRange } from '../../core/merkle/compact-range.ts';
import { LEAF_PREFIX, sha256FromLatin1Digest } from '../../core/merkle/hasher.ts';
import { type FfmpegBinary, failureReason, ffmpegMuxers, runFfmpeg } from '../ffmpeg.ts';
import type { DetectedMedia } from './detect.ts';
import { hashFile } from './file-hash.ts';
import { PacketCollector, type PacketList } from './packet-list.ts';

export interface ProbedStream {
  readonly index: number;
  readonly type: 'audio' | 'video' | 'subtitle' | 'data' | 'attachment';
  readonly codec: string;
  /** A cover image in an audio file: a "video" stream that is not video. */
  readonly attachedPicture: boolean;
}

export interface Probe {
  /** ffmpeg's demuxer name, e.g. "mp3" or "mov,mp4,m4a,3gp,3g2,mj2". */
  readonly container: string;
  readonly streams: readonly ProbedStream[];
  /** From the container header, for progress only (the signed duration comes from the packets). */
  readonly headerDurationMs: number | null;
}

const STREAM_RE =
  /^\s*Stream #0:(\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: (Audio|Video|Subtitle|Data|Attachment): ([a-z0-9_]+)/;

/** Parses the input description ffmpeg prints on stderr for `-i file`. */
export function parseProbe(stderr: string): Probe | null {
  const input = /^Input #0, (.+?), from '/m.exec(stderr);
  if (!input?.[1]) return null;
  const streams: ProbedStream[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    const m = STREAM_RE.exec(line);
    if (!m) continue;
    streams.push({
      index: Number(m[1]),
      type: (m[2] as string).toLowerCase() as ProbedStream['type'],
      codec: m[3] as string,
      attachedPicture: line.includes('(attached pic)'),
    });
  }
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const headerDurationMs = d ? Math.round(((Number(d[1]) * 60 + Number(d[2])) * 60 + Number(d[3])) * 1000) : null;
  return { container: input[1].trim().toLowerCase(), streams, headerDurationMs };
}

export async function probeMedia(bin: FfmpegBinary, path: string): Promise<Probe> {
  const { stderr } = await runFfmpeg(bin, ['-i', path], { allowFailure: true, timeoutMs: 60_000 });
  const probe = parseProbe(stderr);
  if (!probe) throw new ProvenantError('media.corrupt', `${path}: ffmpeg cannot read it (${failureReason(stderr)})`);
  return probe;
}

/**
 * node:crypto SHA-256 for the packet tree: same digests as core's default, several times faster per call (a latin1
 * digest string avoids a Buffer per hash; see core/merkle/hasher.ts).
 */
const nodeSha256Fn = sha256FromLatin1Digest((data) => hash('sha256', data, 'binary'));

/** Hex digit values by byte, -1 for anything else (lower-case only, as ffmpeg prints them). */
const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const isBlank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d;

/**
 * Parser state for ffmpeg's framehash output of ONE stream. It works on the bytes as they arrive (push): no string,
 * array or buffer per packet, only the two SHA-256 calls (leaf, and on average one tree node) that the root needs.
 */
export class FramehashReader {
  readonly #range = new CompactRange(nodeSha256Fn);
  /** RFC 6962 leaf input 0x00 ‖ tagPrefix('packet') ‖ packet SHA-256, rewritten in place for every packet. */
  readonly #leafInput: Uint8Array;
  readonly #hashAt: number;
  #reportedMs = Number.NEGATIVE_INFINITY;
  #carry: Buffer | null = null;
  #tb: [number, number] | null = null;
  #start = Number.POSITIVE_INFINITY;
  #end = Number.NEGATIVE_INFINITY;
  /** Field bounds of the line being parsed: [start, end) of fields 0–5, trimmed. */
  readonly #fields = new Int32Array(12);
  /** framecrc mode: packet bytes received (`data`) and packets listed but not yet hashed, in stream order. */
  readonly #data: Buffer[] = [];
  #dataOffset = 0;
  #dataBytes = 0;
  /** Flat triples size, pts, duration. */
  readonly #queue: number[] = [];
  #queueHead = 0;

  constructor(
    private readonly onProgressMs?: (ms: number) => void,
    /** Keeps every packet's leaf and times (clips need them; signing does not). */
    private readonly collector?: PacketCollector,
    /**
     * 'framehash': lines carry each packet's SHA-256. 'framecrc': lines carry each packet's size and the packet bytes
     * themselves arrive through `data` (ffmpeg's `data` muxer of the same stream-copied packets), hashed here with
     * node:crypto (hardware SHA-256, several times cheaper than ffmpeg's own); the leaves are the same.
     */
    private readonly format: 'framehash' | 'framecrc' = 'framehash',
  ) {
    const prefix = tagPrefix('packet');
    this.#leafInput = new Uint8Array(1 + prefix.length + 32);
    this.#leafInput[0] = LEAF_PREFIX;
    this.#leafInput.set(prefix, 1);
    this.#hashAt = 1 + prefix.length;
  }

  /** Feeds a chunk of ffmpeg's stdout (lines may span chunks). */
  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.#carry !== null) {
      buf = Buffer.concat([this.#carry, chunk]);
      this.#carry = null;
    }
    let from = 0;
    for (let nl = buf.indexOf(NEWLINE, from); nl >= 0; nl = buf.indexOf(NEWLINE, from)) {
      this.#bytesLine(buf, from, nl);
      from = nl + 1;
    }
    if (from < buf.length) {
      if (buf.length - from > MAX_LINE_BYTES) {
        throw new ProvenantError('ffmpeg.failed', 'ffmpeg printed an over-long line');
      }
      this.#carry = Buffer.from(buf.subarray(from)); // a copy: the chunk's memory may be reused
    }
  }

  /** Call after the last chunk: a final line without a newline still counts. */
  end(): void {
    if (this.#carry !== null) {
      const rest = this.#carry;
      this.#carry = null;
      this.#bytesLine(rest, 0, rest.length);
    }
    if (this.#queueHead < this.#queue.length || this.#dataBytes !== 0) {
      throw new ProvenantError('ffmpeg.failed', 'the packet list and the packet data disagree in length');
    }
  }

  /** One line as a string (tests, and callers that split lines themselves). */
  line(line: string): void {
    const bytes = Buffer.from(line, 'latin1');
    this.#bytesLine(bytes, 0, bytes.length);
  }

  #bytesLine(buf: Buffer, from: number, to: number): void {
    if (to === from) return;
    if (buf[from] === 0x23 /* # */) {
      const tb = /^#tb 0: (\d+)\/(\d+)/.exec(buf.toString('latin1', from, to));
      if (tb) this.#tb = [Number(tb[1]), Number(tb[2])];
      return;
    }
    // Fields 0–5: stream, dts, pts, duration, size, hash (side data may follow; it is not part of the leaf).
    const f = this.#fields;
    let n = 0;
    let at = from;
    while (n < 6 && at <= to) {
      let end = buf.indexOf(COMMA, at);
      if (end < 0 || end > to) end = to;
      let s = at;
      let e = end;
      while (s < e && isBlank(buf[s] as number)) s++;
      while (e > s && isBlank(buf[e - 1] as number)) e--;
      f[2 * n] = s;
      f[2 * n + 1] = e;
      n++;
      at = end + 1;
    }
    const at0 = f[0] as number;
    const crc = this.format === 'framecrc';
    const size = crc ? parseInteger(buf, f[8] as number, f[9] as number) : 0;
    const h0 = f[10] as number;
    if (
      n < 6 ||
      (f[1] as number) - at0 !== 1 ||
      buf[at0] !== 0x30 /* 0 */ ||
      !(crc
        ? Number.isSafeInteger(size) && size >= 0 && buf[h0] === 0x30 && buf[h0 + 1] === 0x78 /* 0x */
        : this.#hexInto(buf, h0, f[11] as number))
    ) {
      throw new ProvenantError(
        'ffmpeg.failed',
        `unexpected ${this.format} line: ${buf.toString('latin1', from, Math.min(to, from + 120))}`,
      );
    }
    const t = parseInteger(buf, f[4] as number, f[5] as number);
    const d = parseInteger(buf, f[6] as number, f[7] as number);
    if (crc) {
      if (this.#queue.length - this.#queueHead >= 3 * MAX_QUEUED_PACKETS) {
        throw new ProvenantError('ffmpeg.failed', 'ffmpeg listed packets far ahead of their data');
      }
      this.#queue.push(size, t, d);
      this.#drain();
    } else {
      this.#leaf(t, d);
    }
  }

  /** framecrc mode: the stream-copied packets' bytes, back to back, as ffmpeg writes them. */
  data(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#data.push(chunk);
    this.#dataBytes += chunk.length;
    if (this.#dataBytes > MAX_QUEUED_DATA) {
      throw new ProvenantError('ffmpeg.failed', 'ffmpeg sent packet data far ahead of the packet list');
    }
    this.#drain();
  }

  /** Hashes every listed packet whose bytes have all arrived. */
  #drain(): void {
    const q = this.#queue;
    while (this.#queueHead < q.length) {
      const size = q[this.#queueHead] as number;
      if (size > this.#dataBytes) break;
      const first = this.#data[0];
      if (first !== undefined && this.#dataOffset + size <= first.length) {
        const digest = hash('sha256', first.subarray(this.#dataOffset, this.#dataOffset + size), 'binary');
        for (let i = 0; i < 32; i++) this.#leafInput[this.#hashAt + i] = digest.charCodeAt(i);
        this.#dataOffset += size;
        if (this.#dataOffset === first.length) {
          this.#data.shift();
          this.#dataOffset = 0;
        }
      } else {
        const h = createHash('sha256');
        let left = size;
        while (left > 0) {
          const chunk = this.#data[0] as Buffer;
          const take = Math.min(left, chunk.length - this.#dataOffset);
          h.update(chunk.subarray(this.#dataOffset, this.#dataOffset + take));
          this.#dataOffset += take;
          left -= take;
          if (this.#dataOffset === chunk.length) {
            this.#data.shift();
            this.#dataOffset = 0;
          }
        }
        this.#leafInput.set(h.digest(), this.#hashAt);
      }
      this.#dataBytes -= size;
      this.#leaf(q[this.#queueHead + 1] as number, q[this.#queueHead + 2] as number);
      this.#queueHead += 3;
    }
    if (this.#queueHead === q.length) {
      q.length = 0;
      this.#queueHead = 0;
    }
  }

  /** Appends the packet whose SHA-256 is in the leaf input, with its pts and duration (NaN or unsafe: unset). */
  #leaf(t: number, d: number): void {
    const leafHash = nodeSha256Fn(this.#leafInput);
    this.#range.append(leafHash);
    // Unset timestamps print as INT64_MIN: they carry no timing and are skipped for the duration.
    const timed = Number.isSafeInteger(t) && Number.isSafeInteger(d);
    this.collector?.add(leafHash, Number.isSafeInteger(t) ? t : null, Number.isSafeInteger(d) ? d : null);
    if (timed) {
      if (t < this.#start) this.#start = t;
      if (t + d > this.#end) this.#end = t + d;
      if (this.onProgressMs && this.#tb) {
        // At most one report per second of media (not one per packet: 137,815 calls for a 60-minute MP3).
        const ms = ((t - this.#start) * 1000 * this.#tb[0]) / this.#tb[1];
        if (ms - this.#reportedMs >= 1000 || ms < this.#reportedMs) {
          this.#reportedMs = ms;
          this.onProgressMs(ms);
        }
      }
    }
  }

  /** Decodes 64 lower-case hex digits at buf[s, e) into the leaf input; false if they are not exactly that. */
  #hexInto(buf: Buffer, s: number, e: number): boolean {
    if (e - s !== 64) return false;
    const out = this.#leafInput;
    let o = this.#hashAt;
    for (let i = s; i < e; i += 2) {
      const hi = HEX_VALUE[buf[i] as number] as number;
      const lo = HEX_VALUE[buf[i + 1] as number] as number;
      if (hi < 0 || lo < 0) return false;
      out[o++] = (hi << 4) | lo;
    }
    return true;
  }

  get count(): number {
    return this.#range.size;
  }

  root(): string {
    return bytesToHex(this.#range.root());
  }

  /** The collected packets on the signed timeline (time 0 = the earliest packet's start), if collecting. */
  packetList(): PacketList | null {
    return this.collector ? this.collector.list(this.#tb, Number.isFinite(this.#start) ? this.#start : 0) : null;
  }

  /** Presentation span of the packets, in ms (first packet's start to the last packet's end). */
  durationMs(): number {
    if (!this.#tb || this.#end <= this.#start) return 0;
    return Math.round(((this.#end - this.#start) * 1000 * this.#tb[0]) / this.#tb[1]);
  }
}

const MAX_LINE_BYTES = 64 * 1024;
/** framecrc mode: how far the packet list and the packet bytes may run apart (ffmpeg keeps them within its buffers). */
const MAX_QUEUED_PACKETS = 1 << 20;
const MAX_QUEUED_DATA = 256 * 1024 * 1024;

/** A decimal integer at buf[s, e) (optional '-'), as Number() would read it; NaN when it is not one. */
function parseInteger(buf: Buffer, s: number, e: number): number {
  if (s >= e) return Number.NaN;
  const negative = buf[s] === 0x2d;
  let i = negative ? s + 1 : s;
  if (i >= e) return Number.NaN;
  let v = 0;
  for (; i < e; i++) {
    const c = (buf[i] as number) - 0x30;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return negative ? -v : v;
}

/** Collects raw chromaprint output (host-endian u32) as big-endian bytes, up to the claim's size limit. */
class ChromaprintCollector {
  readonly #chunks: Buffer[] = [];
  #bytes = 0;
  #overflow = false;
  static readonly MAX_BYTES = Math.floor((MAX_CHROMAPRINT_CHARS * 3) / 4 / 4) * 4;

  push(chunk: Buffer): void {
    if (this.#overflow) return;
    this.#bytes += chunk.length;
    if (this.#bytes > ChromaprintCollector.MAX_BYTES) {
      this.#overflow = true;
      this.#chunks.length = 0;
      return;
    }
    this.#chunks.push(chunk);
  }

  values(): Uint32Array | null {
    if (this.#overflow || this.#bytes === 0 || this.#bytes % 4 !== 0) return null;
    const all = Buffer.concat(this.#chunks);
    const view = new DataView(all.buffer, all.byteOffset, all.byteLength);
    const little = endianness() === 'LE';
    const out = new Uint32Array(all.length / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, little);
    return out;
  }
}

/** Big-endian bytes of the values, base64url: the claim's `fingerprint.chromaprint`. */
export function encodeChromaprint(values: Uint32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i] as number);
  return bytesToBase64url(bytes);
}

export function decodeChromaprint(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4);
  return out;
}

/**
 * The audio the Chromaprint fingerprint is computed over: the first audio stream decoded, downmixed to mono
 * (swresample's default matrix) and resampled to 11,025 Hz signed 16-bit by swresample with Chromaprint's own
 * resampler settings (16-tap windowed sinc, phase shift 8, cutoff 0.8), handed to the muxer in blocks of 16,384
 * samples, the last one short (not padded). Chromaprint works on 11,025 Hz mono anyway; converting before the
 * muxer is cheaper than the library's internal resampler and lets a second process do the fingerprinting.
 */
export const CHROMAPRINT_INPUT =
  'aresample=osr=11025:ochl=mono:osf=s16:filter_size=16:phase_shift=8:cutoff=0.8,asetnsamples=n=16384:p=0';

const FRAME_EDGE = 32;
const FRAME_BYTES = FRAME_EDGE * FRAME_EDGE;

/** Turns a stream of 32×32 grey frames into per-second pHashes, one frame at a time. */
class FrameHasher {
  readonly hashes: string[] = [];
  #pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    while (this.#pending.length >= FRAME_BYTES) {
      const grey = this.#pending.subarray(0, FRAME_BYTES);
      this.#pending = this.#pending.subarray(FRAME_BYTES);
      if (this.hashes.length >= MAX_PER_SECOND_FRAMES) continue;
      const data = new Uint8Array(FRAME_BYTES * 4);
      for (let i = 0; i < FRAME_BYTES; i++) {
        const g = grey[i] as number;
        data[i * 4] = g;
        data[i * 4 + 1] = g;
        data[i * 4 + 2] = g;
        data[i * 4 + 3] = 255;
      }
      this.hashes.push(pHash({ width: FRAME_EDGE, height: FRAME_EDGE, data }));
    }
  }
}

export type AcousticFingerprint = { chromaprint: string } | { reason: 'unavailable' };

export interface TimedAnalysis {
  readonly sort: 'audio' | 'video';
  readonly mediaType: string;
  readonly byteLength: number;
  readonly sha256: string;
  readonly durationMs: number;
  readonly codec: string;
  readonly container: string;
  readonly packets: { count: number; root: string; stream: number; hash: 'sha256-framehash' };
  readonly fingerprint: AcousticFingerprint;
  /** Why there is no fingerprint, for reports. */
  readonly fingerprintNote: string | null;
  readonly chromaprintValues: Uint32Array | null;
  readonly frames: { perSecondPhash: string[] } | null;
  /** Every packet leaf with its times, when asked for with `collectPackets`. */
  readonly packetList: PacketList | null;
}

export interface TimedOptions {
  /** Called with the media time reached, in ms, and the expected total (null if unknown). */
  onProgress?: (ms: number, totalMs: number | null) => void;
  timeoutMs?: number;
  /** Keep every packet's leaf hash and times in memory (for clips: O(n) memory). */
  collectPackets?: boolean;
}

/** The hashed stream: the first real video stream of a video container, else the first audio stream. */
export function chooseStream(probe: Probe, detected: Extract<DetectedMedia, { sort: 'timed' }>) {
  const video = probe.streams.find((s) => s.type === 'video' && !s.attachedPicture);
  const audio = probe.streams.find((s) => s.type === 'audio');
  if (video && detected.videoType !== null) return { sort: 'video' as const, main: video, audio: audio ?? null };
  if (audio) return { sort: 'audio' as const, main: audio, audio };
  throw new ProvenantError('media.unsupported', 'the file has no audio or video stream');
}

export function analyseTimed(
  bin: FfmpegBinary,
  path: string,
  detected: Extract<DetectedMedia, { sort: 'timed' }>,
  options: TimedOptions = {},
): Promise<TimedAnalysis> {
  return analyse(bin, path, detected, options, detected.videoType === null);
}

async function analyse(
  bin: FfmpegBinary,
  path: string,
  detected: Extract<DetectedMedia, { sort: 'timed' }>,
  options: TimedOptions,
  speculate: boolean,
): Promise<TimedAnalysis> {
  // An audio file's hashed stream is its first audio stream whatever the probe says (chooseStream), so its runs start
  // with the probe instead of after it, mapping `0:a:0`; the probe still decides (a file it rejects fails with the
  // probe's error). A video container waits for the probe: whether it has real video picks the stream.
  const choice = probeMedia(bin, path).then((probe) => ({ probe, ...chooseStream(probe, detected) }));
  choice.catch(() => {}); // awaited below
  const early = speculate ? null : await choice;
  const muxers = await ffmpegMuxers(bin);
  const sort = early ? early.sort : 'audio';
  const mainMap = early ? `0:${early.main.index}` : '0:a:0';
  const audioMap = early ? (early.audio ? `0:${early.audio.index}` : null) : '0:a:0';
  const hasChromaprint = muxers.has('chromaprint');
  let totalMs = early ? early.probe.headerDurationMs : null;
  // Progress knows the expected total from the moment the probe has it.
  choice.then(
    (c) => {
      totalMs = c.probe.headerDurationMs;
    },
    () => {},
  );
  const framehash = new FramehashReader(
    options.onProgress ? (ms) => options.onProgress?.(ms, totalMs) : undefined,
    options.collectPackets === true ? new PacketCollector() : undefined,
    'framecrc',
  );
  const chroma = new ChromaprintCollector();
  const frames = new FrameHasher();
  const abort = new AbortController();
  const run = (args: string[], onStdout: (chunk: Buffer) => void) =>
    runFfmpeg(bin, ['-i', path, ...args, 'pipe:1'], {
      onStdout,
      signal: abort.signal,
      timeoutMs: options.timeoutMs ?? 60 * 60 * 1000,
    });
  // `-flush_packets 0`: the muxers fill ffmpeg's 32 KiB output buffer instead of one write per packet per output
  // (275,000 pipe writes, and as many wake-ups here, for a 60-minute MP3).
  const packetOutput = (format: string, to: string) =>
    ['-map', mainMap, '-c', 'copy', '-flush_packets', '0', '-f', format, to] as const;
  const runs: Promise<unknown>[] = [
    // One demux, two outputs of the same stream-copied packets: framecrc lists them (size, times), `data` writes
    // their bytes to fd 3, and the SHA-256 of each is taken here (the leaves framehash -hash sha256 would give).
    runFfmpeg(bin, ['-i', path, ...packetOutput('framecrc', 'pipe:1'), ...packetOutput('data', 'pipe:3')], {
      onStdout: (c) => framehash.push(c),
      onPipe3: (c) => framehash.data(c),
      signal: abort.signal,
      timeoutMs: options.timeoutMs ?? 60 * 60 * 1000,
    }),
  ];
  if (audioMap !== null && hasChromaprint) {
    // Two processes so the fingerprint runs on another core than the decode: the first decodes and converts
    // (CHROMAPRINT_INPUT), the second only fingerprints; the PCM goes from one to the other through an OS pipe.
    let pcm: Readable | undefined;
    const limits = { signal: abort.signal, timeoutMs: options.timeoutMs ?? 60 * 60 * 1000 };
    const decode = ['-map', audioMap, '-af', CHROMAPRINT_INPUT, '-c:a', 'pcm_s16le', '-f', 'nut', 'pipe:1'];
    runs.push(runFfmpeg(bin, ['-i', path, ...decode], { ...limits, pipeStdout: (s) => (pcm = s) }));
    const fingerprint = ['-f', 'nut', '-i', 'pipe:0', '-c', 'copy', '-f', 'chromaprint', '-fp_format', 'raw', 'pipe:1'];
    runs.push(runFfmpeg(bin, fingerprint, { ...limits, stdin: pcm as Readable, onStdout: (c) => chroma.push(c) }));
  }
  if (sort === 'video') {
    const filter = `fps=1,scale=${FRAME_EDGE}:${FRAME_EDGE}:flags=area,format=gray`;
    runs.push(run(['-map', mainMap, '-vf', filter, '-f', 'rawvideo'], (c) => frames.push(c)));
  }
  let file: Awaited<ReturnType<typeof hashFile>>;
  let chosen: Awaited<typeof choice>;
  try {
    [file, chosen] = await Promise.all([hashFile(path), choice, ...runs]);
    framehash.end();
  } catch (e) {
    abort.abort(); // stop the sibling runs; their own rejections are then expected
    await Promise.allSettled(runs);
    // A file ffmpeg cannot read, or with no usable stream, fails the probe too: that error is the one to report.
    throw (
      (await choice.then(
        () => null,
        (err: unknown) => err,
      )) ?? e
    );
  }
  const { probe, main, audio } = chosen;
  // `0:a:0` is the probe's first audio stream only if the probe read every stream line: else do it the slow way.
  if (!early && probe.streams.some((s, i) => s.index !== i)) return analyse(bin, path, detected, options, false);
  if (framehash.count === 0) throw new ProvenantError('media.corrupt', `${path}: the stream has no packets`);
  const values = audio && hasChromaprint ? chroma.values() : null;
  const fingerprintNote = !audio
    ? 'no audio stream'
    : !hasChromaprint
      ? 'this ffmpeg build has no chromaprint muxer'
      : values === null
        ? 'chromaprint produced no usable fingerprint (too short or too long)'
        : null;
  return {
    sort,
    mediaType: sort === 'video' ? (detected.videoType as string) : detected.audioType,
    byteLength: file.byteLength,
    sha256: file.sha256,
    durationMs: framehash.durationMs(),
    codec: main.codec,
    container: probe.container,
    packets: { count: framehash.count, root: framehash.root(), stream: main.index, hash: 'sha256-framehash' },
    fingerprint: values ? { chromaprint: encodeChromaprint(values) } : { reason: 'unavailable' },
    fingerprintNote,
    chromaprintValues: values,
    frames: sort === 'video' ? { perSecondPhash: frames.hashes } : null,
    packetList: framehash.packetList(),
  };
}
