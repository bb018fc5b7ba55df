/**
 * Service worker entry. Everything is registered synchronously at the top level (MV3 wakes the worker for an event
 * and only listeners added in the first turn receive it). No state is kept in globals.
 */
import { listen } from '../messages.ts';
import { loadSettings } from '../settings.ts';
import { fetchMedia } from './fetch-media.ts';
import { createMenus, onMenuClicked, openVerdictPage } from './menus.ts';
import { contextFor, newVerdict, runVerdict } from './run-verdict.ts';
import { configureScanning, hasProvenance } from './scanning.ts';
import { readVerdict, updateVerdict } from './verdict-store.ts';

chrome.runtime.onInstalled.addListener(() => {
  void createMenus();
  void loadSettings().then((s) => configureScanning(s.scanning));
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  void onMenuClicked(info, tab);
});

listen({
  'scan.check': async (m) => ({ hasProvenance: await hasProvenance(m.srcUrl) }),
  'badge.open': async (m, sender) => {
    const record = await newVerdict({ kind: 'media', media: 'image', url: m.srcUrl, pageUrl: m.pageUrl });
    await openVerdictPage(record.id, sender.tab);
    void runVerdict(record);
    return { verdictId: record.id };
  },
  'verdict.retry': async (m) => {
    const record = await readVerdict(m.verdictId);
    if (!record) throw new Error('no such verdict');
    const again = await updateVerdict(record.id, {
      status: 'working',
      failure: null,
      verdict: null,
      startedAt: Date.now(),
    });
    if (again) void runVerdict(again);
    return { verdictId: record.id };
  },
  'verdict.sendToServer': async (m) => {
    const record = await readVerdict(m.verdictId);
    if (record?.target.kind !== 'media') throw new Error('no media verdict with this id');
    const media = await fetchMedia(record.target.url);
    const api = contextFor(await loadSettings()).api;
    const report = await api.verifyUpload(media.bytes, media.mediaType);
    await updateVerdict(record.id, { serverReport: report });
    return { ok: true };
  },
  'scan.configure': async (m) => ({ enabled: await configureScanning(m.enabled) }),
});

/**
 * The test and automation hook: native context menus cannot be clicked by a driver, so the end-to-end suite calls
 * the very handler the menu calls. Exposes functions only, no state.
 */
(globalThis as { provenant?: unknown }).provenant = { onMenuClicked, configureScanning };
