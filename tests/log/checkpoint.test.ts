import { createPublicKey, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8 } from '../../core/bytes.ts';
import { isProvenantError } from '../../core/errors.ts';
import {
  base64ToBytes,
  bytesToBase64,
  encodeSignerKey,
  encodeVerifierKey,
  formatCheckpoint,
  type NoteSigner,
  openNote,
  openSignedNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from '../../core/log/index.ts';
import { loadVectors } from '../helpers/vectors.ts';

interface KeyEntry {
  verifierKey: string;
  signerKey?: string;
  name?: string;
  seedHex?: string;
  publicKeyHex?: string;
}
interface NoteVectors {
  keys: Record<string, KeyEntry>;
  sign: { name: string; signer?: string; signers?: string[]; body: string; note: string }[];
  open: {
    name: string;
    note: string;
    keys: string[];
    body: string;
    verifiedBy: string[];
    failedBy: string[];
    unknown: string[];
  }[];
  checkpoints: { body: string; origin: string; treeSize: number; rootHashHex: string; extensions: string[] }[];
  openWantErr: { name: string; note?: string; noteHex?: string; keys?: string[]; code: string }[];
  checkpointWantErr: { name: string; body: string }[];
  verifierKeyWantErr: { name: string; key: string; code: string }[];
}
const v = loadVectors<NoteVectors>('checkpoint-notes.json');

const key = (id: string) => v.keys[id] as KeyEntry;
const signerOf = (id: string): NoteSigner => {
  const k = key(id);
  return k.signerKey
    ? parseSignerKey(k.signerKey)
    : { name: k.name as string, secretKey: hexToBytes(k.seedHex as string) };
};
const verifierKeys = (ids: readonly string[]) => ids.map((id) => key(id).verifierKey);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isProvenantError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('verifier and signer keys', () => {
  it('parse the published keys and re-encode them identically', () => {
    for (const id of ['peter', 'enoch', 'sumdb', 'log', 'witness']) {
      const k = key(id);
      const parsed = parseVerifierKey(k.verifierKey);
      expect(encodeVerifierKey(parsed.name, parsed.publicKey)).toBe(k.verifierKey);
      if (k.publicKeyHex) expect(bytesToHex(parsed.publicKey)).toBe(k.publicKeyHex);
    }
    const peter = parseSignerKey(key('peter').signerKey as string);
    expect(encodeSignerKey(peter)).toBe(key('peter').signerKey);
    expect(encodeSignerKey(signerOf('log'))).toBe(key('log').signerKey);
  });

  it('reject every proper substring and every single-character change (as golang.org/x/mod does)', () => {
    for (const text of [key('peter').verifierKey, key('peter').signerKey as string]) {
      const parse = text.startsWith('PRIVATE') ? parseSignerKey : parseVerifierKey;
      for (let i = 0; i <= text.length; i++) {
        for (let j = i + 1; j <= text.length; j++) {
          if (i !== 0 || j !== text.length)
            expect(
              codeOf(() => parse(text.slice(i, j))),
              text.slice(i, j),
            ).toMatch(/^key\./);
        }
      }
      for (let i = 0; i < text.length; i++) {
        const changed = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) + 1) + text.slice(i + 1);
        expect(
          codeOf(() => parse(changed)),
          changed,
        ).toMatch(/^key\./);
      }
    }
  });

  it('verifierKeyWantErr cases throw their code', () => {
    for (const c of v.verifierKeyWantErr)
      expect(
        codeOf(() => parseVerifierKey(c.key)),
        c.name,
      ).toBe(c.code);
  });
});

describe('signed notes (vectors)', () => {
  it('signNote reproduces the published and node:crypto-generated notes byte for byte', () => {
    for (const c of v.sign) {
      const signers = (c.signers ?? [c.signer as string]).map(signerOf);
      expect(signNote(c.body, signers.length === 1 ? (signers[0] as NoteSigner) : signers), c.name).toBe(c.note);
    }
  });

  it('openSignedNote reports verified, failed and unknown signatures', () => {
    for (const c of v.open) {
      const opened = openSignedNote(c.note, verifierKeys(c.keys));
      expect(opened.body, c.name).toBe(c.body);
      expect(opened.verifiedBy, c.name).toEqual(c.verifiedBy);
      expect(opened.failedBy, c.name).toEqual(c.failedBy);
      expect(
        opened.signatures.filter((s) => s.status === 'unknownKey').map((s) => s.name),
        c.name,
      ).toEqual(c.unknown);
      expect(openSignedNote(utf8(c.note), verifierKeys(c.keys)).verifiedBy).toEqual(opened.verifiedBy);
    }
  });

  it('openNote parses the checkpoints', () => {
    for (const c of v.open.filter((x) => x.name.startsWith('sumdb') || x.name.startsWith('provenant'))) {
      const opened = openNote(c.note, verifierKeys(c.keys));
      const want = v.checkpoints.find((cp) => cp.body === opened.body);
      if (!c.name.includes('changed')) expect(want, c.name).toBeDefined();
      if (want) {
        expect(opened.checkpoint.origin).toBe(want.origin);
        expect(opened.checkpoint.treeSize).toBe(want.treeSize);
        expect(bytesToHex(opened.checkpoint.rootHash)).toBe(want.rootHashHex);
      }
    }
  });

  it('openWantErr cases throw their code', () => {
    for (const c of v.openWantErr) {
      const note = c.noteHex !== undefined ? hexToBytes(c.noteHex) : (c.note as string);
      const keys = verifierKeys(c.keys ?? ['peter']);
      expect(
        codeOf(() => openNote(note, keys)),
        c.name,
      ).toBe(c.code);
      if (!c.name.startsWith('provenant'))
        expect(
          codeOf(() => openSignedNote(note, keys)),
          c.name,
        ).toBe(c.code);
    }
  });

  it('a verifier list with two different keys under one name and key hash is refused', () => {
    const peter = parseVerifierKey(key('peter').verifierKey);
    const other = { ...peter, publicKey: parseVerifierKey(key('enoch').verifierKey).publicKey };
    expect(codeOf(() => openSignedNote(v.open[0]?.note as string, [peter, other]))).toBe('key.invalid');
    expect(openSignedNote(v.open[0]?.note as string, [peter, peter]).verifiedBy).toEqual(['PeterNeumann']);
  });
});

