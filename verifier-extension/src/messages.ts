/**
 * The typed message map between the extension's contexts (verdict page, options page, content script) and the
 * service worker. Every message is `{type, ...request}`; the worker answers with the mapped response type.
 */
import type { VerifyTarget } from './verify/verdict.ts';

export interface MessageMap {
  /** Content script (opt-in scanning): does this image have provenance? Answers from the verdict cache only. */
  'scan.check': { request: { srcUrl: string; pageUrl: string }; response: { hasProvenance: boolean } };
  /** Content script badge click: open the extension's verdict UI for this image. */
  'badge.open': { request: { srcUrl: string; pageUrl: string }; response: { verdictId: string } };
  /** Verdict page: re-run a verdict (e.g. after granting host access on the page's button). */
  'verdict.retry': { request: { verdictId: string }; response: { verdictId: string } };
  /** Verdict page, explicit button: send the file itself to POST /v1/verify. */
  'verdict.sendToServer': { request: { verdictId: string }; response: { ok: boolean } };
  /** Options page: scanning was switched; (un)register the badge content script. */
  'scan.configure': { request: { enabled: boolean }; response: { enabled: boolean } };
}

export type MessageType = keyof MessageMap;
export type Message<T extends MessageType = MessageType> = { type: T } & MessageMap[T]['request'];
export type Response<T extends MessageType> = MessageMap[T]['response'];

const TYPES: readonly MessageType[] = [
  'scan.check',
  'badge.open',
  'verdict.retry',
  'verdict.sendToServer',
  'scan.configure',
];

export function isMessage(value: unknown): value is Message {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && (TYPES as readonly string[]).includes(type);
}

export function sendMessage<T extends MessageType>(type: T, request: MessageMap[T]['request']): Promise<Response<T>> {
  return chrome.runtime.sendMessage<Response<T>>({ type, ...request });
}

export type Handlers = {
  [T in MessageType]: (message: Message<T>, sender: chrome.runtime.MessageSender) => Promise<Response<T>>;
};

/** Registers one handler per message type; unknown or foreign messages are ignored. */
export function listen(handlers: Handlers): void {
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !isMessage(message)) return undefined;
    const handler = handlers[message.type] as (m: Message, s: chrome.runtime.MessageSender) => Promise<unknown>;
    handler(message, sender).then(sendResponse, (e: unknown) => {
      sendResponse({ error: e instanceof Error ? e.message : String(e) });
    });
    return true;
  });
}

export type { VerifyTarget };
