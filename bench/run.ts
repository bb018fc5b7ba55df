/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or those whose file name contains a given name),
 * prints each figure as it comes, then one JSON line per figure at the end.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure } from './lib.ts';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

const all: BenchFigure[] = [];
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchFigure[]> };
  for (const f of await mod.run()) {
    all.push(f);
    process.stdout.write(
      `${f.bench}: ${f.value} ${f.unit} (baseline ${f.baseline}, ratio ${f.ratio}, goal ${f.goal})${f.note ? ` — ${f.note}` : ''}\n`,
    );
  }
}
process.stdout.write('\n');
for (const { bench, value, unit, baseline, ratio, goal } of all) {
  process.stdout.write(`${JSON.stringify({ bench, value, unit, baseline, ratio, goal })}\n`);
}
