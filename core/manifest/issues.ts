/** Turns zod issues into stable, client-safe field paths such as "claim.asset.sha256: expected 64 lower-case hex chars". */
import type * as z from 'zod';

type Issue = z.core.$ZodIssue;

/** Bound on the error's size: a hostile input can have millions of bad fields. */
export const MAX_ISSUE_DETAILS = 100;

/** `claim.recipe[2].w`; the whole input is `manifest`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'manifest' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, key) ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return v;
}

function collect(issues: readonly Issue[], prefix: readonly PropertyKey[], input: unknown, out: string[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(`${formatPath([...path, key])}: unknown field`);
        break;
      case 'invalid_union': {
        if (issue.errors.length === 0) {
          const note = 'options' in issue && Array.isArray(issue.options) ? issue.options.join(', ') : '';
          out.push(`${formatPath(path)}: ${note ? `expected one of ${note}` : issue.message}`);
          break;
        }
        // Report the alternative the input came closest to.
        const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
        collect(best, path, input, out);
        break;
      }
      case 'invalid_type':
        out.push(
          `${formatPath(path)}: ${valueAt(input, path) === undefined ? 'required' : `expected ${issue.expected}`}`,
        );
        break;
      default:
        out.push(`${formatPath(path)}: ${issue.message}`);
    }
  }
}

export function formatIssues(issues: readonly Issue[], input: unknown): string[] {
  const out: string[] = [];
  collect(issues, [], input, out);
  const unique = [...new Set(out)];
  if (unique.length <= MAX_ISSUE_DETAILS) return unique;
  return [...unique.slice(0, MAX_ISSUE_DETAILS), `…and ${unique.length - MAX_ISSUE_DETAILS} more`];
}
