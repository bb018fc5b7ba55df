/**
 * GET /verify: drop a file, read its verification report. Self-contained (inline style and script, no external
 * resources); the file goes to POST /v1/verify only when the person drops or picks it, and the page says so.
 * Wording is neutral: provenance is not truth, so no state reads as "true" or "fake".
 */
import { PAGE_STYLE } from './html.ts';

const SCRIPT = `
const STATES = {
  'valid': 'Signed, and every check passed.',
  'valid-untrusted': 'Signed, and the signatures check out, but this service does not vouch for the signer.',
  'valid-partial': 'Signed; some checks are incomplete or only approximate (see below).',
  'invalid': 'Something that was checked does not hold (see the failures below).',
  'no-provenance': 'No provenance was found for this file. Most content has none; this says nothing about whether it is authentic.',
};
const drop = document.getElementById('drop');
const pick = document.getElementById('pick');
const out = document.getElementById('out');
function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; }
function show(body) {
  out.replaceChildren();
  const state = document.createElement('p');
  state.className = 'state';
  state.textContent = body.report ? (STATES[body.report.state] || body.report.state) + ' [' + body.report.state + ']' : '';
  out.append(state);
  if (body.manifestId) {
    const m = document.createElement('p');
    m.textContent = 'Manifest ' + body.manifestId + (body.log ? ', log entry ' + body.log.logIndex : '');
    out.append(m);
  }
  const table = document.createElement('table');
  const head = table.insertRow();
  for (const h of ['code', 'kind', 'detail']) cell(head, h);
  for (const e of (body.report ? body.report.entries : [])) {
    const row = table.insertRow();
    cell(row, e.code, 'code'); cell(row, e.kind, e.kind); cell(row, e.detail || '');
  }
  out.append(table);
  for (const n of body.notes || []) { const p = document.createElement('p'); p.className = 'muted'; p.textContent = n; out.append(p); }
}
async function send(file) {
  out.textContent = 'Checking ' + file.name + ' (' + file.size + ' bytes)…';
  try {
    const res = await fetch('/v1/verify', { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    const body = await res.json();
    if (!res.ok) { out.textContent = 'The service could not check this file: ' + (body.error ? body.error.code : res.status); return; }
    show(body);
  } catch (e) { out.textContent = 'The service could not be reached.'; }
}
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) send(e.dataTransfer.files[0]); });
pick.addEventListener('change', () => { if (pick.files[0]) send(pick.files[0]); });
`;

export const VERIFY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check a file's provenance</title>
<style>${PAGE_STYLE}
  #drop { border: 2px dashed #999; border-radius: 8px; padding: 2.5rem; text-align: center; }
  #drop.over { border-color: #0a66c2; background: #eef5fc; }
  .state { font-size: 1.1rem; font-weight: 600; }
  .failure { color: #a00; } .success { color: #060; } .informational { color: #555; } .code { font-family: ui-monospace, monospace; }
</style></head>
<body>
<h1>Check a file's provenance</h1>
<p>Drop a photo, recording or video here. The file is uploaded to this service to be compared with its
transparency log; nothing is sent until you drop or choose a file.</p>
<div id="drop"><p>Drop a file here, or <label>choose one <input id="pick" type="file"></label></p></div>
<div id="out" aria-live="polite"></div>
<p class="muted">A report shows who signed a file and whether it was changed, not whether what it shows is true.</p>
<script>${SCRIPT}</script>
</body></html>
`;
