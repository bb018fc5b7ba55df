/** /v1/quotes: quote attestations (signed `quote` manifests) and the lookup readers use. */
import { Hono } from 'hono';
import { ProvenantError } from '../../core/errors.ts';
import { MAX_QUOTE_CHARS } from '../../core/manifest/quote.ts';
import { bodyBytes } from '../http/params.ts';
import { submitManifest } from '../manifests/submit.ts';
import { searchQuotes } from '../quotes/search.ts';
import type { Services } from '../services.ts';

export function quoteRoutes(s: Services): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const r = await submitManifest(s, await bodyBytes(c), ['quote']);
    return c.json({ id: r.id, logIndex: r.logIndex, receipt: r.receipt }, r.created ? 201 : 200);
  });

  app.get('/', async (c) => {
    const text = c.req.query('text');
    if (text === undefined || text.length === 0 || text.length > MAX_QUOTE_CHARS) {
      throw new ProvenantError('input.invalid', `text must be 1 to ${MAX_QUOTE_CHARS} characters`, {
        details: ['text'],
      });
    }
    const result = await searchQuotes(s.db, text);
    if (result.fragments.length === 0) {
      throw new ProvenantError('input.invalid', 'text has no words', { details: ['text'] });
    }
    return c.json(result);
  });

  return app;
}
