/**
 * The chain of a derivative back to its capture claim. Parent manifests are looked up by claim digest among, in
 * this order: manifests passed explicitly, the `<manifest>.parents.json` sidecar written by `derive` (so a
 * derivative travels with its ancestry), and the `*.provenant.json` files in the manifest's directory. Every
 * candidate is parsed like any untrusted manifest; only a digest match links it, so a wrong file is never used.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fromUtf8 } from '../../core/bytes.ts';
import { parseJson } from '../../core/canonical.ts';
import { isProvenantError, ProvenantError } from '../../core/errors.ts';
import type { Claim } from '../../core/manifest/claim.ts';
import { type ParsedManifest, parseManifest } from '../../core/manifest/parse.ts';
import { readManifestFile } from '../cosign.ts';
import { fileExists, readSmallFile, replaceFile } from '../files.ts';

export const PARENTS_SUFFIX = '.parents.json';
/** As many steps as a recipe chain may have (core/policy checkRecipeChain). */
export const MAX_CHAIN_LENGTH = 64;
const MAX_PARENTS_BYTES = 64 << 20;
const MAX_DIRECTORY_MANIFESTS = 256;

export type PhotoCaptureClaim = Extract<Claim, { kind: 'capture.photo' }>;
export type TimedCaptureClaim = Extract<Claim, { kind: 'capture.audio' | 'capture.video' }>;
export type DerivativeClaim = Extract<Claim, { kind: 'derivative' }>;

export function parentsPathOf(manifestPath: string): string {
  return manifestPath + PARENTS_SUFFIX;
}

export type ChainResultOf<C extends Claim> =
  | {
      readonly status: 'ok';
      /** The capture first, then each derivative in order, ending with the one asked about. */
      readonly links: readonly ParsedManifest[];
      readonly capture: ParsedManifest & { readonly manifest: { readonly claim: C } };
      /** Where each link came from (a file path, or null when it came from a sidecar), aligned with links. */
      readonly paths: readonly (string | null)[];
    }
  | { readonly status: 'missing' | 'broken'; readonly detail: string; readonly at: string };
export type ChainResult = ChainResultOf<PhotoCaptureClaim>;
export type TimedChainResult = ChainResultOf<TimedCaptureClaim>;

interface Candidate {
  parsed: ParsedManifest;
  path: string | null;
}

function addCandidate(pool: Map<string, Candidate>, parsed: ParsedManifest, path: string | null): void {
  if (!pool.has(parsed.id)) pool.set(parsed.id, { parsed, path });
}

/** The ancestor manifests stored beside `manifestPath` (none if there is no sidecar). */
export async function readParentsSidecar(manifestPath: string): Promise<ParsedManifest[]> {
  const path = parentsPathOf(manifestPath);
  if (!(await fileExists(path))) return [];
  const value = parseJson(fromUtf8(await readSmallFile(path, MAX_PARENTS_BYTES, 'parents file')), MAX_PARENTS_BYTES);
  const v = value as { v?: unknown; type?: unknown; manifests?: unknown };
  if (
    typeof value !== 'object' ||
    value === null ||
    v.v !== 1 ||
    v.type !== 'provenant-parents' ||
    !Array.isArray(v.manifests) ||
    v.manifests.length > MAX_CHAIN_LENGTH
  ) {
    throw new ProvenantError('input.invalid', `${path} is not a Provenant parents file`);
  }
  return v.manifests.map((m) => parseManifest(m));
}

export async function writeParentsSidecar(manifestPath: string, ancestors: readonly ParsedManifest[]): Promise<string> {
  const path = parentsPathOf(manifestPath);
  const json = { v: 1, type: 'provenant-parents', manifests: ancestors.map((p) => p.manifest) };
  await replaceFile(path, `${JSON.stringify(json)}\n`);
  return path;
}

async function directoryManifests(dir: string, skip: string): Promise<Candidate[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.provenant.json')).sort();
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const name of names.slice(0, MAX_DIRECTORY_MANIFESTS)) {
    const path = join(dir, name);
    if (path === skip) continue;
    try {
      out.push({ parsed: await readManifestFile(path), path });
    } catch (e) {
      // A stray unreadable manifest in the directory is not this chain's problem.
      if (!isProvenantError(e)) throw e;
    }
  }
  return out;
}

