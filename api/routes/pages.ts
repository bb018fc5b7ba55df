/** Human pages: GET /verify (drop a file) and GET /docs (the API reference). */
import { Hono } from 'hono';
import { renderDocsPage } from '../pages/docs-page.ts';
import { PAGE_CSP } from '../pages/html.ts';
import { VERIFY_PAGE } from '../pages/verify-page.ts';

export function pageRoutes(openapi: unknown): Hono {
  const app = new Hono();
  const docs = renderDocsPage(openapi);
  const html = (body: string) => ({
    body,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP },
  });
  app.get('/verify', (c) => {
    const page = html(VERIFY_PAGE);
    return c.body(page.body, 200, page.headers);
  });
  app.get('/docs', (c) => {
    const page = html(docs);
    return c.body(page.body, 200, page.headers);
  });
  return app;
}
