/**
 * Bundles the extension with esbuild into a loadable folder (default verifier-extension/dist): one ESM service
 * worker, one script per extension page, one classic content script, plus the static manifest, pages and styles.
 * Everything is bundled: MV3 forbids remote code. The build refuses bundles that pull in ethers, drizzle or node:*,
 * so the one-way dependency rule holds for the extension too.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = join(HERE, 'dist');

const ENTRIES = [
  { in: 'src/background/main.ts', out: 'background', format: 'esm' },
  { in: 'src/pages/verdict.ts', out: 'verdict', format: 'esm' },
  { in: 'src/pages/options.ts', out: 'options', format: 'esm' },
  { in: 'src/content/badges.ts', out: 'badges', format: 'iife' },
] as const;

const STATIC_FILES = ['manifest.json', 'verdict.html', 'options.html', 'extension.css'];
const FORBIDDEN_INPUTS = [/node_modules\/ethers\//, /node_modules\/drizzle-orm\//, /^node:/];

export interface BuildResult {
  outDir: string;
  /** Bundle sizes in bytes, by output file. */
  sizes: Record<string, number>;
}

function checkInputs(metafile: Metafile): void {
  for (const input of Object.keys(metafile.inputs)) {
    if (FORBIDDEN_INPUTS.some((re) => re.test(input))) {
      throw new Error(`verifier-extension: forbidden dependency in the bundle: ${input}`);
    }
  }
}

export async function buildExtension(outDir = DEFAULT_OUT_DIR): Promise<BuildResult> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const entry of ENTRIES) {
    const result = await build({
      entryPoints: [join(HERE, entry.in)],
      outfile: join(outDir, `${entry.out}.js`),
      bundle: true,
      format: entry.format,
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      metafile: true,
      logLevel: 'silent',
    });
    checkInputs(result.metafile);
    for (const [file, info] of Object.entries(result.metafile.outputs)) sizes[relative(outDir, file)] = info.bytes;
  }
  for (const file of STATIC_FILES) await cp(join(HERE, 'static', file), join(outDir, file));
  return { outDir, sizes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outDir, sizes } = await buildExtension(process.argv[2] ?? DEFAULT_OUT_DIR);
  for (const [file, bytes] of Object.entries(sizes)) process.stdout.write(`${file}\t${bytes} bytes\n`);
  process.stdout.write(`extension built in ${outDir}\n`);
}