describe('checkpoints', () => {
  it('format and parse the vector checkpoints', () => {
    for (const c of v.checkpoints) {
      const parsed = parseCheckpoint(c.body);
      expect(parsed).toEqual({
        origin: c.origin,
        treeSize: c.treeSize,
        rootHash: hexToBytes(c.rootHashHex),
        extensions: c.extensions,
      });
      expect(formatCheckpoint(parsed)).toBe(c.body);
    }
  });

  it('checkpointWantErr bodies are input.invalid, for parse and inside a signed note', () => {
    const log = signerOf('log');
    for (const c of v.checkpointWantErr) {
      expect(
        codeOf(() => parseCheckpoint(c.body)),
        c.name,
      ).toBe('input.invalid');
      if (c.body.endsWith('\n') && !/[\u0000-\u0009\u000b-\u001f]/.test(c.body)) {
        expect(
          codeOf(() => openNote(signNote(c.body, log), verifierKeys(['log']))),
          c.name,
        ).toBe('input.invalid');
      }
    }
  });

  it('formatCheckpoint refuses what parseCheckpoint would refuse', () => {
    const rootHash = new Uint8Array(32);
    const bad: [string, () => unknown][] = [
      ['empty origin', () => formatCheckpoint({ origin: '', treeSize: 1, rootHash })],
      ['newline in origin', () => formatCheckpoint({ origin: 'a\nb', treeSize: 1, rootHash })],
      ['negative size', () => formatCheckpoint({ origin: 'o', treeSize: -1, rootHash })],
      ['size 2^53', () => formatCheckpoint({ origin: 'o', treeSize: 2 ** 53, rootHash })],
      ['31-byte root', () => formatCheckpoint({ origin: 'o', treeSize: 1, rootHash: rootHash.subarray(1) })],
      ['empty extension', () => formatCheckpoint({ origin: 'o', treeSize: 1, rootHash, extensions: [''] })],
      ['lone surrogate', () => formatCheckpoint({ origin: 'o\ud800', treeSize: 1, rootHash })],
    ];
    for (const [name, fn] of bad) expect(codeOf(fn), name).toBe('input.invalid');
  });

  it('sign ∘ open round-trips, node:crypto agrees, and any change to the body is caught', () => {
    const log = signerOf('log');
    const pub = createPublicKey({
      key: Buffer.from(`302a300506032b6570032100${key('log').publicKeyHex}`, 'hex'),
      format: 'der',
      type: 'spki',
    });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9./-]{1,40}$/),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.stringMatching(/^[ -~]{1,30}$/), { maxLength: 3 }),
        (origin, treeSize, rootHash, extensions) => {
          const body = formatCheckpoint({ origin, treeSize, rootHash, extensions });
          const note = signNote(body, log);
          const opened = openNote(note, verifierKeys(['log']));
          expect(opened.verifiedBy).toEqual([log.name]);
          expect(opened.checkpoint).toEqual({ origin, treeSize, rootHash, extensions });
          const sig = base64ToBytes(
            note
              .slice(body.length + 1)
              .split(' ')[2]
              ?.trimEnd() as string,
          ).subarray(4);
          expect(verify(null, utf8(body), pub, sig)).toBe(true);
          const changed = note.replace(`\n${treeSize}\n`, `\n${treeSize + 1}\n`);
          expect(openNote(changed, verifierKeys(['log'])).failedBy).toEqual([log.name]);
          expect(openNote(changed, verifierKeys(['log'])).verifiedBy).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('standard base64', () => {
  it('matches Buffer and rejects non-canonical spellings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(bytesToBase64(bytes)).toBe(text);
        expect(bytesToHex(base64ToBytes(text))).toBe(bytesToHex(bytes));
      }),
    );
    for (const bad of ['A', 'AA', 'AA=', 'AB==', 'AAB=', '====', 'A===', 'AA=A', 'AA-_', '@@@@', 'AAAA\n']) {
      expect(
        codeOf(() => base64ToBytes(bad)),
        bad,
      ).toBe('encoding.invalid');
    }
  });
});
