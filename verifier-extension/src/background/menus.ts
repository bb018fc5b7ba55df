/** The two context-menu entries and what a click on them does. */
import type { VerifyTarget } from '../verify/verdict.ts';
import { originPattern } from './fetch-media.ts';
import { newVerdict, runVerdict } from './run-verdict.ts';

export const MENU_VERIFY_MEDIA = 'verify-provenance';
export const MENU_VERIFY_QUOTE = 'verify-quote';

/** Links are offered only when they point at a media file. */
const MEDIA_LINK_PATTERNS = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'avif',
  'gif',
  'mp3',
  'm4a',
  'aac',
  'wav',
  'flac',
  'ogg',
  'opus',
  'mp4',
  'webm',
  'mov',
].flatMap((ext) => [`*://*/*.${ext}`, `*://*/*.${ext}?*`]);

export async function createMenus(): Promise<void> {
  await chrome.contextMenus.removeAll();
  chrome.contextMenus.create({
    id: MENU_VERIFY_MEDIA,
    title: 'Verify provenance',
    contexts: ['image', 'video', 'audio'],
  });
  chrome.contextMenus.create({
    id: `${MENU_VERIFY_MEDIA}-link`,
    title: 'Verify provenance',
    contexts: ['link'],
    targetUrlPatterns: MEDIA_LINK_PATTERNS,
  });
  chrome.contextMenus.create({ id: MENU_VERIFY_QUOTE, title: 'Verify quote', contexts: ['selection'] });
}

export function targetOf(info: chrome.contextMenus.OnClickData): VerifyTarget | null {
  const pageUrl = info.frameUrl ?? info.pageUrl ?? '';
  if (info.menuItemId === MENU_VERIFY_QUOTE && info.selectionText) {
    return { kind: 'quote', text: info.selectionText.slice(0, 10_000), pageUrl };
  }
  if (info.menuItemId === MENU_VERIFY_MEDIA && info.srcUrl) {
    return { kind: 'media', media: info.mediaType ?? 'image', url: info.srcUrl, pageUrl };
  }
  if (info.menuItemId === `${MENU_VERIFY_MEDIA}-link` && info.linkUrl) {
    return { kind: 'media', media: 'link', url: info.linkUrl, pageUrl };
  }
  return null;
}

export function openVerdictPage(id: string, tab?: chrome.tabs.Tab): Promise<chrome.tabs.Tab> {
  const url = chrome.runtime.getURL(`verdict.html?v=${encodeURIComponent(id)}`);
  return chrome.tabs.create(tab?.id === undefined ? { url } : { url, openerTabId: tab.id });
}

/**
 * The click handler. Host access for the media's origin is requested first, synchronously inside the click's user
 * gesture (the only moment Chrome allows it); if it is refused the fetch is still tried (CORS-open media loads) and
 * the verdict page offers the grant again. Resolves to the verdict id.
 */
export async function onMenuClicked(
  info: chrome.contextMenus.OnClickData,
  tab?: chrome.tabs.Tab,
): Promise<string | null> {
  const target = targetOf(info);
  if (!target) return null;
  const origin = target.kind === 'media' ? originPattern(target.url) : null;
  const access = origin ? chrome.permissions.request({ origins: [origin] }).catch(() => false) : Promise.resolve(true);
  const record = await newVerdict(target);
  await openVerdictPage(record.id, tab);
  await access;
  await runVerdict(record);
  return record.id;
}
