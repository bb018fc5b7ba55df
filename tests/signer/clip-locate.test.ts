import { describe, expect, it } from 'vitest';
import { ProvenantError } from '../../core/errors.ts';
import { locateRun } from '../../signer/derive/locate-run.ts';
import { parseTranscode, parseTrim } from '../../signer/derive/trim-args.ts';

const leaf = (n: number) => new Uint8Array(32).fill(n);

describe('locateRun', () => {
  const starts = [0, 10, 20, 30, 40, 50, 60, 70];

  it('finds the contiguous run, or nothing when the packets are not one', () => {
    const rec = [1, 2, 3, 4, 5, 6, 7, 8].map(leaf);
    expect(locateRun(rec, starts, [3, 4, 5].map(leaf), 0)).toBe(2);
    expect(locateRun(rec, starts, [3, 5].map(leaf), 0)).toBeNull();
    expect(locateRun(rec, starts, [8, 9].map(leaf), 0)).toBeNull();
    expect(locateRun(rec, starts, [], 0)).toBeNull();
  });

  it('among repeated identical packets (silence) takes the run starting nearest the asked time', () => {
    const rec = [1, 0, 0, 0, 0, 0, 0, 2].map(leaf);
    const silence = [0, 0].map(leaf);
    expect(locateRun(rec, starts, silence, 0)).toBe(1);
    expect(locateRun(rec, starts, silence, 41)).toBe(4);
    expect(locateRun(rec, starts, silence, 1000)).toBe(5);
  });
});

describe('clip flags', () => {
  it('parses --trim seconds to ms and --bitrate with a k suffix', () => {
    expect(parseTrim('12.5,20')).toEqual({ t0Ms: 12_500, t1Ms: 20_000 });
    expect(parseTrim(' 0 , 1.001 ')).toEqual({ t0Ms: 0, t1Ms: 1001 });
    expect(parseTranscode('mp3', '96k')).toEqual({ codec: 'mp3', bitrate: 96_000 });
    expect(parseTranscode('opus', undefined)).toEqual({ codec: 'opus' });
  });

  it('rejects malformed values as input.invalid', () => {
    for (const bad of ['5', '5,3', '1,1', '-1,2', '1,2,3', 'a,b', '1.0001,2']) {
      expect(() => parseTrim(bad)).toThrowError(ProvenantError);
      try {
        parseTrim(bad);
      } catch (e) {
        expect((e as ProvenantError).code).toBe('input.invalid');
      }
    }
    expect(() => parseTranscode('MP3', undefined)).toThrowError(ProvenantError);
    expect(() => parseTranscode('mp3', '0')).toThrowError(ProvenantError);
    expect(() => parseTranscode('mp3', 'fast')).toThrowError(ProvenantError);
  });
});
