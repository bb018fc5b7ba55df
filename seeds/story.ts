/** The demo's editorial content in one place: titles, the photo desk's edit, the voices, and the quotes. */
import type { ImageOp } from '../core/image/ops.ts';
import type { Voice } from './podcast/audio.ts';

export const NEWSROOM = 'The Harbour Ledger';
export const ARTICLE_URL = 'https://harbour-ledger.example/2026/11/12/who-signed-this';
export const ARTICLE_TITLE = 'Who signed this? Tracing a harbour photo and a podcast back to their sources';

export const DEVICE = { maker: 'Halden Optics', model: 'K7' } as const;
export const PHOTO_TITLE = 'Dawn over the north harbour, from the lighthouse spit';

/** The photo desk's edit of the 1600 × 1200 capture: a 64 % crop, a gentle lift, re-encoded as JPEG. */
export const PHOTO_DESK_RECIPE: readonly ImageOp[] = [
  { op: 'crop', x: 160, y: 120, w: 1280, h: 960 },
  { op: 'adjust', brightness: 1.06, contrast: 1.12, saturation: 1.1 },
  { op: 'encode', format: 'jpeg', quality: 86 },
];

export const PODCAST = {
  title: 'Chain of Custody, episode 12: “Who signed this?”',
  host: 'Ines Valcourt',
  guest: 'Tobiah Renn',
} as const;

/** Each speaker label in transcript.vtt has a synthetic voice: pitch and timbre differ, so turns are audible. */
export const VOICES: Readonly<Record<string, Voice>> = {
  [PODCAST.host]: { f0: 205, harmonics: [1, 0.45, 0.3, 0.12] },
  [PODCAST.guest]: { f0: 118, harmonics: [1, 0.7, 0.4, 0.25] },
};

/** Quotes the newsroom attests, word for word from the guest's turns (the second one with an ellipsis). */
export const QUOTES: readonly string[] = [
  'A signature doesn’t tell you a picture is true. It tells you who is willing to stand behind it.',
  'The picture survives re-encoding … We check the pixels, not the label on the file.',
  'Provenance is not truth. It is a receipt.',
];

/** The first quote with one word dropped, as a careless (or hostile) page prints it: the meaning flips. */
export const MISQUOTE = 'A signature tells you a picture is true. It tells you who is willing to stand behind it.';
