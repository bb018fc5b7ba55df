/** Loads a language-neutral JSON vector file from tests/vectors/. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function loadVectors<T = unknown>(name: string): T {
  const path = fileURLToPath(new URL(`../vectors/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
