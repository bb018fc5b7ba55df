/** GET /docs: the API reference, rendered on the server from the same OpenAPI document as /openapi.json. */
import { escapeHtml, PAGE_STYLE } from './html.ts';

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { description?: string; content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}

type Doc = { info?: { title?: string; version?: string }; paths?: Record<string, Record<string, Operation>> };

function schemaText(schema: unknown): string {
  if (schema === undefined) return '';
  const s = schema as { type?: string; pattern?: string; enum?: unknown[] };
  return [s.type, s.pattern ? `/${s.pattern}/` : '', s.enum ? s.enum.join(' | ') : ''].filter(Boolean).join(' ');
}

function operationHtml(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}${p.required ? ', required' : ''}</td><td><code>${escapeHtml(schemaText(p.schema))}</code></td></tr>`,
    )
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<tr><td>${escapeHtml(code)}</td><td>${escapeHtml(r.description ?? '')}</td></tr>`)
    .join('');
  const body = op.requestBody
    ? `<p>Body (${escapeHtml(Object.keys(op.requestBody.content ?? {}).join(', '))}): ${escapeHtml(op.requestBody.description ?? '')}</p>`
    : '';
  return `<section id="${escapeHtml(`${method}-${path}`)}">
<h2><span class="method">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></h2>
${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}${body}
${params ? `<table><tr><th>parameter</th><th>in</th><th>format</th></tr>${params}</table>` : ''}
<table><tr><th>status</th><th>meaning</th></tr>${responses}</table>
</section>`;
}

export function renderDocsPage(doc: unknown): string {
  const d = doc as Doc;
  const ops = Object.entries(d.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => operationHtml(path, method, op)),
  );
  const title = `${d.info?.title ?? 'API'} ${d.info?.version ?? ''}`.trim();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} reference</title><style>${PAGE_STYLE}</style></head>
<body><h1>${escapeHtml(title)} reference</h1>
<p class="muted">Generated from <a href="/openapi.json">/openapi.json</a>. Errors are <code>{"error": {"code", "message", "details?"}}</code> with a stable code.</p>
${ops.join('\n')}
</body></html>
`;
}
