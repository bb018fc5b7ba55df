/**
 * The browser harness shared by the end-to-end suite and bench/extension-verdict.bench.ts: the extension built into
 * a temporary folder and loaded unpacked into Debian's Chromium (playwright-core), the real API on PGlite served on
 * 127.0.0.1, and a static test page server for the media. The media server sends CORS headers, like most CDNs:
 * the suite cannot click Chrome's permission prompt, and host access is only requested on a real user gesture.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { AnchorClient } from '../../anchor/client.ts';
import { deployAnchor } from '../../anchor/deploy.ts';
import { type DevChain, startDevChain } from '../../anchor/devchain.ts';
import { connectRpc } from '../../anchor/provider.ts';
import { buildExtension } from '../../verifier-extension/build.ts';
import type { Settings } from '../../verifier-extension/src/settings.ts';
import { type Seeded, startSeededApi } from '../extension/fixtures.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

export interface Harness {
  seeded: Seeded;
  context: BrowserContext;
  worker: Worker;
  apiUrl: string;
  /** URL of a file in seeded.dir, served by the test page server. */
  mediaUrl(name: string): string;
  pageUrl: string;
  configure(settings: Partial<Settings>): Promise<void>;
  /**
   * Starts a local chain (anvil), deploys the anchor contract, anchors the log's current checkpoint, mines past
   * anvil's finality depth and points the extension at it. Returns the contract address.
   */
  anchorNow(): Promise<string>;
  /** Runs the context-menu handler as a click would, waits for the verdict page, returns it rendered. */
  verifyViaMenu(info: Record<string, unknown>): Promise<{ page: Page; verdictId: string }>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.html': 'text/html; charset=utf-8',
};

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function mediaServer(dir: string): Server {
  return createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(dir, path || 'index.html');
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const ext = file.slice(file.lastIndexOf('.'));
        res.writeHead(200, {
          'Content-Type': TYPES[ext] ?? 'application/octet-stream',
          'Access-Control-Allow-Origin': '*',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
}

/** The extension loaded unpacked into Chromium: its service worker, settings and the context-menu path. */
export interface Verifier {
  context: BrowserContext;
  worker: Worker;
  /** The extension's id (the host of its chrome-extension:// pages). */
  extensionId: string;
  configure(settings: Partial<Settings>): Promise<void>;
  /** Runs the context-menu handler as a click would, waits for the verdict page, returns it rendered. */
  verifyViaMenu(info: Record<string, unknown>): Promise<{ page: Page; verdictId: string }>;
  close(): Promise<void>;
}

/** Launches Chromium with the built extension in `outDir` (headless, a fresh profile). */
export async function launchVerifier(outDir: string): Promise<Verifier> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 820, height: 1100 },
    args: [
      `--disable-extensions-except=${outDir}`,
      `--load-extension=${outDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    async configure(partial) {
      await worker.evaluate(async (p) => {
        const current = (await chrome.storage.local.get('settings')).settings as object | undefined;
        await chrome.storage.local.set({
          settings: {
            ...{ apiUrl: 'http://127.0.0.1:8787', chain: null, trust: { v: 1, roots: [] }, scanning: false },
            ...current,
            ...p,
          },
        });
      }, partial);
    },
    async verifyViaMenu(info) {
      const opened = context.waitForEvent('page');
      const verdictId = await worker.evaluate(
        (i) =>
          (
            globalThis as unknown as {
              provenant: { onMenuClicked(i: unknown): Promise<string> };
            }
          ).provenant.onMenuClicked(i),
        info,
      );
      const page = await opened;
      await page.waitForSelector('#verdict[data-verdict-status="done"], #verdict[data-verdict-status="failed"]');
      return { page, verdictId };
    },
    close: () => context.close(),
  };
}

/** What a verdict page shows, by code: its state, the status codes of its own checks, and the anchor card. */
export async function readVerdict(page: Page) {
  return {
    state: await page.locator('#verdict').getAttribute('data-state'),
    codes: await page.$$eval('ul.codes:not(.server) li[data-code]', (els) =>
      els.map((e) => e.getAttribute('data-code')),
    ),
    // $eval-style reads do not auto-wait: a verdict without an anchor section has none.
    anchor: await page.$$eval('[data-anchor]', (els) => els[0]?.getAttribute('data-anchor') ?? null),
  };
}

export interface HarnessOptions {
  /**
   * Host access granted at install, standing in for the reader accepting Chrome's permission prompt (optional host
   * permissions are only granted through browser UI, which a driver cannot click). Only the scanning test uses it.
   */
  grantHosts?: string[];
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const seeded = await startSeededApi();
  const { outDir } = await buildExtension(join(seeded.dir, 'extension'));
  if (options.grantHosts) {
    const manifestPath = join(outDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest.host_permissions = options.grantHosts;
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  }
  const api = serve({ fetch: seeded.service.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => api.once('listening', () => resolve()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const media = mediaServer(seeded.dir);
  const mediaPort = await listen(media);
  const verifier = await launchVerifier(outDir);
  const { context, worker } = verifier;
  let chain: DevChain | null = null;
  const harness: Harness = {
    seeded,
    context,
    worker,
    apiUrl,
    mediaUrl: (name) => `http://127.0.0.1:${mediaPort}/${name}`,
    pageUrl: `http://127.0.0.1:${mediaPort}/index.html`,
    configure: verifier.configure,
    async anchorNow() {
      chain ??= await startDevChain();
      const key = chain.testKeys[0] as string;
      const { address } = await deployAnchor({ rpcUrl: chain.rpcUrl, privateKey: key });
      const cp = await seeded.service.services.integrator.integrate();
      if (!cp) throw new Error('harness: the log is empty');
      const provider = await connectRpc(chain.rpcUrl);
      try {
        const root = `0x${Buffer.from(cp.rootHash).toString('hex')}`;
        await new AnchorClient(provider, address, key).anchorCheckpoint({
          treeSize: cp.treeSize,
          root,
          prevRoot: null,
        });
        await provider.send('anvil_mine', ['0x80']);
      } finally {
        provider.destroy();
      }
      await harness.configure({ chain: { rpcUrl: chain.rpcUrl, contract: address } });
      return address;
    },
    verifyViaMenu: verifier.verifyViaMenu,
    async close() {
      await verifier.close();
      await chain?.stop();
      await new Promise((resolve) => media.close(resolve));
      await new Promise((resolve) => api.close(resolve));
      await seeded.close();
    },
  };
  await harness.configure({ apiUrl, trust: { v: 1, roots: [seeded.org.key.keyId], statements: [], revocations: [] } });
  return harness;
}
