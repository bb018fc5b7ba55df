/**
 * Finding and running ffmpeg. Lookup order: $FFMPEG_PATH (an explicit setting that points nowhere is an error, not
 * a silent fallback), then the optional `ffmpeg-static` package's binary if it exists on disk, then `ffmpeg` on
 * PATH. Runs are bounded: a timeout, stderr kept as a bounded head and tail, stdout streamed to the caller (never
 * buffered whole), and every failure is a coded error with a short reason.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ProvenantError } from '../core/errors.ts';

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';

export interface FfmpegBinary {
  readonly path: string;
  readonly source: FfmpegSource;
}

const LOOKUP_HINT =
  'set FFMPEG_PATH to an ffmpeg binary, install the optional npm package ffmpeg-static, or put ffmpeg on PATH';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function ffmpegStaticPath(): string | null {
  try {
    const path = createRequire(import.meta.url)('ffmpeg-static') as unknown;
    return typeof path === 'string' && path !== '' ? path : null;
  } catch {
    return null; // not installed: it is an optional dependency
  }
}

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  /** Injectable for tests; defaults to resolving the ffmpeg-static package. */
  staticPath?: () => string | null;
}

/** Throws 'ffmpeg.missing' (naming all three places) when no usable binary is found. */
export async function findFfmpeg(options: FindOptions = {}): Promise<FfmpegBinary> {
  const env = options.env ?? process.env;
  const explicit = env.FFMPEG_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (await isExecutable(explicit)) return { path: explicit, source: 'FFMPEG_PATH' };
    throw new ProvenantError(
      'ffmpeg.missing',
      `FFMPEG_PATH=${explicit} is not an executable file; ${LOOKUP_HINT} (FFMPEG_PATH is used first when set)`,
    );
  }
  const fromPackage = (options.staticPath ?? ffmpegStaticPath)();
  if (fromPackage !== null && (await isExecutable(fromPackage))) return { path: fromPackage, source: 'ffmpeg-static' };
  const names = process.platform === 'win32' ? ['ffmpeg.exe', 'ffmpeg'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue; // relative PATH entries would depend on the working directory
    for (const name of names) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) return { path: candidate, source: 'PATH' };
    }
  }
  throw new ProvenantError('ffmpeg.missing', `ffmpeg was not found: ${LOOKUP_HINT}`);
}

/** Keeps the first `headBytes` and the last `tailBytes` of a stream of text. */
class BoundedText {
  #head = '';
  #tail = '';
  #dropped = false;
  constructor(
    private readonly headBytes: number,
    private readonly tailBytes: number,
  ) {}
  push(chunk: string): void {
    if (this.#head.length < this.headBytes) {
      const take = this.headBytes - this.#head.length;
      this.#head += chunk.slice(0, take);
      chunk = chunk.slice(take);
    }
    if (chunk === '') return;
    this.#tail += chunk;
    if (this.#tail.length > this.tailBytes) {
      this.#tail = this.#tail.slice(this.#tail.length - this.tailBytes);
      this.#dropped = true;
    }
  }
  get head(): string {
    return this.#head;
  }
  text(): string {
    return this.#dropped ? `${this.#head}\n…\n${this.#tail}` : this.#head + this.#tail;
  }
}

export interface RunOptions {
  /** Kill ffmpeg and fail after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Receives stdout chunks as they arrive; stdout is discarded when absent. */
  onStdout?: (chunk: Buffer) => void;
  /** Aborting kills ffmpeg (e.g. when a sibling run failed) and rejects with 'ffmpeg.failed'. */
  signal?: AbortSignal;
  /** Resolve instead of throwing when ffmpeg exits non-zero (probing prints the input's streams, then exits 1). */
  allowFailure?: boolean;
  /** ffmpeg's standard input: another run's stdout (handed over with `pipeStdout`), connected process to process. */
  stdin?: Readable;
  /**
   * Hands ffmpeg's stdout, unread, to the caller (synchronously, before runFfmpeg returns) instead of reading it: to
   * be another run's `stdin`, so the bytes go from one ffmpeg to the other without passing through JavaScript.
   * Exclusive with `onStdout`.
   */
  pipeStdout?: (stdout: Readable) => void;
  /** Receives what ffmpeg writes to file descriptor 3 (an output named `pipe:3`), as onStdout does for stdout. */
  onPipe3?: (chunk: Buffer) => void;
}

