/** The CLI's three exit codes, shared by every command. */
export const EXIT = { ok: 0, verificationFailed: 1, usage: 2 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by a command that has already printed its result and wants a specific exit code. */
export class ExitError extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message = '') {
    super(message);
    this.exitCode = exitCode;
  }
}
