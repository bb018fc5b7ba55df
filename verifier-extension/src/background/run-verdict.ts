/** Runs one verdict end to end in the service worker and stores each stage in chrome.storage.session. */
import { decodePicture } from '../media/decode.ts';
import { sha256Hex } from '../media/digest.ts';
import { loadSettings, type Settings } from '../settings.ts';
import { ApiError, createApiClient, type FetchLike } from '../verify/api-client.ts';
import { createChainReader } from '../verify/chain-reader.ts';
import { shownMedia } from '../verify/shown-media.ts';
import type { VerifyTarget } from '../verify/verdict.ts';
import { verifyMedia } from '../verify/verify-media.ts';
import { verifyQuote } from '../verify/verify-quote.ts';
import { fetchMedia, MediaFetchError, originPattern } from './fetch-media.ts';
import { type StoredVerdict, updateVerdict, writeVerdict } from './verdict-store.ts';

const browserFetch: FetchLike = (url, init) =>
  fetch(url, {
    credentials: 'omit',
    cache: 'no-store',
    ...(init?.method ? { method: init.method } : {}),
    ...(init?.headers ? { headers: init.headers } : {}),
    ...(init?.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
  });

export function contextFor(settings: Settings) {
  return {
    api: createApiClient(settings.apiUrl, browserFetch),
    trust: settings.trust,
    chain: settings.chain ? createChainReader(settings.chain.rpcUrl, settings.chain.contract, browserFetch) : null,
  };
}

export async function newVerdict(target: VerifyTarget): Promise<StoredVerdict> {
  const settings = await loadSettings();
  const record: StoredVerdict = {
    id: crypto.randomUUID(),
    target,
    status: 'working',
    startedAt: Date.now(),
    finishedAt: null,
    verdict: null,
    failure: null,
    origin: target.kind === 'media' ? originPattern(target.url) : null,
    apiUrl: settings.apiUrl,
    serverReport: null,
  };
  await writeVerdict(record);
  return record;
}

export async function runVerdict(record: StoredVerdict): Promise<StoredVerdict | null> {
  const { target } = record;
  try {
    const settings = await loadSettings();
    if (target.kind === 'quote') {
      const verdict = await verifyQuote(target.text, contextFor(settings));
      return await updateVerdict(record.id, { status: 'done', finishedAt: Date.now(), verdict });
    }
    const media = await fetchMedia(target.url);
    const sha256 = await sha256Hex(media.bytes);
    const picture = target.media === 'image' || media.mediaType.startsWith('image/');
    const shown = shownMedia(sha256, media.bytes.length, () =>
      picture ? decodePicture(media.bytes, media.mediaType) : Promise.resolve(null),
    );
    const verdict = await verifyMedia(shown, contextFor(settings));
    return await updateVerdict(record.id, { status: 'done', finishedAt: Date.now(), verdict });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const reason =
      e instanceof MediaFetchError
        ? e.reason
        : e instanceof ApiError
          ? e.status === 0
            ? 'api.unreachable'
            : 'api.error'
          : 'internal';
    return await updateVerdict(record.id, { status: 'failed', finishedAt: Date.now(), failure: { reason, detail } });
  }
}
