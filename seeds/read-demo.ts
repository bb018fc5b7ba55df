/** Reads a seeded demo's `demo.json`; null when the directory has not been seeded (or was seeded by another version). */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_FORMAT_VERSION, DEMO_MANIFEST_FILE, type DemoManifest } from './demo-manifest.ts';

export async function readDemoManifest(dataDir: string): Promise<DemoManifest | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, DEMO_MANIFEST_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const demo = JSON.parse(text) as DemoManifest;
  return demo.v === DEMO_FORMAT_VERSION ? demo : null;
}

/** Every file a demo manifest names, relative to the data directory. */
export function demoPaths(demo: DemoManifest): string[] {
  const signed = [demo.photo.capture, demo.photo.published, demo.photo.tampered, demo.podcast.audio];
  return [
    demo.trustPath,
    ...Object.values(demo.keys).map((k) => k.path),
    ...signed.flatMap((f) => [f.path, f.manifestPath]),
    demo.photo.cdn.path,
    demo.photo.unsigned.path,
    demo.podcast.vtt.path,
    ...(demo.podcast.transcript ? [demo.podcast.transcript.manifestPath] : []),
    ...demo.quotes.map((q) => q.manifestPath),
    ...(demo.misquote ? [demo.misquote.manifestPath] : []),
  ];
}

/** The demo in `dataDir` if it is complete (every file it names exists), else null. */
export async function readCompleteDemo(dataDir: string): Promise<DemoManifest | null> {
  const demo = await readDemoManifest(dataDir);
  if (!demo) return null;
  try {
    await Promise.all(demoPaths(demo).map((p) => access(join(dataDir, p))));
  } catch {
    return null;
  }
  return demo;
}
