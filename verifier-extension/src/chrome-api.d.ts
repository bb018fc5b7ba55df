/**
 * The small, typed subset of the `chrome.*` extension API this extension uses (@types/chrome is not a dependency).
 * Only what is called is declared, so a typo or a wrong argument is a compile error.
 */
declare namespace chrome {
  namespace runtime {
    const id: string;
    const lastError: { message?: string } | undefined;
    function getURL(path: string): string;
    function openOptionsPage(): Promise<void>;
    function sendMessage<Response = unknown>(message: unknown): Promise<Response>;
    interface MessageSender {
      id?: string;
      url?: string;
      tab?: tabs.Tab;
    }
    const onMessage: {
      addListener(
        callback: (
          message: unknown,
          sender: MessageSender,
          sendResponse: (response: unknown) => void,
        ) => boolean | undefined,
      ): void;
    };
    const onInstalled: { addListener(callback: () => void): void };
    const onStartup: { addListener(callback: () => void): void };
  }

  namespace contextMenus {
    type ContextType = 'image' | 'video' | 'audio' | 'link' | 'selection' | 'page';
    interface CreateProperties {
      id: string;
      title: string;
      contexts: ContextType[];
      targetUrlPatterns?: string[];
    }
    interface OnClickData {
      menuItemId: string | number;
      mediaType?: 'image' | 'video' | 'audio';
      srcUrl?: string;
      linkUrl?: string;
      pageUrl?: string;
      frameUrl?: string;
      selectionText?: string;
    }
    function create(properties: CreateProperties): void;
    function removeAll(): Promise<void>;
    const onClicked: { addListener(callback: (info: OnClickData, tab?: tabs.Tab) => void): void };
  }

  namespace tabs {
    interface Tab {
      id?: number;
      url?: string;
      windowId?: number;
    }
    function create(properties: { url: string; active?: boolean; openerTabId?: number }): Promise<Tab>;
  }

  namespace permissions {
    interface Permissions {
      origins?: string[];
      permissions?: string[];
    }
    function contains(permissions: Permissions): Promise<boolean>;
    function getAll(): Promise<Permissions>;
    function request(permissions: Permissions): Promise<boolean>;
    function remove(permissions: Permissions): Promise<boolean>;
  }

  namespace scripting {
    interface RegisteredContentScript {
      id: string;
      matches?: string[];
      js?: string[];
      runAt?: 'document_idle' | 'document_end' | 'document_start';
      persistAcrossSessions?: boolean;
    }
    function registerContentScripts(scripts: RegisteredContentScript[]): Promise<void>;
    function unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    function getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredContentScript[]>;
  }

  namespace storage {
    interface StorageArea {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    }
    interface StorageChange {
      oldValue?: unknown;
      newValue?: unknown;
    }
    const local: StorageArea;
    const session: StorageArea & {
      setAccessLevel(options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
    };
    const onChanged: {
      addListener(callback: (changes: Record<string, StorageChange>, areaName: string) => void): void;
      removeListener(callback: (changes: Record<string, StorageChange>, areaName: string) => void): void;
    };
  }
}
