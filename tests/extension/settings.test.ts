/** Settings and trust lists are untrusted input (storage, imported files): parsed strictly, defaults on failure. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  parseSettings,
  parseTrustList,
  validateSettings,
} from '../../verifier-extension/src/settings.ts';

const ROOT = 'a'.repeat(64);

describe('settings', () => {
  it('defaults to the local API, no chain (anchors not checked), no roots, scanning off', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      apiUrl: 'http://127.0.0.1:8787',
      chain: null,
      trust: { v: 1, roots: [], statements: [], revocations: [] },
      scanning: false,
    });
  });

  it('falls back to the defaults for anything malformed in storage', () => {
    expect(parseSettings({ ...DEFAULT_SETTINGS, apiUrl: 'javascript:alert(1)' })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ ...DEFAULT_SETTINGS, chain: { rpcUrl: 'http://x', contract: '0x12' } })).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(parseSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid settings, trimming a trailing slash of the API URL', () => {
    const s = parseSettings({
      ...DEFAULT_SETTINGS,
      apiUrl: 'https://provenance.example/',
      chain: { rpcUrl: 'https://rpc.example', contract: `0x${'1'.repeat(40)}` },
    });
    expect(s.apiUrl).toBe('https://provenance.example');
    expect(s.chain?.contract).toBe(`0x${'1'.repeat(40)}`);
    expect(validateSettings(s)).toEqual([]);
  });

  it('imports a trust list as a bare array or the signer’s trust-file object', () => {
    expect(parseTrustList(JSON.stringify([ROOT])).roots).toEqual([ROOT]);
    const full = parseTrustList(JSON.stringify({ v: 1, roots: [ROOT], statements: [{}] }));
    expect(full).toEqual({ v: 1, roots: [ROOT], statements: [{}], revocations: [] });
  });

  it('refuses trust lists with non-key-ids, unknown members or bad JSON', () => {
    expect(() => parseTrustList(JSON.stringify(['not-a-key']))).toThrow();
    expect(() => parseTrustList(JSON.stringify({ v: 1, roots: [ROOT], extra: true }))).toThrow();
    expect(() => parseTrustList('{')).toThrow();
  });
});
