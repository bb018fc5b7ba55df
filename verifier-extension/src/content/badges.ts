/**
 * Opt-in badges (registered only while scanning is on). Tiny on purpose: it asks the worker about each sizeable
 * image and, for those with provenance, adds a small button that only opens the extension's own verdict page.
 * It shows no verdict itself, since anything drawn in the page could be imitated by the page.
 */
import { sendMessage } from '../messages.ts';

const MIN_EDGE = 96;
const seen = new WeakSet<HTMLImageElement>();

function badge(img: HTMLImageElement): void {
  const host = document.createElement('span');
  host.dataset.provenantBadge = '';
  host.style.cssText = 'position:absolute;z-index:2147483647';
  const r = img.getBoundingClientRect();
  host.style.left = `${r.left + window.scrollX + 6}px`;
  host.style.top = `${r.top + window.scrollY + 6}px`;
  const shadow = host.attachShadow({ mode: 'closed' });
  const button = document.createElement('button');
  button.type = 'button';
  button.title = 'A provenance record exists: open the verifier to see what it says';
  // Neutral on purpose: the badge says a record exists, not what the verdict is (that may be a failure).
  button.textContent = 'ⓘ provenance';
  button.style.cssText =
    'font:12px system-ui;padding:2px 6px;border-radius:999px;border:1px solid #1f3a5f;background:#fff;color:#1f3a5f;cursor:pointer';
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    void sendMessage('badge.open', { srcUrl: img.currentSrc || img.src, pageUrl: location.href });
  });
  shadow.append(button);
  document.body.append(host);
}

async function check(img: HTMLImageElement): Promise<void> {
  if (seen.has(img) || img.naturalWidth < MIN_EDGE || img.naturalHeight < MIN_EDGE) return;
  seen.add(img);
  const src = img.currentSrc || img.src;
  if (!/^https?:/.test(src)) return;
  const { hasProvenance } = await sendMessage('scan.check', { srcUrl: src, pageUrl: location.href });
  if (hasProvenance) badge(img);
}

for (const img of Array.from(document.images)) {
  if (img.complete) void check(img);
  else img.addEventListener('load', () => void check(img), { once: true });
}
