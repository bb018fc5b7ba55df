/** Options: API URL, chain RPC + contract, the trust list (import/export), opt-in scanning. */
import { sendMessage } from '../messages.ts';
import { loadSettings, parseTrustList, type Settings, saveSettings, type TrustList } from '../settings.ts';
import { el, shortId } from './dom.ts';

const form = document.getElementById('settings') as HTMLFormElement;
const saved = document.getElementById('saved') as HTMLOutputElement;
const rootsList = document.getElementById('roots') as HTMLUListElement;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
let trust: TrustList;

function showRoots(): void {
  rootsList.replaceChildren(
    ...(trust.roots.length
      ? trust.roots.map((r) => el('li', { class: 'mono', 'data-root': r }, shortId(r)))
      : [el('li', { class: 'muted' }, 'No trusted roots: signers are checked, never trusted.')]),
  );
}

async function init(): Promise<void> {
  const s = await loadSettings();
  trust = s.trust;
  field('apiUrl').value = s.apiUrl;
  field('rpcUrl').value = s.chain?.rpcUrl ?? '';
  field('contract').value = s.chain?.contract ?? '';
  field('scanning').checked = s.scanning;
  showRoots();
}

function report(code: string, text: string): void {
  saved.dataset.code = code;
  saved.textContent = text;
}

(document.getElementById('import') as HTMLInputElement).addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  try {
    trust = parseTrustList(await file.text());
    showRoots();
    report('trust.imported', `Imported ${trust.roots.length} root(s); press Save to keep them.`);
  } catch (err) {
    report('trust.invalid', err instanceof Error ? err.message : String(err));
  }
});

(document.getElementById('export') as HTMLButtonElement).addEventListener('click', () => {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(trust, null, 2)}\n`], { type: 'application/json' }));
  const a = el('a', { href: url, download: 'provenant-trust.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

// Asked here, inside the click on the checkbox (a user gesture), and only when switching scanning on.
field('scanning').addEventListener('change', (e) => {
  const box = e.target as HTMLInputElement;
  if (box.checked) {
    void chrome.permissions.request({ origins: ['http://*/*', 'https://*/*'] }).then((ok) => {
      if (!ok) box.checked = false;
    });
  }
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const rpcUrl = field('rpcUrl').value.trim();
  const contract = field('contract').value.trim();
  const settings: Settings = {
    apiUrl: field('apiUrl').value.trim().replace(/\/+$/, ''),
    chain: rpcUrl && contract ? { rpcUrl, contract } : null,
    trust,
    scanning: field('scanning').checked,
  };
  try {
    await saveSettings(settings);
    const { enabled } = await sendMessage('scan.configure', { enabled: settings.scanning });
    report('settings.saved', enabled ? 'Saved. Scanning is on.' : 'Saved.');
  } catch (err) {
    report('settings.invalid', err instanceof Error ? err.message : String(err));
  }
});

void init();
