/**
 * `npm run seed [-- --api URL --admin-token T --data-dir DIR]`: (re)produces the demo content into DIR (default
 * data/demo, or $DEMO_DATA_DIR) and submits it to a running API (default http://127.0.0.1:8787). The admin token
 * defaults to $ADMIN_TOKEN (needed for the two org root keys). Re-running is harmless.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isProvenantError } from '../core/errors.ts';
import { DEFAULT_DEMO_DIR } from './produce.ts';
import { seedDemo } from './seed-demo.ts';

export { type SeedDemoOptions, seedDemo } from './seed-demo.ts';

export const DEFAULT_API_URL = 'http://127.0.0.1:8787';

const USAGE = `usage: npm run seed -- [--api URL] [--admin-token TOKEN] [--data-dir DIR]
  --api URL            the running Provenant API (default ${DEFAULT_API_URL})
  --admin-token TOKEN  the API's ADMIN_TOKEN (default $ADMIN_TOKEN)
  --data-dir DIR       where the demo content goes (default $DEMO_DATA_DIR or ${DEFAULT_DEMO_DIR})`;

export async function seedMain(argv: readonly string[]): Promise<number> {
  let values: { api?: string; 'admin-token'?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        api: { type: 'string' },
        'admin-token': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataDir = values['data-dir'] ?? process.env.DEMO_DATA_DIR ?? DEFAULT_DEMO_DIR;
  try {
    const demo = await seedDemo({
      apiUrl: values.api ?? DEFAULT_API_URL,
      dataDir,
      adminToken: values['admin-token'] ?? process.env.ADMIN_TOKEN,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`demo seeded in ${resolve(dataDir)} (published photo ${demo.photo.published.manifestId})\n`);
    return 0;
  } catch (e) {
    const what = isProvenantError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`seed: ${what}\n`);
    return isProvenantError(e) ? 2 : 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  process.exitCode = await seedMain(process.argv.slice(2));
}
