// What the overlay could not do on each tab's Sentry page: kept per tab (in session storage, so a restarted worker
// still knows), shown as the toolbar badge, and read by the popup. Cleared when the tab closes or the page reports
// nothing wrong.
import { badgeFor, type PageReport } from '@/lib/diagnostics';
import { Refusal, type Handlers } from './router';

const key = (tabId: number) => `page-report:${tabId}`;
// Where storage.session is missing, the worker's memory stands in (lost when it restarts, as the badge is).
const memory = new Map<number, PageReport>();

async function showBadge(tabId: number, report: PageReport | null): Promise<void> {
  const badge = badgeFor(report);
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  await Promise.allSettled([
    action?.setBadgeText({ tabId, text: badge.text }),
    action?.setTitle({ tabId, title: badge.title }),
    badge.text ? action?.setBadgeBackgroundColor({ tabId, color: '#c2410c' }) : undefined,
  ]);
}

export const pageReportHandlers = {
  async 'page.report'(m, { sender }) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || (sender.frameId ?? 0) !== 0)
      throw new Refusal('forbidden-sender', 'Only the overlay in a Sentry tab’s top frame reports its page.');
    const report: PageReport = { ...m.report, at: Date.now() };
    if (report.troubles.length) {
      memory.set(tabId, report);
      await browser.storage.session?.set({ [key(tabId)]: report }).catch(() => {});
    } else {
      memory.delete(tabId);
      await browser.storage.session?.remove(key(tabId)).catch(() => {});
    }
    await showBadge(tabId, report);
    return null;
  },
  async 'page.status'(m) {
    const stored: Record<string, unknown> = (await browser.storage.session?.get(key(m.tabId)).catch(() => ({}))) ?? {};
    return (stored[key(m.tabId)] as PageReport | undefined) ?? memory.get(m.tabId) ?? null;
  },
} satisfies Partial<Handlers>;

/** A closed tab's report goes with it. */
export function forgetClosedTabs(): void {
  browser.tabs?.onRemoved?.addListener((tabId) => {
    memory.delete(tabId);
    void browser.storage.session?.remove(key(tabId)).catch(() => {});
  });
}
