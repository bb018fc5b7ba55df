/**
 * The extension in a real Chromium against the real API: each case invokes the context-menu handler in the service
 * worker (native menus cannot be clicked), waits for the extension's verdict page, asserts the status codes it
 * renders (data-code) and saves a screenshot under test-artifacts/. Skips with a message when Chromium is missing,
 * except in CI, where it fails.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deriveAndSubmit,
  deriveTamperedAndSubmit,
  reencodeJpeg,
  rewrapAsPng,
  seedQuote,
  signAndSubmit,
  writePhoto,
} from '../extension/fixtures.ts';
import { ffmpegGenerate, MUSIC_EXPR } from '../signer/fixtures.ts';
import { CHROMIUM, chromiumAvailable, type Harness, startHarness } from './harness.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

if (!chromiumAvailable) {
  if (process.env.CI === 'true') throw new Error(`tests/e2e: ${CHROMIUM} is missing (CI=true: failing, not skipping)`);
  console.warn(`tests/e2e: ${CHROMIUM} not found; SKIPPING the browser suite (install chromium to run it)`);
}

async function rendered(page: Page) {
  const root = page.locator('#verdict');
  return {
    state: await root.getAttribute('data-state'),
    codes: await page.$$eval('ul.codes:not(.server) li[data-code]', (els) =>
      els.map((e) => e.getAttribute('data-code')),
    ),
    // $eval-style reads do not auto-wait: a verdict without an anchor section has none.
    anchor: await page.$$eval('[data-anchor]', (els) => els[0]?.getAttribute('data-anchor') ?? null),
  };
}

async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `extension-${name}.png`), fullPage: true });
}

describe.skipIf(!chromiumAvailable)('verifier extension in Chromium', () => {
  let h: Harness;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness();
    const dir = h.seeded.dir;
    const photo = await writePhoto(dir, 'photo.jpg', 1200, 800, 11);
    await signAndSubmit(h.seeded, photo);
    await rewrapAsPng(photo, join(dir, 'stripped.png'));
    await reencodeJpeg(photo, join(dir, 'reencoded.jpg'), 65);
    await writePhoto(dir, 'unsigned.jpg', 800, 600, 12);
    const audio = join(dir, 'clip.wav');
    ffmpegGenerate(['-f', 'lavfi', '-i', MUSIC_EXPR, '-c:a', 'pcm_s16le', audio]);
    await signAndSubmit(h.seeded, audio);
    await deriveAndSubmit(h.seeded, photo, join(dir, 'edited.jpg'));
    await deriveTamperedAndSubmit(h.seeded, photo, join(dir, 'tampered.jpg'));
    await seedQuote(
      h.seeded,
      `${audio}.provenant.json`,
      'We will rebuild the north pier … we will not raise harbour fees',
    );
    files.edited = h.mediaUrl('edited.jpg');
    files.tampered = h.mediaUrl('tampered.jpg');
    files.photo = h.mediaUrl('photo.jpg');
    files.stripped = h.mediaUrl('stripped.png');
    files.reencoded = h.mediaUrl('reencoded.jpg');
    files.unsigned = h.mediaUrl('unsigned.jpg');
    files.audio = h.mediaUrl('clip.wav');
    await writeFile(
      join(dir, 'index.html'),
      `<!doctype html><title>test page</title>${[
        'photo.jpg',
        'stripped.png',
        'reencoded.jpg',
        'unsigned.jpg',
        'edited.jpg',
        'tampered.jpg',
      ]
        .map((f) => `<img src="${f}" width="300">`)
        .join(
          '',
        )}<audio controls src="clip.wav"></audio><p>“We will rebuild the north pier … we will not raise harbour fees,” the mayor said.</p>`,
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  const image = (srcUrl: string) => ({
    menuItemId: 'verify-provenance',
    mediaType: 'image',
    srcUrl,
    pageUrl: h.pageUrl,
  });

  it('a signed photo: exact file, valid signature, trusted camera, anchor not checked', async () => {
    const { page } = await h.verifyViaMenu(image(files.photo as string));
    const r = await rendered(page);
    expect(r.codes).toEqual(
      expect.arrayContaining(['binding.file.match', 'signature.valid', 'identity.trusted', 'anchor.notChecked']),
    );
    expect(r.state).toBe('valid');
    expect(r.anchor).toBe('not checked');
    expect(await page.locator('[data-trust="trusted"]').count()).toBe(1);
    await shoot(page, 'signed-photo');
  });

  it('a metadata-stripped copy with identical pixels: found and bound by the pixels', async () => {
    const { page } = await h.verifyViaMenu(image(files.stripped as string));
    const r = await rendered(page);
    expect(r.codes).toContain('binding.pixels.match');
    expect(r.codes).toContain('signature.valid');
    expect(r.state).toBe('valid');
    await shoot(page, 'stripped-copy');
  });

  it('a lossy re-encode: found by fingerprint, perceptually close, valid-partial', async () => {
    const { page } = await h.verifyViaMenu(image(files.reencoded as string));
    const r = await rendered(page);
    expect(r.codes).toContain('binding.fingerprint.close');
    expect(r.state).toBe('valid-partial');
    await shoot(page, 'reencoded-copy');
  });

  it('an image with no provenance: the neutral state', async () => {
    const { page } = await h.verifyViaMenu(image(files.unsigned as string));
    const r = await rendered(page);
    expect(r.codes).toEqual(['provenance.none']);
    expect(r.state).toBe('no-provenance');
    await shoot(page, 'no-provenance');
  });

  it('an honest crop + colour edit: chain to the capture, each op within policy, replay consistent', async () => {
    const { page } = await h.verifyViaMenu(image(files.edited as string));
    const r = await rendered(page);
    expect(r.codes).toEqual(
      expect.arrayContaining([
        'binding.file.match',
        'transform.chain.ok',
        'policy.crop.ok',
        'policy.color.ok',
        'transform.replay.consistent',
      ]),
    );
    expect(r.state).toBe('valid');
    expect(await page.locator('li.step').count()).toBe(2);
    await shoot(page, 'honest-derivative');
  });

  it('a derivative edited after its recipe: replay inconsistent', async () => {
    const { page } = await h.verifyViaMenu(image(files.tampered as string));
    const r = await rendered(page);
    expect(r.codes).toContain('transform.replay.inconsistent');
    expect(r.state).toBe('invalid');
    await shoot(page, 'tampered-derivative');
  });

  it('a verified quote: speaker, time range, omitted words', async () => {
    const { page } = await h.verifyViaMenu({
      menuItemId: 'verify-quote',
      selectionText: 'We will rebuild the north pier … we will not raise harbour fees',
      pageUrl: h.pageUrl,
    });
    const r = await rendered(page);
    expect(r.codes).toEqual(expect.arrayContaining(['quote.exact', 'cosign.complete', 'signature.valid']));
    expect(await page.locator('[data-quote-speaker="Mayor Lind"]').count()).toBe(1);
    expect(await page.locator('[data-omitted="3"]').count()).toBe(1);
    await shoot(page, 'quote');
  });

  it('a misquote: close, not exact, with the changed words shown', async () => {
    const { page } = await h.verifyViaMenu({
      menuItemId: 'verify-quote',
      selectionText: 'We will rebuild the north pier and we will raise harbour fees',
      pageUrl: h.pageUrl,
    });
    const r = await rendered(page);
    expect(r.codes).toContain('quote.close');
    expect(r.state).toBe('valid-partial');
    expect(await page.locator('[data-diff="missing"]').count()).toBe(1);
    await shoot(page, 'misquote');
  });

  it('after the log is anchored on a local chain: the anchor is finalized', async () => {
    await h.anchorNow();
    const { page } = await h.verifyViaMenu(image(files.photo as string));
    const r = await rendered(page);
    expect(r.codes).toEqual(expect.arrayContaining(['anchor.included', 'anchor.finalized']));
    expect(r.anchor).toBe('finalized');
    expect(r.state).toBe('valid');
    await shoot(page, 'anchored-photo');
  });

  it('sends the file to the server only on the button that says so, and shows its report apart', async () => {
    const { page } = await h.verifyViaMenu(image(files.photo as string));
    expect(await page.locator('[data-server-report]').count()).toBe(0);
    await page.locator('button[data-action="send"]').click();
    await page.waitForSelector('[data-server-report] li[data-code="binding.file.match"]');
    await shoot(page, 'server-report');
  });

  it('the options page imports a trust list and saves the settings', async () => {
    const extensionId = new URL(h.worker.url()).host;
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.waitForSelector('li[data-root]');
    const trustFile = join(h.seeded.dir, 'trust.json');
    const roots = [h.seeded.org.key.keyId, h.seeded.camera.key.keyId];
    await writeFile(trustFile, JSON.stringify({ v: 1, roots }));
    await page.locator('#import').setInputFiles(trustFile);
    await page.waitForSelector('#saved[data-code="trust.imported"]');
    await page.locator('button[type="submit"]').click();
    await page.waitForSelector('#saved[data-code="settings.saved"]');
    const stored = await h.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
    expect((stored as { trust: { roots: string[] } }).trust.roots).toEqual(roots);
    expect(await page.locator('li[data-root]').count()).toBe(2);
    await shoot(page, 'options');
    await page.close();
  });

  it('an audio recording: exact file, valid signature', async () => {
    const { page } = await h.verifyViaMenu({
      menuItemId: 'verify-provenance',
      mediaType: 'audio',
      srcUrl: files.audio,
      pageUrl: h.pageUrl,
    });
    const r = await rendered(page);
    expect(r.codes).toEqual(expect.arrayContaining(['binding.file.match', 'signature.valid', 'identity.trusted']));
    expect(r.state).toBe('valid');
    await shoot(page, 'audio');
  });
});

describe.skipIf(!chromiumAvailable)('opt-in scanning badges', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ grantHosts: ['http://127.0.0.1/*'] });
    const photo = await writePhoto(h.seeded.dir, 'badge-signed.jpg', 400, 300, 41);
    await signAndSubmit(h.seeded, photo);
    await writePhoto(h.seeded.dir, 'badge-unsigned.jpg', 400, 300, 42);
    await writeFile(
      join(h.seeded.dir, 'scan.html'),
      '<!doctype html><title>scan</title><img id="a" src="badge-signed.jpg" width="400"><img id="b" src="badge-unsigned.jpg" width="400">',
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is off by default: no badge script is registered', async () => {
    const registered = await h.worker.evaluate(
      async () => (await chrome.scripting.getRegisteredContentScripts()).length,
    );
    expect(registered).toBe(0);
    const page = await h.context.newPage();
    await page.goto(h.mediaUrl('scan.html'));
    await page.waitForLoadState('load');
    expect(await page.locator('[data-provenant-badge]').count()).toBe(0);
    await page.close();
  });

  it('when switched on, badges only the image with provenance, and the badge opens the extension’s verdict', async () => {
    await h.configure({ scanning: true });
    const enabled = await h.worker.evaluate(() =>
      (
        globalThis as unknown as { provenant: { configureScanning(on: boolean): Promise<boolean> } }
      ).provenant.configureScanning(true),
    );
    expect(enabled).toBe(true);
    const page = await h.context.newPage();
    await page.goto(h.mediaUrl('scan.html'));
    await page.waitForSelector('[data-provenant-badge]');
    await shoot(page, 'scan-badge');
    const opened = h.context.waitForEvent('page');
    await page.locator('[data-provenant-badge]').click();
    const verdict = await opened;
    await verdict.waitForSelector('#verdict[data-verdict-status="done"]');
    expect(new URL(verdict.url()).protocol).toBe('chrome-extension:');
    expect(await verdict.locator('#verdict').getAttribute('data-state')).toBe('valid');
    // One badge: the unsigned picture's check has come back negative (cached in session storage) and added none.
    const unsigned = h.mediaUrl('badge-unsigned.jpg');
    await expect
      .poll(() => h.worker.evaluate(async (k) => (await chrome.storage.session.get(k))[k], `scan:${unsigned}`))
      .toBe(false);
    expect(await page.locator('[data-provenant-badge]').count()).toBe(1);
    await page.close();
  });
});
