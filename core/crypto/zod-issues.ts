/** zod issues as stable, client-safe field paths ("statement.subject.kind: invalid option"). */
import type * as z from 'zod';

/** Bound on an error's size: a hostile input can have millions of bad fields. */
export const MAX_ISSUE_DETAILS = 50;

function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], root: string): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(`${formatPath(root, [...issue.path, key])}: unknown field`);
    } else {
      out.push(`${formatPath(root, issue.path)}: ${issue.message}`);
    }
  }
  const unique = [...new Set(out)];
  if (unique.length <= MAX_ISSUE_DETAILS) return unique;
  return [...unique.slice(0, MAX_ISSUE_DETAILS), `…and ${unique.length - MAX_ISSUE_DETAILS} more`];
}
