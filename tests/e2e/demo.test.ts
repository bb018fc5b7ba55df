/**
 * The `npm start` demo, end to end, the way a newcomer meets it: the real `provenant serve --json` in a child
 * process (PGlite in a fresh DATA_DIR, the embedded anvil with the contract, the anchor worker, the demo seeded
 * from seeds/), the extension loaded in Chromium and set up through its options page as the printed instructions
 * say (API URL, the trust list from /demo/trust.json, the RPC URL and contract from the JSON line), then each of
 * the article's six items verified through the context-menu handler, asserting the state and the status codes a
 * reader should see. Readers without the extension: POST /v1/verify and the /verify page. One screenshot per
 * verdict under test-artifacts/demo-*.png. Skips with a message when Chromium is missing, except in CI.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFile, DemoManifest } from '../../seeds/index.ts';
import { readDemoManifest } from '../../seeds/index.ts';
import { mediaUrl } from '../../seeds/site/article.ts';
import { buildExtension } from '../../verifier-extension/build.ts';
import { CHROMIUM, chromiumAvailable, launchVerifier, readVerdict, type Verifier } from './harness.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const BIN = join(process.cwd(), 'bin', 'provenant.mjs');

if (!chromiumAvailable) {
  if (process.env.CI === 'true') throw new Error(`tests/e2e: ${CHROMIUM} is missing (CI=true: failing, not skipping)`);
  console.warn(`tests/e2e: ${CHROMIUM} not found; SKIPPING the demo browser test (install chromium to run it)`);
}

/** What `provenant serve --json` prints once listening (cli: one JSON document on stdout). */
interface ServeInfo {
  port: number;
  origin: string;
  verifierKey: string;
  anchor: { chainId: number; rpcUrl: string; contract: string; anchorer: string; embedded: boolean } | null;
}

interface Served {
  child: ChildProcess;
  info: ServeInfo;
  /** The tail of what the server printed (stdout and stderr), for failure messages. */
  output(): string;
}

/** Everything that would point the child away from the embedded defaults is left out of its environment. */
function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'ANCHOR_RPC_URL', 'ANCHOR_PRIVATE_KEY', 'ANCHOR_CONTRACT', 'ADMIN_TOKEN']) {
    delete env[name];
  }
  return { ...env, DATA_DIR: dataDir, PORT: '0', ANCHOR_INTERVAL_S: '2', LOG_LEVEL: 'warn' };
}

function startServe(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--json'], {
    cwd: process.cwd(),
    env: embeddedEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err = (err + chunk).slice(-20_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`provenant serve printed no JSON in 60 s:\n${out}\n${err}`));
    }, 60_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`provenant serve exited (${code ?? signal}) before printing its address:\n${out}\n${err}`));
    });
    let started = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      // The server's log lines go to stdout too (one-line JSON): kept, like stderr, for the failure messages.
      out = (out + chunk).slice(-20_000);
      if (started) return;
      // The document is pretty-printed: from a line "{" to the first line "}".
      const doc = /^\{\n[\s\S]*?\n\}$/m.exec(out);
      if (!doc) return;
      started = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, info: JSON.parse(doc[0]) as ServeInfo, output: () => `${out}\n${err}` });
    });
  });
}

/** SIGTERM, then wait for the exit: the server stops the worker and the embedded anvil on its way out. */
async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killed);
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, diag: () => string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${diag()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`${url} → ${res.status}`);
  }
  return res.json();
}

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `demo-${name}.png`), fullPage: true });
}

