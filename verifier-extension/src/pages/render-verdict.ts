/**
 * Renders a stored verdict. Every status line carries its code in data-code (tests read those, never the text).
 * The wording is neutral on purpose: "no provenance" is not an alarm, and nothing here ever says "true" or "fake".
 */
import { STATUS_CODES, type StatusCode } from '../../../core/report/codes.ts';
import { type StatusEntry, StatusEntrySchema } from '../../../core/report/entry.ts';
import type { ReportState } from '../../../core/report/state.ts';
import type { StoredVerdict } from '../background/verdict-store.ts';
import type { AnchorView, QuoteView, SignerView, StepView, Verdict } from '../verify/verdict.ts';
import { type Child, el, shortId, when } from './dom.ts';

const HEADLINES: Record<ReportState, { title: string; text: string }> = {
  valid: {
    title: 'Signed by a source you trust; every check that ran passed',
    text: 'Nothing checked differs from what was signed. This is about where it came from, not whether it is true.',
  },
  'valid-untrusted': {
    title: 'Signed, by a source you have not chosen to trust',
    text: 'The signatures verify, but no signer chains to one of your trusted roots. Untrusted is not invalid.',
  },
  'valid-partial': {
    title: 'Signed by a source you trust; some checks are incomplete',
    text: 'Something is pending or only approximate; the lines below say what.',
  },
  invalid: {
    title: 'Something that was checked does not match',
    text: 'At least one check failed. The lines marked ✕ say which; provenance is about origin, not about truth.',
  },
  'no-provenance': {
    title: 'No provenance found',
    text: 'No signed record of this content is known. Most content has none; this says nothing about whether it is genuine.',
  },
};

const summaryOf = (code: string) => STATUS_CODES[code as StatusCode]?.summary ?? code;

function codeLine(e: StatusEntry): HTMLElement {
  return el(
    'li',
    { 'data-code': e.code, 'data-kind': e.kind },
    el('span', { class: 'mark', 'aria-hidden': 'true' }),
    el(
      'span',
      {},
      summaryOf(e.code),
      e.detail ? el('span', { class: 'muted' }, ` — ${e.detail}`) : null,
      ' ',
      el('span', { class: 'code' }, e.code),
    ),
  );
}

function row(label: string, value: Child): [HTMLElement, HTMLElement] {
  return [el('dt', {}, label), el('dd', {}, value)];
}

function signerCard(s: SignerView): HTMLElement {
  const trust = s.revoked ? 'revoked' : s.trusted ? 'trusted' : 'not trusted';
  return el(
    'div',
    { class: 'card', 'data-signer': s.keyId, 'data-code': s.code },
    el(
      'dl',
      {},
      ...row('Signer', `${s.name ?? 'unknown key'}${s.subjectKind ? ` (${s.subjectKind})` : ''}`),
      ...row('Role', s.role ?? '—'),
      ...row(
        'Endorsed by',
        s.endorsedBy.length
          ? s.endorsedBy.join(' ← ')
          : s.trusted
            ? 'none needed: one of your trusted roots'
            : 'nobody',
      ),
      ...row('Trust', el('span', { 'data-trust': trust }, trust)),
      ...row('Key', el('span', { class: 'mono' }, shortId(s.keyId))),
    ),
  );
}

function stepLine(step: StepView, i: number, last: number): HTMLElement {
  const label = i === last ? 'capture' : i === 0 ? 'shown' : `step ${last - i}`;
  return el(
    'li',
    { class: 'step', 'data-step': step.manifestId },
    el('strong', {}, `${label}: `),
    `${step.kind}${step.title ? ` “${step.title}”` : ''} `,
    el('span', { class: 'mono muted' }, shortId(step.manifestId)),
    step.ops.length
      ? el(
          'div',
          {},
          ...step.ops.map((o) =>
            el(
              'span',
              { class: 'pill', 'data-code': o.code, 'data-kind': STATUS_CODES[o.code as StatusCode]?.kind ?? '' },
              `${o.op}: ${o.code.split('.').pop()}`,
            ),
          ),
        )
      : null,
    step.replay ? el('div', { 'data-code': step.replay }, `Replay: ${summaryOf(step.replay)}`) : null,
  );
}