export interface RunResult {
  exitCode: number;
  /** Bounded: the first 64 KiB and the last 16 KiB. */
  stderr: string;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** The last few non-progress lines of stderr: the reason ffmpeg gives for failing. */
export function failureReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('size=') && !l.startsWith('frame='));
  const reason = lines.slice(-2).join(' / ');
  return reason.length > 300 ? `${reason.slice(0, 297)}...` : reason || 'no error output';
}

export function runFfmpeg(bin: FfmpegBinary, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(bin.path, ['-hide_banner', '-nostdin', '-nostats', ...args], {
      stdio: options.onPipe3
        ? [options.stdin ?? 'ignore', 'pipe', 'pipe', 'pipe']
        : [options.stdin ?? 'ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    // The child has its own copy of the pipe's read end; closing ours lets the writer see EPIPE if this run dies.
    options.stdin?.destroy();
    const stderr = new BoundedText(64 * 1024, 16 * 1024);
    let timedOut = false;
    let consumerError: unknown;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const guard = (consume: (chunk: Buffer) => void) => (chunk: Buffer) => {
      if (consumerError !== undefined) return;
      try {
        consume(chunk);
      } catch (e) {
        // A consumer rejecting ffmpeg's output (too large, malformed) stops the run.
        consumerError = e;
        child.kill('SIGKILL');
      }
    };
    if (options.pipeStdout && child.stdout) options.pipeStdout(child.stdout);
    else child.stdout?.on('data', options.onStdout ? guard(options.onStdout) : () => {});
    if (options.onPipe3) (child.stdio[3] as Readable | null)?.on('data', guard(options.onPipe3));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => stderr.push(s));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (e.code === 'ENOENT' || e.code === 'EACCES') {
        reject(
          new ProvenantError('ffmpeg.missing', `cannot run ${bin.path} (${e.code}); ${LOOKUP_HINT}`, { cause: e }),
        );
      } else {
        reject(new ProvenantError('ffmpeg.failed', `cannot run ffmpeg: ${e.message}`, { cause: e }));
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const text = stderr.text();
      if (consumerError !== undefined) return reject(consumerError);
      if (options.signal?.aborted) return reject(new ProvenantError('ffmpeg.failed', 'ffmpeg was stopped'));
      if (timedOut) {
        return reject(new ProvenantError('ffmpeg.failed', `ffmpeg timed out after ${Math.round(timeoutMs / 1000)} s`));
      }
      const exitCode = code ?? 128;
      if (exitCode !== 0 && !options.allowFailure) {
        const why = signal ? `killed by ${signal}` : failureReason(text);
        return reject(new ProvenantError('ffmpeg.failed', `ffmpeg exited with ${exitCode}: ${why}`));
      }
      resolve({ exitCode, stderr: text });
    });
  });
}

/** Splits a byte stream into lines (LF), refusing absurdly long ones so output stays bounded. */
export function lineSplitter(onLine: (line: string) => void, maxLineBytes = 64 * 1024): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('latin1');
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
    if (pending.length > maxLineBytes) {
      throw new ProvenantError('ffmpeg.failed', 'ffmpeg printed an over-long line');
    }
  };
}

const muxerCache = new Map<string, Promise<Set<string>>>();

/** Output formats (muxers) this ffmpeg build has, e.g. to know whether `chromaprint` exists. */
export function ffmpegMuxers(bin: FfmpegBinary): Promise<Set<string>> {
  let cached = muxerCache.get(bin.path);
  if (!cached) {
    cached = (async () => {
      const names = new Set<string>();
      let started = false;
      await runFfmpeg(bin, ['-muxers'], {
        timeoutMs: 30_000,
        onStdout: lineSplitter((line) => {
          if (line.trim() === '--') {
            started = true;
            return;
          }
          const m = started ? /^\s*D?E\S*\s+(\S+)/.exec(line) : null;
          if (m?.[1]) for (const n of m[1].split(',')) names.add(n);
        }),
      });
      return names;
    })();
    cached.catch(() => muxerCache.delete(bin.path));
    muxerCache.set(bin.path, cached);
  }
  return cached;
}