describe.skipIf(!chromiumAvailable)('the npm start demo, with the extension in Chromium', () => {
  let tmp: string;
  let served: Served | undefined;
  let verifier: Verifier | undefined;
  let api: string;
  let demo: DemoManifest;
  let article: Page;
  const dataDir = () => join(tmp, 'data');

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'provenant-demo-e2e-'));
    // The extension is built into the test's own folder: `serve` rebuilds verifier-extension/dist while seeding.
    const serving = startServe(dataDir()).then((started) => {
      served = started;
      return started;
    });
    const [s, built] = await Promise.all([serving, buildExtension(join(tmp, 'extension'))]);
    const diag = () => served?.output() ?? '';
    expect(s.info.port).toBeGreaterThan(0); // PORT=0: the printed port is the bound one
    expect(s.info.anchor?.embedded).toBe(true);
    api = `http://127.0.0.1:${s.info.port}`;
    verifier = await launchVerifier(built.outDir);

    // Seeding runs once the server listens: demo.json is written when the content is produced, and quote
    // attestations are submitted last, after every manifest and co-signature.
    demo = await until('the demo to be produced', () => readDemoManifest(join(dataDir(), 'demo')), 60_000, diag);
    const ids = [
      demo.photo.capture.manifestId,
      demo.photo.published.manifestId,
      demo.photo.tampered.manifestId,
      demo.podcast.audio.manifestId,
      ...(demo.podcast.transcript ? [demo.podcast.transcript.manifestId] : []),
      ...demo.quotes.map((q) => q.manifestId),
    ];
    for (const id of ids) await until(`manifest ${id}`, () => getJson(`${api}/v1/manifests/${id}`), 60_000, diag);
    // Nothing more is logged now; wait until the worker has anchored the log's latest checkpoint and seen it final.
    const last = ids[ids.length - 1] as string;
    await until(
      'the latest checkpoint to be anchored and finalized',
      async () => {
        const proof = (await getJson(`${api}/v1/manifests/${last}/proof`)) as { treeSize: number };
        const { checkpoints } = (await getJson(`${api}/v1/log/checkpoints?limit=1`)) as {
          checkpoints: { treeSize: number; anchor: { finalized: boolean } | null }[];
        };
        const cp = checkpoints[0];
        return cp && cp.treeSize >= proof.treeSize && cp.anchor?.finalized === true ? true : null;
      },
      60_000,
      diag,
    );

    // The reader's setup, on the options page: API URL, the demo trust list, the chain RPC URL and contract.
    const anchor = s.info.anchor as NonNullable<ServeInfo['anchor']>;
    const trustFile = join(tmp, 'trust.json');
    await writeFile(trustFile, JSON.stringify(await getJson(`${api}/demo/trust.json`)));
    const options = await verifier.context.newPage();
    await options.goto(`chrome-extension://${verifier.extensionId}/options.html`);
    await options.waitForSelector('li'); // the page has loaded the current settings into its fields
    await options.locator('input[name="apiUrl"]').fill(api);
    await options.locator('input[name="rpcUrl"]').fill(anchor.rpcUrl);
    await options.locator('input[name="contract"]').fill(anchor.contract);
    await options.locator('#import').setInputFiles(trustFile);
    await options.waitForSelector('#saved[data-code="trust.imported"]');
    await options.locator('button[type="submit"]').click();
    await options.waitForSelector('#saved[data-code="settings.saved"]');
    await shoot(options, 'options');
    await options.close();

    article = await verifier.context.newPage();
    const shown = await article.goto(`${api}/demo`);
    expect(shown?.status()).toBe(200);
    await article.waitForLoadState('load');
    await shoot(article, 'article');
  });

  afterAll(async () => {
    await verifier?.close();
    if (served) await stopServe(served.child);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('the extension holds the settings the reader entered', async () => {
    const stored = (await verifier?.worker.evaluate(
      async () => (await chrome.storage.local.get('settings')).settings,
    )) as {
      apiUrl: string;
      chain: { rpcUrl: string; contract: string } | null;
      trust: { roots: string[] };
    };
    expect(stored.apiUrl).toBe(api);
    expect(stored.chain).toEqual({ rpcUrl: served?.info.anchor?.rpcUrl, contract: served?.info.anchor?.contract });
    expect(stored.trust.roots.sort()).toEqual([demo.keys.maker.keyId, demo.keys.newsroom.keyId].sort());
  });

  /** The absolute URL of a demo file as the article shows it (the element must be on the page and loaded). */
  async function shownUrl(tag: 'img' | 'audio', file: DemoFile): Promise<string> {
    const element = article.locator(`${tag}[src="${mediaUrl('/demo', file)}"]`);
    expect(await element.count()).toBe(1);
    if (tag === 'img') {
      await expect.poll(() => element.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    }
    return element.evaluate(
      (e) => (e as HTMLImageElement | HTMLAudioElement).currentSrc || (e as HTMLImageElement).src,
    );
  }

  async function verifyMedia(mediaType: 'image' | 'audio', file: DemoFile) {
    const srcUrl = await shownUrl(mediaType === 'image' ? 'img' : 'audio', file);
    const v = verifier as Verifier;
    const { page } = await v.verifyViaMenu({
      menuItemId: 'verify-provenance',
      mediaType,
      srcUrl,
      pageUrl: article.url(),
    });
    return { page, ...(await readVerdict(page)) };
  }

  /** Selects a quote's words on the article, as a reader would, and verifies the selection. */
  async function verifySelection(selector: string) {
    const selectionText = await article.locator(selector).evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const selection = window.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    const v = verifier as Verifier;
    const { page } = await v.verifyViaMenu({ menuItemId: 'verify-quote', selectionText, pageUrl: article.url() });
    return { page, ...(await readVerdict(page)) };
  }

  it('(1) the published crop + colour photo: valid, trusted, within policy, replay consistent, anchored', async () => {
    const r = await verifyMedia('image', demo.photo.published);
    expect(r.codes).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'signature.valid',
        'identity.trusted',
        'transform.chain.ok',
        'policy.crop.ok',
        'policy.color.ok',
        'transform.replay.consistent',
        'anchor.included',
        'anchor.finalized',
      ]),
    );
    expect(r.state).toBe('valid');
    expect(r.anchor).toBe('finalized');
    // The edit chain: the photo desk's derivative, then the camera's capture; both signers trusted.
    expect(await r.page.locator('li.step').count()).toBe(2);
    expect(await r.page.locator('[data-trust="trusted"]').count()).toBe(2);
    await shoot(r.page, 'published-photo');
  });

  it('(2) the CDN re-encode with its metadata stripped: found by fingerprint, close, valid-partial', async () => {
    const r = await verifyMedia('image', demo.photo.cdn);
    expect(r.codes).toEqual(
      expect.arrayContaining([
        'binding.fingerprint.close',
        'signature.valid',
        'identity.trusted',
        'transform.chain.ok',
        'anchor.finalized',
      ]),
    );
    expect(r.codes).not.toContain('binding.file.match');
    expect(r.state).toBe('valid-partial');
    await shoot(r.page, 'cdn-copy');
  });

  it('(3) the tampered copy: a signed edit of the capture whose recipe does not replay, so invalid', async () => {
    // Found by its exact bytes: the unendorsed reposter's derivative claim (the photo desk's recipe on the camera's
    // capture, its revealed tiles). Signature and policy hold; the replay of the recipe does not give the pixels.
    const r = await verifyMedia('image', demo.photo.tampered);
    expect(r.codes).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'signature.valid',
        'identity.untrusted',
        'transform.chain.ok',
        'policy.crop.ok',
        'policy.color.ok',
        'transform.replay.inconsistent',
        'anchor.finalized',
      ]),
    );
    expect(r.codes).not.toContain('transform.replay.consistent');
    expect(r.state).toBe('invalid');
    await shoot(r.page, 'tampered-copy');
  });

  it('(4) the podcast recording: co-signed 2 of 2 by host and guest, self-declared keys', async () => {
    const r = await verifyMedia('audio', demo.podcast.audio);
    expect(r.codes).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'signature.valid',
        'cosign.complete',
        'identity.untrusted',
        'anchor.finalized',
      ]),
    );
    expect(r.codes.filter((c) => c === 'signature.valid')).toHaveLength(2);
    expect(r.codes).not.toContain('cosign.partial');
    // Nobody the reader trusts endorses a podcaster's own key: named, not vouched for. Untrusted is not invalid.
    expect(r.state).toBe('valid-untrusted');
    expect(await r.page.locator('[data-signer]').count()).toBe(2);
    await shoot(r.page, 'podcast');
  });

  it('(5) the attested quotes, selected on the page: exact, the ellipsis one with the omitted words counted', async () => {
    expect(demo.quotes.length).toBeGreaterThan(1);
    for (const [i, q] of demo.quotes.entries()) {
      const r = await verifySelection(`blockquote[data-provenant-quote="${q.manifestId}"] p`);
      expect(r.codes).toEqual(
        expect.arrayContaining([
          'quote.exact',
          'signature.valid',
          'identity.trusted',
          'cosign.complete',
          'anchor.finalized',
        ]),
      );
      expect(r.state).toBe('valid');
      expect(await r.page.locator('[data-quote-speaker]').getAttribute('data-quote-speaker')).toBe(q.speaker);
      const ellipsis = q.text.includes('…');
      expect(await r.page.locator('[data-omitted]').count()).toBe(ellipsis ? 1 : 0);
      if (ellipsis || i === 0) await shoot(r.page, ellipsis ? 'quote-ellipsis' : 'quote');
      await r.page.close();
    }
  });

  it('(5) the misquote, selected on the page: close, not exact, with the dropped word shown', async () => {
    const misquote = demo.misquote as NonNullable<DemoManifest['misquote']>;
    const r = await verifySelection('.misprint blockquote p');
    expect(r.codes).toContain('quote.close');
    expect(r.codes).not.toContain('quote.exact');
    expect(r.state).toBe('valid-partial');
    expect(await r.page.locator('[data-quote-speaker]').getAttribute('data-quote-speaker')).toBe(misquote.speaker);
    expect(await r.page.locator('[data-diff="missing"]').count()).toBe(1);
    await shoot(r.page, 'misquote');
  });

  it('(6) the picture nobody signed: the neutral no-provenance state', async () => {
    const r = await verifyMedia('image', demo.photo.unsigned);
    expect(r.codes).toEqual(['provenance.none']);
    expect(r.state).toBe('no-provenance');
    await shoot(r.page, 'no-provenance');
  });

  describe('without the extension: POST /v1/verify and the /verify page', () => {
    async function postVerify(file: DemoFile) {
      const res = await fetch(`${api}/v1/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: await readFile(join(dataDir(), 'demo', file.path)),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        manifestId: string | null;
        report: { state: string; entries: { code: string }[] };
      };
    }

    it('the published photo: its derivative manifest, chain and policy checked, replay consistent', async () => {
      const body = await postVerify(demo.photo.published);
      expect(body.manifestId).toBe(demo.photo.published.manifestId);
      expect(body.report.entries.map((e) => e.code)).toEqual(
        expect.arrayContaining([
          'binding.file.match',
          'signature.valid',
          'transform.chain.ok',
          'policy.crop.ok',
          'policy.color.ok',
          'transform.replay.consistent',
        ]),
      );
      // The service trusts no roots of its own: the reader's client decides whom to trust.
      expect(body.report.state).toBe('valid-untrusted');
    });

    it('the camera’s capture file (from the data directory): its capture manifest', async () => {
      const body = await postVerify(demo.photo.capture);
      expect(body.manifestId).toBe(demo.photo.capture.manifestId);
      expect(body.report.entries.map((e) => e.code)).toEqual(
        expect.arrayContaining(['binding.file.match', 'signature.valid']),
      );
      expect(body.report.state).toBe('valid-untrusted');
    });

    it('the /verify page shows the same codes for the published photo', async () => {
      const expected = (await postVerify(demo.photo.published)).report.entries.map((e) => e.code);
      const page = await (verifier as Verifier).context.newPage();
      await page.goto(`${api}/verify`);
      await page.locator('#pick').setInputFiles(join(dataDir(), 'demo', demo.photo.published.path));
      await page.waitForSelector('#out table td.code');
      // The cells with class "code" hold the status codes themselves.
      expect(await page.$$eval('#out td.code', (tds) => tds.map((td) => td.textContent))).toEqual(expected);
      await shoot(page, 'verify-page');
      await page.close();
    });
  });
});
