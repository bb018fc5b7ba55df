/**
 * `derive`'s clip flags: `--trim t0,t1` in seconds (decimals allowed, e.g. `12.5,20`), `--transcode <codec>` with an
 * optional `--bitrate <bits/s>` (a `k` suffix means ×1000). Codec names are ffmpeg's codec names, as in the claim.
 */
import { ProvenantError } from '../../core/errors.ts';
import { TokenSchema } from '../../core/manifest/formats.ts';

export interface TrimRequest {
  t0Ms: number;
  t1Ms: number;
}

export interface TranscodeRequest {
  codec: string;
  bitrate?: number;
}

const SECONDS = /^\s*(\d{1,6}(?:\.\d{1,3})?)\s*$/;

function bad(message: string): ProvenantError {
  return new ProvenantError('input.invalid', message);
}

export function parseTrim(value: string): TrimRequest {
  const parts = value.split(',');
  const [a, b] = parts.map((p) => SECONDS.exec(p)?.[1]);
  if (parts.length !== 2 || a === undefined || b === undefined) {
    throw bad('--trim expects t0,t1 in seconds, e.g. 12.5,20');
  }
  const t0Ms = Math.round(Number(a) * 1000);
  const t1Ms = Math.round(Number(b) * 1000);
  if (t1Ms <= t0Ms) throw bad('--trim needs t1 after t0');
  return { t0Ms, t1Ms };
}

export function parseTranscode(codec: string, bitrate: string | undefined): TranscodeRequest {
  if (!TokenSchema.safeParse(codec).success) throw bad('--transcode expects a codec name such as aac, mp3 or opus');
  if (bitrate === undefined) return { codec };
  const m = /^\s*(\d{1,9})(k?)\s*$/i.exec(bitrate);
  const value = m ? Number(m[1]) * (m[2] === '' ? 1 : 1000) : Number.NaN;
  if (!(value >= 1 && value <= 1_000_000_000)) throw bad('--bitrate expects bits per second, e.g. 96000 or 96k');
  return { codec, bitrate: value };
}