function anchorCard(a: AnchorView): HTMLElement {
  const state =
    a.code === 'anchor.finalized'
      ? 'finalized'
      : a.code === 'anchor.pending'
        ? 'pending'
        : a.code === 'anchor.notChecked'
          ? 'not checked'
          : 'failed';
  return el(
    'div',
    { class: 'card', 'data-anchor': state, 'data-code': a.code },
    el(
      'dl',
      {},
      ...row('Anchor', state),
      ...row('Log index', a.logIndex === null ? '—' : String(a.logIndex)),
      ...row(
        'Chain',
        a.chainId === null
          ? 'not checked (no RPC configured)'
          : `chain ${a.chainId}, contract ${shortId(a.contract ?? '')}`,
      ),
      ...row('Checkpoint', a.seq === null ? '—' : `#${a.seq}, tree size ${a.treeSize}`),
      ...row(
        'Read at block',
        a.block === null ? '—' : `${a.block} (${a.finalized ? 'finalized' : 'latest, not final'})`,
      ),
      ...row('Anchored at', a.anchoredAt === null ? '—' : when(a.anchoredAt * 1000)),
    ),
  );
}

function clock(ms: number): string {
  const t = Math.floor(ms / 1000);
  const hh = Math.floor(t / 3600);
  const mm = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
  const ss = String(t % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

function attestedWords(q: QuoteView): HTMLElement {
  const parts: Child[] = [];
  q.fragments.forEach((words, k) => {
    parts.push(el('span', { class: 'said' }, words.join(' ')));
    const omitted = q.omittedWordCounts[k];
    if (omitted !== undefined) {
      parts.push(
        el(
          'span',
          { class: 'omitted', 'data-omitted': omitted },
          ` … [${omitted} word${omitted === 1 ? '' : 's'} left out] … `,
        ),
      );
    }
  });
  return el('blockquote', {}, ...parts);
}

function diffLine(q: QuoteView): HTMLElement | null {
  if (!q.diff) return null;
  return el(
    'p',
    { class: 'diff' },
    ...q.diff.flatMap((d) => {
      const word =
        d.op === 'same'
          ? el('span', {}, d.shown ?? '')
          : d.op === 'changed'
            ? el('span', { 'data-diff': 'changed' }, el('del', {}, d.shown ?? ''), el('ins', {}, d.attested ?? ''))
            : d.op === 'added'
              ? el('del', { 'data-diff': 'added' }, d.shown ?? '')
              : el('ins', { 'data-diff': 'missing' }, d.attested ?? '');
      return [word, ' '];
    }),
  );
}

function quoteCard(q: QuoteView): HTMLElement {
  return el(
    'div',
    { class: 'card', 'data-quote-speaker': q.speaker },
    el(
      'dl',
      {},
      ...row('Speaker', q.speaker),
      ...row('Episode', q.episode ?? shortId(q.transcriptId)),
      ...row('Time', `${clock(q.t0)}–${clock(q.t1)} into the recording`),
      ...(q.articleUrl ? row('Attested for', q.articleUrl) : []),
    ),
    el('div', { class: 'muted' }, 'What the transcript says (revealed words only):'),
    attestedWords(q),
    q.editorial.length ? el('p', { class: 'muted' }, `Editorial, not verified: [${q.editorial.join('], [')}]`) : null,
    q.diff
      ? el(
          'div',
          {},
          el(
            'div',
            { class: 'muted' },
            'The words on the page against the attested ones (struck: not said; underlined: said, left out):',
          ),
          diffLine(q),
        )
      : null,
  );
}

const FOUND_BY: Record<NonNullable<Verdict['foundBy']>, string> = {
  file: 'exact file',
  pixels: 'identical pixels (the file differs)',
  fingerprint: 'perceptual fingerprint',
};

/** A misquote reads as "valid-partial" by state; the reader needs to hear first that the words differ. */
const CLOSE_QUOTE = {
  title: 'Close, not exact: the words on this page differ from what was said',
  text: 'A signed transcript has the attested words; the differences are marked below.',
};

function verdictBody(v: Verdict): Child[] {
  const h = v.state === 'valid-partial' && v.quote?.diff ? CLOSE_QUOTE : HEADLINES[v.state];
  const out: Child[] = [
    el('div', { class: 'banner', 'data-state': v.state }, el('h1', {}, h.title), el('p', {}, h.text)),
  ];
  if (v.manifestId) {
    out.push(
      el('h2', {}, 'What was signed'),
      el(
        'div',
        { class: 'card' },
        el(
          'dl',
          {},
          ...row('Kind', v.kind ?? '—'),
          ...(v.title ? row('Title', v.title) : []),
          ...(v.foundBy ? row('Found by', FOUND_BY[v.foundBy]) : []),
          ...(v.kind === 'quote' ? [] : row('Captured', when(v.capturedAt))),
          ...row('Signed', when(v.createdAt)),
          ...row(
            v.kind === 'quote' ? 'Transcript co-signers' : 'Co-signers',
            v.cosigning
              ? `${v.cosigning.signed} of ${v.cosigning.required} signed (threshold ${v.cosigning.threshold})`
              : 'none required',
          ),
          ...row('Manifest', el('span', { class: 'mono' }, v.manifestId)),
        ),
      ),
    );
  }
  if (v.quote) out.push(el('h2', {}, 'The quote'), quoteCard(v.quote));
  if (v.signers.length) out.push(el('h2', {}, 'Who signed'), ...v.signers.map(signerCard));
  if (v.steps.length > 1) {
    out.push(
      el('h2', {}, 'Edit chain back to the capture'),
      el(
        'div',
        { class: 'card' },
        el('ul', { class: 'steps' }, ...v.steps.map((s, i) => stepLine(s, i, v.steps.length - 1))),
      ),
    );
  }
  if (v.anchor) out.push(el('h2', {}, 'Transparency log'), anchorCard(v.anchor));
  out.push(
    el('h2', {}, 'Every check'),
    el('div', { class: 'card' }, el('ul', { class: 'codes' }, ...v.entries.map(codeLine))),
  );
  if (v.notes.length) out.push(el('ul', { class: 'muted' }, ...v.notes.map((n) => el('li', {}, n))));
  return out;
}

export interface VerdictActions {
  grantAccess(origin: string): void;
  sendToServer(): void;
}

export function renderVerdict(root: HTMLElement, record: StoredVerdict, actions: VerdictActions): void {
  root.dataset.verdictStatus = record.status;
  root.dataset.state = record.verdict?.state ?? '';
  const target = record.target.kind === 'media' ? record.target.url : `“${record.target.text.slice(0, 200)}”`;
  const children: Child[] = [el('p', { class: 'muted mono' }, target)];
  if (record.status === 'working') children.push(el('div', { class: 'banner' }, el('h1', {}, 'Checking…')));
  if (record.status === 'failed' && record.failure) {
    children.push(
      el(
        'div',
        { class: 'banner', 'data-failure': record.failure.reason },
        el('h1', {}, 'No verdict could be produced'),
        el('p', {}, record.failure.detail),
      ),
    );
    if (record.failure.reason === 'media.unreachable' && record.origin) {
      const origin = record.origin;
      children.push(
        el(
          'div',
          { class: 'row' },
          button(`Allow access to ${origin} and retry`, 'grant', () => actions.grantAccess(origin)),
        ),
      );
    }
  }
  if (record.verdict) children.push(...verdictBody(record.verdict));
  if (record.status === 'done' && record.target.kind === 'media') {
    children.push(
      el(
        'div',
        { class: 'row' },
        button(`Send this file to ${record.apiUrl} for a server check`, 'send', actions.sendToServer),
        el('span', { class: 'muted' }, 'Only on this button: the file itself leaves your browser.'),
      ),
    );
  }
  if (record.serverReport) children.push(...serverReport(record.serverReport));
  root.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

/** The server's own report after an upload: shown as the operator's opinion, entries re-validated against the table. */
function serverReport(value: unknown): Child[] {
  const raw = (value as { report?: { entries?: unknown } } | null)?.report?.entries;
  const entries = Array.isArray(raw)
    ? raw.flatMap((e) => {
        const parsed = StatusEntrySchema.safeParse(e);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  return [
    el('h2', {}, 'The server’s report'),
    el(
      'div',
      { class: 'card', 'data-server-report': '' },
      el(
        'p',
        { class: 'muted' },
        'The operator’s own check of the uploaded file; your browser did not verify this part.',
      ),
      entries.length
        ? el('ul', { class: 'codes server' }, ...entries.map(codeLine))
        : el('p', {}, 'The server answered without a readable report.'),
    ),
  ];
}

function button(label: string, action: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-action': action }, label);
  b.addEventListener('click', onClick);
  return b;
}
