/** Output conventions shared by every command: `--json` prints one JSON document, otherwise human text. */
import { SingleBar } from 'cli-progress';

export interface OutputOptions {
  json?: boolean;
}

export function emit(options: OutputOptions, json: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : `${human()}\n`);
}

export interface Progress {
  /** Advance to `value` of the total announced at start. */
  update(value: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** A progress bar on a TTY (and never with --json); a no-op otherwise so pipes and CI logs stay clean. */
export function startProgress(label: string, total: number, options: OutputOptions = {}): Progress {
  if (options.json || !process.stderr.isTTY || total <= 0) return silent;
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0);
  return { update: (v) => bar.update(v), stop: () => bar.stop() };
}
