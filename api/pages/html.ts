/** Escaping for the server-rendered pages, and their shared self-contained stylesheet (no external resources). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export const PAGE_STYLE = `
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1d1d1f; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
  code, pre { font: 13px/1.4 ui-monospace, monospace; background: #f3f3f5; border-radius: 4px; }
  code { padding: 0 .25rem; } pre { padding: .75rem; overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  .method { font-weight: 600; text-transform: uppercase; display: inline-block; min-width: 3.5rem; }
  .muted { color: #666; }
`;

/** Pages set this CSP: nothing may load from elsewhere, and only the page's own inline script and style run. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:";
