/**
 * Per-verdict state lives in chrome.storage.session (never in service-worker globals, which die with the worker).
 * The verdict page renders whatever record is stored under its id and re-renders on changes.
 */
import type { Verdict, VerifyTarget } from '../verify/verdict.ts';

export type VerdictStatus = 'working' | 'done' | 'failed';

/** Why a verdict could not be produced (no verdict is shown then, only this reason and what to do). */
export type FailureReason = 'media.unreachable' | 'media.tooLarge' | 'api.unreachable' | 'api.error' | 'internal';

export interface StoredVerdict {
  id: string;
  target: VerifyTarget;
  status: VerdictStatus;
  startedAt: number;
  finishedAt: number | null;
  verdict: Verdict | null;
  failure: { reason: FailureReason; detail: string } | null;
  /** Where the media was fetched from: the origin the reader may grant access to. */
  origin: string | null;
  apiUrl: string;
  /** The answer of POST /v1/verify, after the reader pressed the button that sends the file. */
  serverReport: unknown;
}

const PREFIX = 'verdict:';

export function verdictKey(id: string): string {
  return PREFIX + id;
}

export async function readVerdict(id: string): Promise<StoredVerdict | null> {
  const key = verdictKey(id);
  const stored = await chrome.storage.session.get(key);
  return (stored[key] as StoredVerdict | undefined) ?? null;
}

export async function writeVerdict(record: StoredVerdict): Promise<void> {
  await chrome.storage.session.set({ [verdictKey(record.id)]: record });
}

export async function updateVerdict(id: string, patch: Partial<StoredVerdict>): Promise<StoredVerdict | null> {
  const current = await readVerdict(id);
  if (!current) return null;
  const next = { ...current, ...patch };
  await writeVerdict(next);
  return next;
}
