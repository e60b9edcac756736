// Issue-list helpers shared by the list scenarios: page functions (run in the page, no closures) and the oracle.
import { apiGet } from '../world/world';
import { readDown } from '../e2e/read-down';
import { check, type Driver, type DriverPage } from './driver';

export { readDown };

/** Sentry's real rows (a client-rendered page starts with skeleton rows) — and whether its numbers are in. */
export function realRows(): { rows: number; hosts: number; numbersIn: boolean } {
  const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
    r.querySelector('[data-test-id="event-issue-header"]'),
  );
  return {
    rows: rows.length,
    hosts: document.querySelectorAll('dexter-row').length,
    numbersIn: !document.querySelector('#main [data-test-id="loading-placeholder"]'),
  };
}

/** Per Dexter row host: whether its three figure badges are drawn. */
export function drawnRows(): boolean[] {
  return [...document.querySelectorAll('dexter-row')].map(
    (h) => (h.shadowRoot?.querySelectorAll('[data-slot] .chip, [data-slot] svg').length ?? 0) >= 3,
  );
}

/** Every real row has exactly one host and every host is drawn (after reading down the list, as a user would). */
export async function everyRowDrawn(page: DriverPage, what: string, timeoutMs = 30_000): Promise<number> {
  for (const until = Date.now() + timeoutMs; ;) {
    await page.evaluate(readDown, null);
    const state = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
        r.querySelector('[data-test-id="event-issue-header"]'),
      );
      const drawn = rows.every((r) => {
        const hosts = r.querySelectorAll('dexter-row');
        return (
          hosts.length === 1 &&
          (hosts[0]!.shadowRoot?.querySelectorAll('[data-slot] .chip, [data-slot] svg').length ?? 0) >= 3
        );
      });
      return {
        rows: rows.length,
        drawn,
        skeleton: !!document.querySelector('#main [data-test-id="loading-placeholder"]'),
      };
    }, null);
    if (state.rows > 0 && state.drawn && !state.skeleton) return state.rows;
    check(Date.now() < until, `${what}: not every row got its badges (${JSON.stringify(state)})`);
  }
}

/** What Sentry's API says about these rows under Sentry's default window (14 days): the oracle for every badge.
 *  issues-stats takes 100 ids a request. */
export async function apiIssues(d: Driver, ids: string[], host = 'acme.sentry.io'): Promise<any[]> {
  const api: any[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    api.push(
      ...(await apiGet<any[]>(
        d.world,
        `/api/0/organizations/acme/issues-stats/?${part.map((id) => `groups=${id}`).join('&')}&statsPeriod=14d&groupStatsPeriod=24h&collapse=lifetime&project=-1`,
        d.world.sentry.tokens.readWrite,
        host,
      )),
    );
  }
  return ids.map((id) => api.find((i) => String(i.id) === id));
}

/** The shown figures of every Dexter row. */
export function shownFigures(): { id: string; users: string; usersWhy: string; priority: string; spark: string }[] {
  return [...document.querySelectorAll<HTMLElement>('dexter-row')].map((h) => ({
    id: h.dataset.issueId!,
    users: h.shadowRoot?.querySelector('[data-slot="list-impact"]')?.textContent ?? '',
    usersWhy: h.shadowRoot?.querySelector('[data-slot="list-impact"] .chip')?.getAttribute('title') ?? '',
    priority: h.shadowRoot?.querySelector('[data-slot="list-priority"]')?.textContent ?? '',
    spark: h.shadowRoot?.querySelector('[data-slot="list-sparkline"] svg')?.getAttribute('aria-label') ?? '',
  }));
}

/** The toolbar badge of the tab showing `urlPattern` (run in one of Dexter's pages). */
export async function toolbarBadge(arg: { url: string }): Promise<{ tabId: number; text: string } | null> {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const [tab] = await api.tabs.query({ url: arg.url });
  if (!tab) return null;
  const action = api.action ?? api.browserAction;
  return { tabId: tab.id, text: await action.getBadgeText({ tabId: tab.id }) };
}