/**
 * Follows `parent` references from `target` to a capture.photo claim. `extra` are manifest files given by the user.
 * The directory is scanned only when the explicit manifests and the sidecar do not complete the chain.
 */
export function resolveChain(
  target: ParsedManifest,
  targetPath: string | null,
  extra: readonly string[] = [],
): Promise<ChainResult> {
  return followChain(target, targetPath, extra, ['capture.photo'], 'an image');
}

/** As resolveChain, for clips: the chain ends at a capture.audio or capture.video claim. */
export function resolveTimedChain(
  target: ParsedManifest,
  targetPath: string | null,
  extra: readonly string[] = [],
): Promise<TimedChainResult> {
  return followChain(target, targetPath, extra, ['capture.audio', 'capture.video'], 'a clip');
}

async function followChain<C extends Claim>(
  target: ParsedManifest,
  targetPath: string | null,
  extra: readonly string[],
  captureKinds: readonly C['kind'][],
  what: string,
): Promise<ChainResultOf<C>> {
  const pool = new Map<string, Candidate>();
  for (const path of extra) addCandidate(pool, await readManifestFile(path), path);
  if (targetPath !== null) for (const p of await readParentsSidecar(targetPath)) addCandidate(pool, p, null);
  let scanned = targetPath === null;
  const links: ParsedManifest[] = [target];
  const paths: (string | null)[] = [targetPath];
  let current = target;
  for (let step = 0; step <= MAX_CHAIN_LENGTH; step++) {
    const claim = current.manifest.claim;
    if ((captureKinds as readonly string[]).includes(claim.kind)) {
      links.reverse();
      paths.reverse();
      return { status: 'ok', links, paths, capture: current as never };
    }
    if (claim.kind !== 'derivative') {
      return { status: 'broken', at: current.id, detail: `a ${claim.kind} claim cannot be the source of ${what}` };
    }
    if (step === MAX_CHAIN_LENGTH) break;
    const want = claim.parent.claimDigest;
    if (claim.parent.manifestId !== want) {
      return { status: 'broken', at: current.id, detail: 'the parent reference names two different digests' };
    }
    let found = pool.get(want);
    if (found === undefined && !scanned && targetPath !== null) {
      scanned = true;
      for (const c of await directoryManifests(dirname(targetPath), targetPath)) addCandidate(pool, c.parsed, c.path);
      found = pool.get(want);
    }
    if (found === undefined) {
      return { status: 'missing', at: current.id, detail: `parent manifest ${want} was not found` };
    }
    if (links.some((l) => l.id === found.parsed.id)) {
      return { status: 'broken', at: current.id, detail: 'the chain loops' };
    }
    links.push(found.parsed);
    paths.push(found.path);
    current = found.parsed;
  }
  return { status: 'broken', at: current.id, detail: `the chain is longer than ${MAX_CHAIN_LENGTH} steps` };
}

/** The recipes of the derivatives in a resolved chain, capture onwards. */
export function chainRecipes(links: readonly ParsedManifest[]): DerivativeClaim['recipe'][] {
  return links
    .map((l) => l.manifest.claim)
    .filter((c): c is DerivativeClaim => c.kind === 'derivative')
    .map((c) => c.recipe);
}

/**
 * One manifest by claim digest, looked up like a parent: `extra` files, the parents sidecar beside `nearPath`, then
 * the manifests in its directory. Null when not found.
 */
export async function findManifest(
  claimDigest: string,
  nearPath: string | null,
  extra: readonly string[] = [],
): Promise<ParsedManifest | null> {
  for (const path of extra) {
    const p = await readManifestFile(path);
    if (p.id === claimDigest) return p;
  }
  if (nearPath === null) return null;
  for (const p of await readParentsSidecar(nearPath)) if (p.id === claimDigest) return p;
  for (const c of await directoryManifests(dirname(nearPath), nearPath))
    if (c.parsed.id === claimDigest) return c.parsed;
  return null;
}
