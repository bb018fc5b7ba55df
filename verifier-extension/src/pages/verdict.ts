/** The verdict page (an extension page, so the web page cannot draw or alter it). */

import type { StoredVerdict } from '../background/verdict-store.ts';
import { verdictKey } from '../background/verdict-store.ts';
import { sendMessage } from '../messages.ts';
import { renderVerdict } from './render-verdict.ts';

const root = document.getElementById('verdict') as HTMLElement;
const id = new URLSearchParams(location.search).get('v') ?? '';

const actions = {
  grantAccess(origin: string) {
    // Called from the button's click: a user gesture, so Chrome may show the permission prompt.
    void chrome.permissions.request({ origins: [origin] }).then(() => sendMessage('verdict.retry', { verdictId: id }));
  },
  sendToServer() {
    void sendMessage('verdict.sendToServer', { verdictId: id });
  },
};

async function show(): Promise<void> {
  const key = verdictKey(id);
  const record = (await chrome.storage.session.get(key))[key] as StoredVerdict | undefined;
  if (!record) {
    root.dataset.verdictStatus = 'missing';
    root.textContent = 'This verdict is no longer available (verdicts last for the browser session).';
    return;
  }
  renderVerdict(root, record, actions);
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' && changes[verdictKey(id)]) void show();
});
void show();
