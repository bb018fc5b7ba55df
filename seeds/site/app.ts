/**
 * The demo site, a Hono sub-app the server mounts at /demo: the article page and the public demo media. It reads
 * `demo.json` from the data directory on each request, so a re-seed shows up without a restart.
 */
import { join, resolve } from 'node:path';
import { Hono } from 'hono';
import type { DemoFile, DemoManifest } from '../demo-manifest.ts';
import { readDemoManifest } from '../read-demo.ts';
import { articlePage } from './article.ts';
import { serveFile } from './media.ts';

export interface DemoSiteOptions {
  /** The seeded data directory (default data/demo). */
  dataDir: string;
  /** The path the sub-app is mounted at, for links (default "/demo"). */
  basePath?: string;
  /** The API's verification page (default "/verify"). */
  verifyUrl?: string;
}

/** Every file the page shows, by the file name its URL uses. */
function servedFiles(demo: DemoManifest): Map<string, DemoFile> {
  const files: DemoFile[] = [
    demo.photo.published,
    demo.photo.cdn,
    demo.photo.tampered,
    demo.photo.unsigned,
    demo.podcast.audio,
    demo.podcast.vtt,
  ];
  return new Map(files.map((f) => [f.path.split('/').pop() ?? '', f]));
}

const NOT_SEEDED =
  '<!doctype html><meta charset="utf-8"><title>Provenant demo</title><p>The demo has not been seeded yet: run <code>npm run seed</code> while the server is running.</p>';

export function demoSite(options: DemoSiteOptions): Hono {
  const dataDir = resolve(options.dataDir);
  const base = options.basePath ?? '/demo';
  const verifyUrl = options.verifyUrl ?? '/verify';
  const app = new Hono();

  app.get('/', async (c) => {
    const demo = await readDemoManifest(dataDir);
    if (!demo) return c.html(NOT_SEEDED, 503);
    c.header(
      'content-security-policy',
      "default-src 'self'; style-src 'unsafe-inline'; img-src 'self'; media-src 'self'",
    );
    return c.html(articlePage(demo, { base, verifyUrl }));
  });

  app.on(['GET', 'HEAD'], '/media/:name', async (c) => {
    const demo = await readDemoManifest(dataDir);
    const file = demo ? servedFiles(demo).get(c.req.param('name')) : undefined;
    if (!file) return c.json({ error: { code: 'notFound', message: 'no such demo file' } }, 404);
    return serveFile(c, { absPath: join(dataDir, file.path), mediaType: file.mediaType });
  });

  // The demo's trust list (the two TEST-ONLY root keys and the key statements), for the extension's options.
  app.get('/trust.json', async (c) => {
    const demo = await readDemoManifest(dataDir);
    if (!demo) return c.json({ error: { code: 'notFound', message: 'the demo is not seeded' } }, 404);
    return serveFile(c, { absPath: join(dataDir, demo.trustPath), mediaType: 'application/json' });
  });

  // "/demo/" (a trailing slash) is the same page; anything else under the mount is not part of the demo.
  app.get('/*', (c) =>
    c.req.path === `${base}/`
      ? c.redirect(base, 301)
      : c.json({ error: { code: 'notFound', message: 'no such page' } }, 404),
  );

  return app;
}
