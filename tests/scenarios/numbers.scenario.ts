// Dexter's figures on Sentry's issue list equal the figures Sentry shows beside them (its Events and Users columns),
// for the page's window and environments, on both of Sentry's row layouts, on pages the server sends finished and on
// pages drawn in the browser after Sentry's own API calls (the way sentry.io draws them). The impact share divides
// users of one window by the project's users of the same window, names that window, and never passes 100%.
import { readDown } from '../e2e/read-down';
import { check, setToken, type Driver, type DriverPage, type Scenario } from './driver';

interface Row {
  id: string;
  events: number | null;
  users: number | null;
  dexterEvents: number | null;
  dexterUsers: number | null;
  share: string;
  why: string;
}

/** Each real row's numbers as Sentry's columns show them (Count's title: the exact value) and as Dexter's badges do. */
function readRows(): Row[] | null {
  const digits = (s: string | null | undefined) => (s && /\d/.test(s) ? Number(s.replace(/[^\d]/g, '')) : null);
  const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
    r.querySelector('[data-test-id="event-issue-header"]'),
  );
  if (!rows.length || document.querySelector('#main [data-test-id="loading-placeholder"]')) return null;
  const out: Row[] = [];
  for (const r of rows) {
    const host = r.querySelector<HTMLElement>('dexter-row');
    const priority = host?.shadowRoot?.querySelector('[data-slot="list-priority"] .chip');
    const impact = host?.shadowRoot?.querySelector('[data-slot="list-impact"] .chip');
    if (!host || !priority || !impact || /Loading/.test(impact.getAttribute('title') ?? '')) return null;
    const counts = r.querySelectorAll('[data-sentry-element="PrimaryCount"]');
    const events = (priority.getAttribute('title') ?? '').split('\n').at(-1) ?? '';
    out.push({
      id: host.dataset.issueId!,
      events: digits(counts[0]?.getAttribute('title')),
      users: digits(counts[1]?.getAttribute('title')),
      dexterEvents: digits(/^([\d,.\s]+) events/.exec(events)?.[1]),
      dexterUsers: digits(/Users affected: ([\d,]+);/.exec(impact.getAttribute('aria-label') ?? '')?.[1]),
      share: /share ([^.]*%|unknown)/.exec(impact.getAttribute('aria-label') ?? '')?.[1] ?? '',
      why: impact.getAttribute('title') ?? '',
    });
  }
  return out;
}

async function compare(d: Driver, page: DriverPage, what: string, windowWords: RegExp): Promise<number> {
  // Dexter draws a row when it comes near the view: read down the list (again) until every row is drawn.
  let rows: Row[] | null = null;
  for (const until = Date.now() + 30_000; !rows;) {
    check(Date.now() < until, `${what}: timed out waiting for every row's numbers, Sentry's and Dexter's`);
    await page.evaluate(readDown, null);
    rows = await page.evaluate(readRows, null);
  }
  check(rows.length >= 5, `${what}: only ${rows.length} rows`);
  for (const r of rows) {
    check(r.events !== null && r.users !== null, `${what}: issue ${r.id} has no numbers in Sentry's columns`);
    check(
      r.dexterEvents === r.events,
      `${what}: issue ${r.id}: Dexter says ${r.dexterEvents} events, Sentry's Events column ${r.events}`,
    );
    check(
      r.dexterUsers === r.users,
      `${what}: issue ${r.id}: Dexter says ${r.dexterUsers} users, Sentry's Users column ${r.users}`,
    );
    const pct = /^([\d.]+)%$/.exec(r.share);
    if (pct) {
      check(Number(pct[1]) <= 100, `${what}: issue ${r.id}: a share of ${r.share}`);
      check(windowWords.test(r.why), `${what}: issue ${r.id}: the share's tooltip does not name the window: ${r.why}`);
    }
  }
  return rows.length;
}

const cases: { name: string; query: string; words: RegExp }[] = [
  { name: 'Sentry’s default window (14 days)', query: '', words: /last 14 days/ },
  { name: 'the last 24 hours', query: 'statsPeriod=24h', words: /last 24 hours/ },
  {
    name: 'an absolute range',
    query: `start=${new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 19)}&end=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 19)}`,
    words: /UTC/,
  },
  {
    name: 'the last 14 days in production',
    query: 'statsPeriod=14d&environment=production',
    words: /last 14 days \(production\)/,
  },
];

export const scenarios: Scenario[] = (['table', 'div'] as const).flatMap((layout) =>
  (['server', 'client'] as const).map((render): Scenario => ({
    name: `the badges’ users and events equal Sentry’s columns (${layout} rows, ${render}-rendered page), for each window and environment`,
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const base = `https://acme.sentry.io/issues/?render=${render}&limit=25${layout === 'div' ? '&layout=div' : ''}`;
      let checked = 0;
      for (const c of cases) {
        const page = await d.page(c.query ? `${base}&${c.query}` : base);
        checked += await compare(d, page, `${layout}/${render}/${c.name}`, c.words);
        await page.close();
      }
      check(checked >= 20, `only ${checked} rows compared`);
    },
  })),
);
