/**
 * Opt-in automatic scanning: a tiny content script, registered only while the reader has it switched on and has
 * granted host access, asks the worker which images have provenance and puts a small badge on them. Results are
 * cached per image URL in chrome.storage.session so a page reload does not refetch everything.
 */

import { sha256Hex } from '../media/digest.ts';
import { loadSettings } from '../settings.ts';
import { shownMedia } from '../verify/shown-media.ts';
import { verifyMedia } from '../verify/verify-media.ts';
import { fetchMedia } from './fetch-media.ts';
import { contextFor } from './run-verdict.ts';

const SCRIPT_ID = 'provenant-badges';

/** The http(s) origins the reader has granted: scanning runs there and nowhere else. */
async function grantedOrigins(): Promise<string[]> {
  const { origins = [] } = await chrome.permissions.getAll();
  return origins.filter((o) => /^(?:https?|\*):\/\//.test(o));
}

/** (Re-)registers the badge script for the granted origins when scanning is on; unregisters it otherwise. */
export async function configureScanning(enabled: boolean): Promise<boolean> {
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  const matches = enabled ? await grantedOrigins() : [];
  if (matches.length === 0) return false;
  await chrome.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches, js: ['badges.js'], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
  return true;
}

const scanKey = (url: string) => `scan:${url}`;

/** Exact and pixel matches only (no fingerprint lookup while scanning: that decodes every picture on the page). */
export async function hasProvenance(srcUrl: string): Promise<boolean> {
  const key = scanKey(srcUrl);
  const cached = (await chrome.storage.session.get(key))[key];
  if (typeof cached === 'boolean') return cached;
  const settings = await loadSettings();
  let result = false;
  try {
    const media = await fetchMedia(srcUrl);
    const shown = shownMedia(await sha256Hex(media.bytes), media.bytes.length, () => Promise.resolve(null));
    const verdict = await verifyMedia(shown, contextFor(settings));
    result = verdict.state !== 'no-provenance';
  } catch {
    result = false;
  }
  await chrome.storage.session.set({ [key]: result });
  return result;
}
