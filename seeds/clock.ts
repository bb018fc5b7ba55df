/**
 * The demo's fixed clock. Every signature and statement takes its time from here, never from Date.now, so the seeded
 * bytes are the same on every run. The story: keys issued in January; the photo taken and published on 2 November;
 * a reposter's signed "edit" of it (smoke painted in after the recipe) on 9 November; the episode recorded on 10
 * November, the guest co-signing a day later; quotes published on 12 November.
 */
const at = (iso: string): number => Date.parse(iso);

export const DEMO_TIMES = {
  keysIssued: at('2026-01-05T09:00:00.000Z'),
  photoCaptured: at('2026-11-02T06:41:12.000Z'),
  photoPublished: at('2026-11-02T09:15:00.000Z'),
  viralPosted: at('2026-11-09T21:47:00.000Z'),
  episodeRecorded: at('2026-11-10T16:30:00.000Z'),
  guestCosigned: at('2026-11-11T10:05:00.000Z'),
  quotesPublished: at('2026-11-12T07:30:00.000Z'),
} as const;

/** A clock stopped at `ms`, in the `() => number` shape the signer's options take. */
export function stoppedClock(ms: number): () => number {
  return () => ms;
}
