/**
 * The seeds' public entry, for the composition root (`provenant serve`) and the end-to-end tests:
 *   seedDemo({apiUrl, dataDir, adminToken})  produce the demo into dataDir and submit it to the API;
 *   demoSite({dataDir})                       the Hono sub-app to mount at /demo.
 */
export type { DemoFile, DemoManifest, DemoQuote, SignedDemoFile } from './demo-manifest.ts';
export { DEMO_MANIFEST_FILE } from './demo-manifest.ts';
export { DEFAULT_DEMO_DIR, produceDemo } from './produce.ts';
export { readCompleteDemo, readDemoManifest } from './read-demo.ts';
export { type SeedDemoOptions, type SubmitSummary, seedDemo, submitDemo } from './seed-demo.ts';
export { type DemoSiteOptions, demoSite } from './site/app.ts';
