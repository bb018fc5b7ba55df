/**
 * Produces the whole demo into a data directory, offline and deterministically (fixed keys, clock and salts): the
 * same bytes on every run. Only the demo's own sub-directories are replaced, never anything else in the directory.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ProvenantError } from '../core/errors.ts';
import { DEMO_FORMAT_VERSION, DEMO_MANIFEST_FILE, type DemoManifest } from './demo-manifest.ts';
import { createDemoKeys, DEMO_KEY_ORDER, DEMO_KEY_SPECS, type DemoKeys, keyFilePath } from './keys.ts';
import { type DemoDirs, producePhoto } from './produce-photo.ts';
import { producePodcast } from './produce-podcast.ts';
import { produceQuotes } from './produce-quotes.ts';

export const DEFAULT_DEMO_DIR = 'data/demo';
export const TRUST_FILE = 'trust.json';

function demoDirs(dataDir: string): DemoDirs & { keys: string } {
  const root = resolve(dataDir);
  return { root, keys: join(root, 'keys'), capture: join(root, 'capture'), public: join(root, 'public') };
}

/** The verifier's trust file for the demo: the two org roots, with every demo key statement for offline checks. */
async function writeTrust(path: string, keys: DemoKeys): Promise<void> {
  const trust = {
    v: 1,
    roots: [keys.maker.key.keyId, keys.newsroom.key.keyId],
    statements: DEMO_KEY_ORDER.map((name) => keys[name].file.statement),
  };
  await writeFile(path, `${JSON.stringify(trust, null, 2)}\n`);
}

/** Refuses a directory that holds other things than a previous demo: producing replaces its sub-directories. */
async function assertDemoDir(root: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (names.length > 0 && !names.includes(DEMO_MANIFEST_FILE)) {
    throw new ProvenantError('input.invalid', `${root} is not empty and holds no demo: choose another data directory`);
  }
}

export async function produceDemo(dataDir: string, log: (line: string) => void = () => {}): Promise<DemoManifest> {
  const dirs = demoDirs(dataDir);
  await assertDemoDir(dirs.root);
  for (const dir of [dirs.keys, dirs.capture, dirs.public]) await rm(dir, { recursive: true, force: true });
  await mkdir(dirs.keys, { recursive: true, mode: 0o700 });
  await mkdir(dirs.capture, { recursive: true, mode: 0o700 });
  await mkdir(dirs.public, { recursive: true });
  const rel = (abs: string) => abs.slice(dirs.root.length + 1);

  log('demo: deriving the TEST-ONLY demo keys');
  const keys = await createDemoKeys(dirs.keys);
  const trustPath = join(dirs.root, TRUST_FILE);
  await writeTrust(trustPath, keys);
  log('demo: painting, signing and publishing the harbour photo');
  const photo = await producePhoto(dirs, keys);
  log('demo: synthesising and signing the podcast episode');
  const { podcast, transcriptManifestPath } = await producePodcast(dirs, keys);
  log('demo: attesting quotes from the transcript');
  const { quotes, misquote } = await produceQuotes(dirs, keys, transcriptManifestPath);

  const manifest: DemoManifest = {
    v: DEMO_FORMAT_VERSION,
    trustPath: rel(trustPath),
    keys: Object.fromEntries(
      DEMO_KEY_ORDER.map((name) => [
        name,
        {
          keyId: keys[name].key.keyId,
          name: DEMO_KEY_SPECS[name].subject.name,
          path: rel(keyFilePath(dirs.keys, name)),
        },
      ]),
    ) as DemoManifest['keys'],
    photo,
    podcast,
    quotes,
    misquote,
    notes: [],
  };
  await writeFile(join(dirs.root, DEMO_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
