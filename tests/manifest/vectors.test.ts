/**
 * Language-neutral manifest vectors (tests/vectors/manifest-*.json). For each valid case the canonical
 * claim and the id are recomputed here independently of the library (sorted-keys JSON.stringify, which
 * RFC 8785 §3.2 matches for these values, and node:crypto SHA-256 with the claim tag) and compared with
 * both the vector and the library. wantErr cases must fail with exactly the listed field paths.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bytesToHex, fromUtf8, utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import { parseManifest } from '../../core/manifest/parse.ts';
import { verifyManifestSignatures } from '../../core/manifest/signatures.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface ManifestVectors {
  source: string;
  valid: Array<{ name: string; manifest: unknown; canonical: string; id: string }>;
  signed?: Array<{ name: string; manifest: unknown; id: string; wantStatus: Array<[string, string | null]> }>;
  wantErr: Array<{
    name: string;
    manifest?: unknown;
    text?: string;
    textRepeat?: { prefix: string; fill: string; count: number; suffix: string };
    wantErr: string[];
  }>;
}

function independentJcs(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(independentJcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${independentJcs(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function independentId(canonical: string): string {
  const tag = Buffer.from('provenant/v1/claim');
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from([tag.length]), tag, Buffer.from(canonical, 'utf8')]))
    .digest('hex');
}

function failurePaths(input: unknown): string[] {
  try {
    parseManifest(input);
  } catch (e) {
    if (!isProvenantError(e, 'manifest.invalid')) throw e;
    return e.details.map((d) => d.slice(0, d.indexOf(': ')));
  }
  throw new Error('expected manifest.invalid');
}

const dir = fileURLToPath(new URL('../vectors/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.startsWith('manifest-') && f.endsWith('.json'));

it('finds the manifest vector files', () => {
  expect(files.length).toBeGreaterThanOrEqual(6);
});

for (const file of files) {
  const vectors = loadVectors<ManifestVectors>(file);

  describe(file, () => {
    it('says where its cases come from', () => {
      expect(vectors.source.length).toBeGreaterThan(20);
    });

    for (const v of vectors.valid) {
      it(`parses ${v.name}`, () => {
        const claim = (v.manifest as { claim: unknown }).claim;
        expect(independentJcs(claim)).toBe(v.canonical);
        expect(independentId(v.canonical)).toBe(v.id);

        const parsed = parseManifest(v.manifest);
        expect(fromUtf8(parsed.claimBytes)).toBe(v.canonical);
        expect(parsed.id).toBe(v.id);
        expect(bytesToHex(parsed.claimDigest)).toBe(v.id);
        expect(parsed.manifest.claim).toEqual(claim);

        // Same id from pretty-printed text and from bytes.
        const text = JSON.stringify(v.manifest, null, 2);
        expect(parseManifest(text).id).toBe(v.id);
        expect(parseManifest(utf8(text)).id).toBe(v.id);
      });
    }

    for (const v of vectors.signed ?? []) {
      it(`checks the signatures of ${v.name}`, () => {
        const parsed = parseManifest(v.manifest);
        expect(parsed.id).toBe(v.id);
        const got = verifyManifestSignatures(parsed).map((e) => [e.code, e.subject ?? null]);
        expect(got).toEqual(v.wantStatus);
      });
    }

    for (const v of vectors.wantErr) {
      it(`rejects ${v.name}`, () => {
        const input =
          v.textRepeat !== undefined
            ? v.textRepeat.prefix + v.textRepeat.fill.repeat(v.textRepeat.count) + v.textRepeat.suffix
            : (v.text ?? v.manifest);
        expect(new Set(failurePaths(input))).toEqual(new Set(v.wantErr));
      });
    }
  });
}
