/**
 * Composition root of the demo that `npm start` shows: an admin token for the embedded setup, the demo site at
 * /demo, the seeded content, and the built extension folder. Only `provenant serve` uses it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * The embedded setup's ADMIN_TOKEN: generated once and kept (mode 0600) in DATA_DIR, so the demo can register
 * its org root keys and the person running it can too. A configured ADMIN_TOKEN always wins.
 */
export async function embeddedAdminToken(dataDir: string): Promise<string> {
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  try {
    const token = (await readFile(path, 'utf8')).trim();
    if (token.length >= 16) return token;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return token;
}

export function demoDirOf(dataDir: string): string {
  return join(dataDir, 'demo');
}

/** Mounts the demo site; must run before the app serves its first request (Hono fixes its routes then). */
export async function mountDemoSite(app: Hono, dataDir: string): Promise<void> {
  const { demoSite } = await import('../seeds/index.ts');
  app.route('/demo', demoSite({ dataDir: demoDirOf(dataDir) }));
}

export interface SeededDemo {
  extensionDir: string | null;
}

/** Seeds the demo content into the running API (idempotent) and builds the extension for the reader to load. */
export async function seedAndBuild(options: {
  apiUrl: string;
  dataDir: string;
  adminToken: string;
  log: (line: string) => void;
}): Promise<SeededDemo> {
  const { seedDemo } = await import('../seeds/index.ts');
  await seedDemo({
    apiUrl: options.apiUrl,
    dataDir: demoDirOf(options.dataDir),
    adminToken: options.adminToken,
    reuse: true,
    log: options.log,
  });
  let extensionDir: string | null = null;
  try {
    // esbuild is a dev dependency: present after `npm install`, absent in a production install.
    const { buildExtension } = await import('../verifier-extension/build.ts');
    extensionDir = resolve((await buildExtension()).outDir);
  } catch (e) {
    options.log(`demo: the extension was not built (${e instanceof Error ? e.message : String(e)})`);
  }
  return { extensionDir };
}

/** What a newcomer needs to try the demo, printed once everything is up. */
export function demoInstructions(apiUrl: string, demo: SeededDemo, chain: { rpcUrl: string; contract: string } | null) {
  const lines = [
    '',
    `Demo article:      ${apiUrl}/demo`,
    `Verify a file:     ${apiUrl}/verify   (no extension needed)`,
    `API reference:     ${apiUrl}/docs     (OpenAPI at ${apiUrl}/openapi.json)`,
  ];
  if (demo.extensionDir) {
    lines.push(
      `Extension folder:  ${demo.extensionDir}`,
      '  Load it in Chrome: chrome://extensions → Developer mode → Load unpacked → pick that folder.',
      `  In its options, import the demo trust list from ${apiUrl}/demo/trust.json` +
        (chain ? `, and set RPC ${chain.rpcUrl} with contract ${chain.contract} to check anchors.` : '.'),
      '  Then right-click the pictures, the player or a quote on the demo article → "Verify provenance" / "Verify quote".',
    );
  }
  return lines.join('\n');
}
