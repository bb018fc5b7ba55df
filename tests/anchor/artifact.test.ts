/** The committed contract artifacts must be exactly what the pinned solc produces from the committed sources. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifactPath, compileContracts, SOLC_VERSION, serializeArtifact } from '../../anchor/compile.ts';

describe('contract artifacts', () => {
  it('are up to date with the Solidity sources (run `node bin/run-ts.mjs anchor/compile.ts` if not)', () => {
    const compiled = compileContracts();
    expect(compiled.map((a) => a.contractName)).toEqual(['ProvenantAnchor', 'PerAssetRegistryBaseline']);
    for (const a of compiled) {
      expect(a.compiler.version).toBe(SOLC_VERSION);
      expect(a.bytecode.length).toBeGreaterThan(100);
      // Compared as JSON values: the committed file may be re-indented by the formatter.
      expect(JSON.parse(readFileSync(artifactPath(a.contractName), 'utf8'))).toEqual(JSON.parse(serializeArtifact(a)));
    }
  }, 120_000);
});
