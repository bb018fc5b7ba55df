/**
 * Compiles anchor/contracts/*.sol with the pinned `solc` npm package (standard JSON, optimizer on) and writes
 * the ABI + bytecode artifacts next to the sources. Run `node bin/run-ts.mjs anchor/compile.ts && npx biome format
 * --write anchor/contracts` after editing a contract; tests/anchor/artifact.test.ts fails when a committed artifact
 * is stale. Nothing runs solc at start-up.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The exact compiler: solc-js 0.8.37+commit.f401782d (matches `pragma solidity 0.8.37`). */
export const SOLC_VERSION = '0.8.37+commit.f401782d.Emscripten.clang';
export const CONTRACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'contracts');
export const CONTRACT_NAMES = ['ProvenantAnchor', 'PerAssetRegistryBaseline'] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** Pinned compiler settings; changing any of them changes the bytecode and must be committed with it. */
export const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 10_000 },
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'none' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
} as const;

export interface ContractArtifact {
  contractName: ContractName;
  compiler: { version: string; settings: typeof SOLC_SETTINGS };
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

export function artifactPath(name: ContractName): string {
  return join(CONTRACTS_DIR, `${name}.json`);
}

export function compileContracts(): ContractArtifact[] {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { version(): string; compile(input: string): string };
  if (solc.version() !== SOLC_VERSION) {
    throw new Error(`solc ${solc.version()} installed, artifacts are pinned to ${SOLC_VERSION}`);
  }
  const sources = Object.fromEntries(
    CONTRACT_NAMES.map((n) => [`${n}.sol`, { content: readFileSync(join(CONTRACTS_DIR, `${n}.sol`), 'utf8') }]),
  );
  const output = JSON.parse(
    solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SOLC_SETTINGS })),
  ) as SolcOutput;
  const problems = (output.errors ?? []).filter((e) => e.severity === 'error' || e.severity === 'warning');
  if (problems.length > 0) throw new Error(problems.map((e) => e.formattedMessage).join('\n'));
  return CONTRACT_NAMES.map((contractName) => {
    const c = output.contracts[`${contractName}.sol`]?.[contractName];
    if (!c) throw new Error(`solc produced no output for ${contractName}`);
    return {
      contractName,
      compiler: { version: SOLC_VERSION, settings: SOLC_SETTINGS },
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    };
  });
}

export function serializeArtifact(a: ContractArtifact): string {
  return `${JSON.stringify(a, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const a of compileContracts()) {
    writeFileSync(artifactPath(a.contractName), serializeArtifact(a));
    process.stdout.write(`wrote ${artifactPath(a.contractName)}\n`);
  }
}
