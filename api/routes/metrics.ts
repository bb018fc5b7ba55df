/** GET /metrics: Prometheus text exposition of the service's counters, plus the log size read at scrape time. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { logState } from '../db/schema/index.ts';
import { gauge } from '../metrics/registry.ts';
import type { Services } from '../services.ts';

export function metricsRoutes(s: Services): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const [state] = await s.db.select({ size: logState.size }).from(logState).where(eq(logState.id, 1));
    const m = s.metrics;
    const body = [
      m.requests.render(),
      m.latency.render(),
      m.batchSize.render(),
      gauge('provenant_log_entries', 'Entries in the transparency log (tree size).', state?.size ?? 0),
      gauge('provenant_sequencer_queued', 'Appends waiting for the next batch.', s.sequencer.queued),
    ].join('\n');
    return c.body(`${body}\n`, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
