// Dexter's heavier UI on Sentry's issue page (Explain, deadlock analysis) is an extension page in an iframe, placed
// inside a Shadow-DOM host: React, Mantine and Markdown stay out of the content script, the page cannot read the
// panel, and event data never passes through Sentry's DOM. The iframe only ever tells us its height.
import { SELECTORS } from '@/lib/sentry/selectors';
import type { SentryPage } from '@/lib/sentry/page';
import type { Spot } from './attach';

export interface PanelHost {
  host: HTMLElement;
  root: ShadowRoot;
  open(view: string, extra?: Record<string, string>): void;
  close(): void;
}

const CSS = `
:host { all: initial; display: block; margin: 12px 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.row { display: flex; gap: 8px; align-items: center; }
button { font: inherit; cursor: pointer; border-radius: 6px; padding: 4px 10px; border: 1px solid #6c5fc7; background: #6c5fc7; color: #fff; }
button.secondary { background: transparent; color: #6c5fc7; }
:host([data-dark]) button.secondary { color: #b5abff; border-color: #b5abff; }
button:focus-visible { outline: 2px solid #b5abff; outline-offset: 2px; }
iframe { display: block; width: 100%; border: 1px solid #e0dce5; border-radius: 8px; margin-top: 8px; height: 320px; background: transparent; }
:host([data-dark]) iframe { border-color: #3e3446; }
`;

/** Dexter's panel host at `at` (attach.ts finds the spot), removed when `signal` aborts. */
export function createPanelHost(id: string, page: SentryPage, at: Spot, signal: AbortSignal): PanelHost {
  document.querySelector(`dexter-panel[data-id="${id}"]`)?.remove();
  const host = document.createElement('dexter-panel');
  host.dataset.id = id;
  host.toggleAttribute('data-dark', document.body.matches(SELECTORS.darkTheme));
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
  at.parent.insertBefore(host, at.before);
  let frame: HTMLIFrameElement | null = null;

  const onMessage = (e: MessageEvent) => {
    if (!frame || e.source !== frame.contentWindow) return;
    const h = (e.data as { dexterPanelHeight?: unknown } | null)?.dexterPanelHeight;
    if (typeof h === 'number' && Number.isFinite(h)) frame.style.height = `${Math.min(Math.max(h + 4, 80), 2000)}px`;
  };
  window.addEventListener('message', onMessage, { signal });
  signal.addEventListener('abort', () => host.remove(), { once: true });

  return {
    host,
    root,
    open(view, extra = {}) {
      const params = new URLSearchParams({
        view,
        apiBase: page.apiBase,
        org: page.org ?? '',
        issueId: page.issueId ?? '',
        eventId: page.eventId ?? '',
        theme: host.hasAttribute('data-dark') ? 'dark' : 'light',
        ...extra,
      });
      if (!frame) {
        frame = document.createElement('iframe');
        frame.title = `Dexter ${view}`;
        root.append(frame);
      }
      frame.src = `${browser.runtime.getURL('/panel.html' as '/popup.html')}#${params}`;
    },
    close() {
      frame?.remove();
      frame = null;
    },
  };
}
