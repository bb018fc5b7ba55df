#!/usr/bin/env node
// Runs a TypeScript entry point (benchmarks, seeds) through tsx: `node bin/run-ts.mjs file.ts [args]`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [, , entry, ...rest] = process.argv;
if (!entry) {
  console.error('usage: run-ts <file.ts> [args]');
  process.exit(2);
}
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(resolve(entry)).href);
