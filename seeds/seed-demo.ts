/**
 * seedDemo: produce the demo content (produce.ts) and submit it to a running API (submit.ts). Safe to call on
 * every start: production is deterministic and every submission is idempotent on the server.
 */
import { join, resolve } from 'node:path';
import { readKeyFile } from '../signer/index.ts';
import type { DemoManifest } from './demo-manifest.ts';
import { DEMO_KEY_ORDER } from './keys.ts';
import { produceDemo } from './produce.ts';
import { readCompleteDemo } from './read-demo.ts';
import {
  type SubmitTarget,
  type Submitted,
  submitCosignatures,
  submitKey,
  submitManifest,
  submitQuote,
} from './submit.ts';

export interface SeedDemoOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:8787. */
  apiUrl: string;
  /** Where the demo content goes (default data/demo). */
  dataDir: string;
  /** The API's ADMIN_TOKEN: org root keys can only be registered with it. */
  adminToken: string | undefined;
  log?: (line: string) => void;
  /**
   * Keep a complete demo already produced in dataDir and only (re)submit it: a fast restart. The content is
   * deterministic, so this is the same as producing it again, unless the seed code itself changed.
   */
  reuse?: boolean;
}

/** How a submission went: new entries (201) and entries the API already had (200). */
export interface SubmitSummary {
  created: number;
  existing: number;
}

export async function submitDemo(demo: DemoManifest, dataDir: string, target: SubmitTarget): Promise<SubmitSummary> {
  const log = target.log ?? (() => {});
  const abs = (p: string) => join(dataDir, p);
  const summary: SubmitSummary = { created: 0, existing: 0 };
  const count = (r: Submitted) => {
    if (r.status === 201) summary.created++;
    else summary.existing++;
  };
  for (const name of DEMO_KEY_ORDER) count(await submitKey(target, await readKeyFile(abs(demo.keys[name].path))));
  log(`demo: ${DEMO_KEY_ORDER.length} key statements registered`);

  const manifests = [
    demo.photo.capture.manifestPath,
    demo.photo.published.manifestPath,
    demo.photo.tampered.manifestPath,
    demo.podcast.audio.manifestPath,
    ...(demo.podcast.transcript ? [demo.podcast.transcript.manifestPath] : []),
  ].map(abs);
  for (const path of manifests) count(await submitManifest(target, path));
  let cosignatures = 0;
  for (const path of manifests) {
    const rs = await submitCosignatures(target, path);
    rs.forEach(count);
    cosignatures += rs.length;
  }
  log(`demo: ${manifests.length} manifests and ${cosignatures} co-signatures submitted`);

  for (const q of demo.quotes) count(await submitQuote(target, abs(q.manifestPath)));
  log(`demo: ${demo.quotes.length} quote attestations submitted`);
  return summary;
}

export async function seedDemo(options: SeedDemoOptions): Promise<DemoManifest> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const existing = options.reuse ? await readCompleteDemo(dataDir) : null;
  if (existing) log(`demo: reusing the demo content in ${dataDir}`);
  const demo = existing ?? (await produceDemo(dataDir, log));
  for (const note of demo.notes) log(`demo: note: ${note}`);
  await submitDemo(demo, dataDir, { apiUrl: options.apiUrl, adminToken: options.adminToken, log });
  return demo;
}
