/**
 * Right-click → verdict on a 12-megapixel JPEG, in the e2e harness (the extension in Chromium, the real API on
 * PGlite on 127.0.0.1): from invoking the context-menu handler to the verdict page showing the finished verdict.
 * Baseline: the floor any in-browser verifier pays, fetching the same file in the worker and hashing it with
 * WebCrypto. Goal ≤ 300 ms (issue 6).
 */
import { chromiumAvailable, startHarness } from '../tests/e2e/harness.ts';
import { signAndSubmit, writePhoto } from '../tests/extension/fixtures.ts';
import { type BenchFigure, figure } from './lib.ts';

const RUNS = 5;

export async function run(): Promise<BenchFigure[]> {
  if (!chromiumAvailable) {
    process.stdout.write('extension-verdict: /usr/bin/chromium missing, skipped\n');
    return [];
  }
  const h = await startHarness();
  try {
    const file = await writePhoto(h.seeded.dir, 'twelve-mp.jpg', 4000, 3000, 21);
    await signAndSubmit(h.seeded, file);
    const url = h.mediaUrl('twelve-mp.jpg');
    const info = { menuItemId: 'verify-provenance', mediaType: 'image', srcUrl: url, pageUrl: h.pageUrl };
    let best = Number.POSITIVE_INFINITY;
    let state: string | null = null;
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      const { page } = await h.verifyViaMenu(info);
      const ms = performance.now() - t0;
      state = await page.locator('#verdict').getAttribute('data-state');
      await page.close();
      if (i > 0) best = Math.min(best, ms); // the first run warms the worker and the API
    }
    if (state !== 'valid') throw new Error(`extension-verdict: expected a valid verdict, got ${state}`);
    const baseline = await h.worker.evaluate(
      async ({ u, runs }) => {
        let min = Number.POSITIVE_INFINITY;
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const bytes = await (await fetch(u, { cache: 'no-store' })).arrayBuffer();
          await crypto.subtle.digest('SHA-256', bytes);
          min = Math.min(min, performance.now() - t0);
        }
        return min;
      },
      { u: url, runs: RUNS },
    );
    return [
      figure(
        'extension-verdict-12mp-jpeg',
        best,
        'ms',
        baseline,
        300,
        `best of ${RUNS}: menu handler → rendered verdict (exact match, signature, identity chain, inclusion proof); baseline = fetch + WebCrypto SHA-256 of the same file`,
      ),
    ];
  } finally {
    await h.close();
  }
}
