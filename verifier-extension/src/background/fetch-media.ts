/**
 * The service worker fetches the media itself (never trusting bytes handed over by the page), without cookies, up
 * to a size limit. Host access is optional: requested on the reader's click; without it only CORS-open media loads.
 */
export const MAX_MEDIA_BYTES = 256 << 20;

export class MediaFetchError extends Error {
  readonly reason: 'media.unreachable' | 'media.tooLarge';
  constructor(reason: 'media.unreachable' | 'media.tooLarge', message: string) {
    super(message);
    this.name = 'MediaFetchError';
    this.reason = reason;
  }
}

export interface FetchedMedia {
  bytes: Uint8Array;
  mediaType: string;
}

export async function fetchMedia(url: string): Promise<FetchedMedia> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow' });
  } catch (e) {
    throw new MediaFetchError('media.unreachable', `cannot fetch ${url} (${e instanceof Error ? e.message : e})`);
  }
  if (!res.ok) throw new MediaFetchError('media.unreachable', `${url} answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_MEDIA_BYTES) throw new MediaFetchError('media.tooLarge', `${url} is larger than the limit`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_MEDIA_BYTES) throw new MediaFetchError('media.tooLarge', `${url} is larger than the limit`);
  const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return { bytes, mediaType };
}

/** `https://host/*` for a URL, the pattern chrome.permissions takes; null for non-http(s) URLs. */
export function originPattern(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.hostname}/*` : null;
}
