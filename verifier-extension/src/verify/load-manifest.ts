/**
 * A manifest from the API, re-read with core: the claim is taken from the served claim bytes and re-canonicalised,
 * so its id is computed here, never taken from the API.
 */
import { base64urlToBytes, fromUtf8 } from '../../../core/bytes.ts';
import { isProvenantError } from '../../../core/errors.ts';
import { type ParsedManifest, parseManifest } from '../../../core/manifest/parse.ts';
import type { ManifestResponse } from './api-client.ts';

export type LoadedManifest = { ok: true; parsed: ParsedManifest } | { ok: false; detail: string };

export function loadManifest(response: ManifestResponse): LoadedManifest {
  try {
    const claim = JSON.parse(fromUtf8(base64urlToBytes(response.claimBytes))) as unknown;
    const parsed = parseManifest({ claim, signatures: response.signatures.map((s) => s.entry) });
    return { ok: true, parsed };
  } catch (e) {
    if (e instanceof SyntaxError) return { ok: false, detail: 'the claim bytes are not JSON' };
    if (isProvenantError(e)) return { ok: false, detail: e.details.slice(0, 3).join('; ') || e.code };
    throw e;
  }
}
