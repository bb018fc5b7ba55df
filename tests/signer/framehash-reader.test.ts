import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isProvenantError } from '../../core/errors.ts';
import { FramehashReader } from '../../signer/media/av.ts';
import { PacketCollector } from '../../signer/media/packet-list.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const HEADER =
  '#format: frame checksums\n#version: 2\n#hash: SHA256\n#tb 0: 1/14112000\n#stream#, dts, pts, duration, size, hash\n';
const LINES = [
  `0,    -707195,    -707195,   368640,      208, ${sha('a')}, S=1,       10, ${sha('side')}`,
  `0,    -338555,    -338555,   368640,      209, ${sha('b')}`,
  `0, -9223372036854775808, -9223372036854775808,   368640,      209, ${sha('c')}`,
  `0,      30085,      30085,   368640,      207, ${sha('d')}`,
];
const TEXT = `${HEADER}${LINES.join('\n')}\n`;

/** The reference: one line at a time through line(). */
function byLines(): FramehashReader {
  const r = new FramehashReader(undefined, new PacketCollector());
  for (const l of TEXT.split('\n')) r.line(l);
  return r;
}

function codeOf(f: () => void): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isProvenantError(e) ? e.code : String(e);
  }
}

describe('FramehashReader on raw bytes', () => {
  it('gives the same leaves, root, times and duration whatever the chunking', () => {
    const ref = byLines();
    const bytes = Buffer.from(TEXT, 'latin1');
    for (const size of [1, 2, 7, 64, 100, bytes.length]) {
      const r = new FramehashReader(undefined, new PacketCollector());
      for (let o = 0; o < bytes.length; o += size) r.push(bytes.subarray(o, o + size));
      r.end();
      expect(r.count).toBe(4);
      expect(r.root()).toBe(ref.root());
      expect(r.durationMs()).toBe(ref.durationMs());
      expect(r.packetList()).toEqual(ref.packetList());
    }
    // The unset timestamp (INT64_MIN) carries no timing: duration spans the three timed packets.
    expect(ref.durationMs()).toBe(Math.round(((30085 + 368640 + 707195) * 1000) / 14112000));
  });

  it('counts a last line without a newline at end()', () => {
    const r = new FramehashReader();
    r.push(Buffer.from(TEXT.slice(0, -1), 'latin1'));
    expect(r.count).toBe(3);
    r.end();
    expect(r.root()).toBe(byLines().root());
  });

  it('refuses lines that are not one stream-0 packet with a lower-case SHA-256', () => {
    for (const bad of [
      `1,  0,  0,  1,  2, ${sha('x')}`,
      `0,  0,  0,  1,  2, ${sha('x').toUpperCase()}`,
      `0,  0,  0,  1,  2, ${sha('x').slice(1)}`,
      '0,  0,  0,  1,  2',
      'garbage',
    ]) {
      expect(codeOf(() => new FramehashReader().push(Buffer.from(`${bad}\n`)))).toBe('ffmpeg.failed');
    }
  });

  it('framecrc mode: packet sizes plus the packet bytes give the same leaves in any arrival order', () => {
    const packets = [Buffer.from('a'), Buffer.alloc(300, 7), Buffer.from('c'), Buffer.alloc(5000, 9)];
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const times = [
      [-707195, 368640],
      [-338555, 368640],
      [Number.NaN, 368640],
      [30085, 368640],
    ];
    const hashed = packets
      .map(
        (p, i) =>
          `0, 0, ${Number.isNaN(times[i]?.[0]) ? '-9223372036854775808' : times[i]?.[0]}, ${times[i]?.[1]}, ${p.length}, ${digest(p)}`,
      )
      .join('\n');
    const listed = packets
      .map(
        (p, i) =>
          `0, 0, ${Number.isNaN(times[i]?.[0]) ? '-9223372036854775808' : times[i]?.[0]}, ${times[i]?.[1]}, ${p.length}, 0x00000000`,
      )
      .join('\n');
    const ref = new FramehashReader(undefined, new PacketCollector());
    ref.push(Buffer.from(`${HEADER}${hashed}\n`));
    ref.end();
    const lines = Buffer.from(`${HEADER}${listed}\n`);
    const data = Buffer.concat(packets);
    for (const [lineStep, dataStep, dataFirst] of [
      [1, 1, false],
      [13, 7, true],
      [lines.length, 4096, false],
      [50, data.length, true],
    ] as const) {
      const r = new FramehashReader(undefined, new PacketCollector(), 'framecrc');
      let l = 0;
      let d = 0;
      while (l < lines.length || d < data.length) {
        const feedData = () => {
          if (d < data.length) r.data(data.subarray(d, d + dataStep));
          d += dataStep;
        };
        if (dataFirst) feedData();
        if (l < lines.length) r.push(lines.subarray(l, l + lineStep));
        l += lineStep;
        if (!dataFirst) feedData();
      }
      r.end();
      expect(r.root()).toBe(ref.root());
      expect(r.packetList()).toEqual(ref.packetList());
    }
    const short = new FramehashReader(undefined, undefined, 'framecrc');
    short.push(lines);
    short.data(data.subarray(1));
    expect(codeOf(() => short.end())).toBe('ffmpeg.failed');
  });
});
