/** Loads the committed compiler artifacts (anchor/contracts/*.json written by anchor/compile.ts). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LoadedArtifact {
  abi: readonly unknown[];
  bytecode: string;
  deployedBytecode: string;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'contracts');
const cache = new Map<string, LoadedArtifact>();

export function loadArtifact(name: 'ProvenantAnchor' | 'PerAssetRegistryBaseline'): LoadedArtifact {
  let a = cache.get(name);
  if (!a) {
    const raw = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as LoadedArtifact;
    a = { abi: raw.abi, bytecode: raw.bytecode, deployedBytecode: raw.deployedBytecode };
    cache.set(name, a);
  }
  return a;
}
