/**
 * File output for the signer: secrets are created with mode 0600 from the start (never chmod-ed later), nothing
 * is overwritten unless asked, and replacements are atomic (temp file + rename) so a crash never leaves half a
 * manifest or key file behind.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ProvenantError } from '../core/errors.ts';

export const SECRET_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

export interface WriteOptions {
  /** Replace an existing file (atomically); without it an existing file is an error. */
  force?: boolean;
  mode?: number;
}

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

async function writeExclusive(path: string, data: Uint8Array | string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(data);
    // The umask may have narrowed the mode; a secret must never be wider than asked, and never is.
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `path` with `mode`; refuses ('conflict') to replace an existing file unless `force`. */
export async function writeOutputFile(
  path: string,
  data: Uint8Array | string,
  options: WriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? PUBLIC_FILE_MODE;
  if (!options.force) {
    try {
      await writeExclusive(path, data, mode);
      return;
    } catch (e) {
      if (errnoOf(e) === 'EEXIST') {
        throw new ProvenantError('conflict', `${path} already exists (use --force to replace it)`);
      }
      throw ioError(path, e);
    }
  }
  await replaceFile(path, data, mode);
}

/** Atomic replace: a temp file in the same directory, then rename over the target. */
export async function replaceFile(path: string, data: Uint8Array | string, mode = PUBLIC_FILE_MODE): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeExclusive(temp, data, mode);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw ioError(path, e);
  }
}

function ioError(path: string, e: unknown): ProvenantError {
  const code = errnoOf(e);
  return new ProvenantError('input.invalid', `cannot write ${path}${code ? ` (${code})` : ''}`, { cause: e });
}

/** Reads a whole (small) file, at most `maxBytes`; 'input.invalid' if missing, 'input.tooLarge' if too big. */
export async function readSmallFile(path: string, maxBytes: number, what = 'file'): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new ProvenantError('input.invalid', `cannot read ${what} ${path} (${errnoOf(e) ?? 'error'})`, { cause: e });
  }
  if (size > maxBytes) throw new ProvenantError('input.tooLarge', `${what} ${path} is larger than ${maxBytes} bytes`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new ProvenantError('input.invalid', `cannot read ${what} ${path} (${errnoOf(e) ?? 'error'})`, { cause: e });
  }
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
