// Issue #18's "Measured": what release/deploy markers and Sentry's escalation forecast cost a list page view in Sentry
// requests (cold ≤ 2, warm 0), whether Dexter's port of the forecast agrees with Sentry's (the vectors of Sentry's own
// tests, and the replica's independently written rule over every issue of the org), and how long the issue page's
// trends panel and the Explorer's detail panel take to draw the world map.
import type { Page } from '@playwright/test';
import vectors from '../tests/fixtures/sentry-source/escalating-issues-alg.json';
import { forecastFor, isEscalating, issueForecast } from '../lib/scoring/escalation';
import { escalation, midnightOf } from '../lib/trends/forecast';
import { createSentryClient, MAX_TOP_EVENTS } from '../lib/sentry/client';
import { startSentryServer } from '../tests/world/sentry/server';
import { sentryEscalation } from '../tests/world/sentry/escalation';
import { tagValues } from '../tests/world/sentry/tag-values';
import type { RequestRecord } from '../tests/world/sentry/server';
import type { World } from '../tests/world/world';
import { launchDexter, median, round, withDexter, type DexterBrowser } from './overlay';
import { openExplorer } from './detail';
import type { BenchRow } from './types';

declare const chrome: any;

const DAY = 86_400_000;
const pct = (k: number, n: number) => (n ? round((100 * k) / n, 1) : NaN);

// ── (b) Forecast agreement, in Node ─────────────────────────────────────────────────────────────────────────────────

type Case = {
  name: string;
  intervals: keyof typeof vectors.interval_sets;
  data?: number[];
  data_from?: string;
  expected_values?: number[];
  expected_full_output?: { forecasted_date: string; forecasted_value: number }[];
};
type EscCase = {
  name: string;
  events_this_hour: number;
  forecast: number[];
  date_added: string;
  expected: [boolean, number | null];
};

/** Each of Sentry's forecast vectors (test_escalating_issues_alg.py) and is_escalating cases (test_escalating.py) as
 *  Dexter's port computes them: how many agree exactly. The same cases lib/scoring/escalation.test.ts checks. */
function referenceAgreement(): { forecast: [number, number]; check: [number, number] } {
  const cases = vectors.cases as Case[];
  const start = new Date(vectors.start_time);
  const dataOf = (c: Case) => c.data ?? cases.find((x) => x.name === c.data_from)!.data!;
  let ok = 0,
    n = 0;
  for (const c of cases) {
    if (!c.expected_values && !c.expected_full_output) continue;
    n++;
    const out = issueForecast({ intervals: vectors.interval_sets[c.intervals], counts: dataOf(c) }, start);
    const got = c.expected_full_output
      ? JSON.stringify(out.map((d) => ({ forecasted_date: d.date, forecasted_value: d.value })))
      : JSON.stringify(out.map((d) => d.value));
    if (got === JSON.stringify(c.expected_full_output ?? c.expected_values)) ok++;
  }
  const now = Date.UTC(2026, 11, 6, 10, 30);
  const esc = vectors.is_escalating.cases.filter((c) => 'forecast' in c) as EscCase[];
  let eok = 0;
  for (const c of esc) {
    const madeAt = c.date_added === 'now' ? now : c.date_added === 'now - 1 day' ? now - DAY : now - 15 * DAY;
    const today = forecastFor(c.forecast, madeAt, now);
    const escalating = isEscalating(c.events_this_hour, today);
    if (JSON.stringify([escalating, escalating ? today : null]) === JSON.stringify(c.expected)) eok++;
  }
  return { forecast: [ok, n], check: [eok, esc.length] };
}

/** Dexter's verdict (lib/trends/forecast.ts on the week's hourly counts from the replica's events-stats, as the
 *  background asks them) beside the replica's own implementation of Sentry's rule, for every issue of acme. */
async function replicaAgreement(): Promise<{
  agree: number;
  total: number;
  escalating: number;
  dexterEscalating: number;
  requests: number;
  substatus: number;
  substatusAgree: number;
}> {
  const srv = await startSentryServer({ issueCount: 150 });
  try {
    const client = createSentryClient({
      apiBase: `${srv.url.replace(/\/$/, '')}/api/0`,
      token: srv.tokens.readWrite,
      fetch: globalThis.fetch,
    });
    const org = srv.store.findOrg('acme')!;
    const issues = srv.store.issuesOf(org);
    const now = srv.store.now();
    const start = new Date(midnightOf(now) - 7 * DAY).toISOString().slice(0, 19);
    const end = new Date(now + 1000).toISOString().slice(0, 19);
    const before = srv.requests.length;
    let agree = 0,
      escalating = 0,
      dexterEscalating = 0,
      substatus = 0,
      substatusAgree = 0;
    for (let i = 0; i < issues.length; i += MAX_TOP_EVENTS) {
      const group = issues.slice(i, i + MAX_TOP_EVENTS);
      const counts = await client.hourlyCounts(
        org.slug,
        group.map((g) => g.id),
        { start, end, projects: [...new Set(group.map((g) => g.projectId))] },
      );
      for (const issue of group) {
        const theirs = sentryEscalation(srv.store, issue, now);
        const series = counts[issue.id] ?? [];
        // An issue without events in the week and today: Sentry's placeholder forecast, and no events this hour.
        const ours = series.length
          ? escalation(series, now, issue.firstSeen)
          : { state: issue.firstSeen > now - DAY ? 'young' : 'steady' };
        if (theirs.escalating) escalating++;
        if (ours.state === 'escalating') dexterEscalating++;
        if ((ours.state === 'escalating') === theirs.escalating) agree++;
        // What the replica's API says of the issue, as Sentry would: substatus escalating.
        if (issue.substatus === 'escalating') {
          substatus++;
          if (ours.state === 'escalating') substatusAgree++;
        }
      }
    }
    return {
      agree,
      total: issues.length,
      escalating,
      dexterEscalating,
      requests: srv.requests.length - before,
      substatus,
      substatusAgree,
    };
  } finally {
    await srv.close();
  }
}

export async function benchForecast(): Promise<BenchRow[]> {
  const ref = referenceAgreement();
  const world = await replicaAgreement();
  return [
    {
      name: `forecast vectors of Sentry's test_escalating_issues_alg.py matched exactly (${ref.forecast[0]} of ${ref.forecast[1]})`,
      value: pct(...ref.forecast),
      unit: '%',
      target: '100%',
      ok: ref.forecast[0] === ref.forecast[1],
    },
    {
      name: `is_escalating cases of Sentry's test_escalating.py matched (${ref.check[0]} of ${ref.check[1]})`,
      value: pct(...ref.check),
      unit: '%',
      target: '100%',
      ok: ref.check[0] === ref.check[1],
    },
    {
      name: `Dexter's verdict (events-stats hourly, ${world.requests} requests) = the replica's own Sentry rule, ${world.total} issues of acme (${world.escalating} escalating by the rule, ${world.dexterEscalating} by Dexter)`,
      value: pct(world.agree, world.total),
      unit: '%',
      target: '100%',
      ok: world.agree === world.total,
    },
    {
      name: `issues Sentry's API reports as substatus: escalating that Dexter also finds escalating this hour (${world.substatusAgree} of ${world.substatus})`,
      value: pct(world.substatusAgree, world.substatus),
      unit: '%',
      target: '100%',
      ok: world.substatus > 0 && world.substatusAgree === world.substatus,
    },
  ];
}

// ── (a) Requests per list page view, trend features on vs. off ──────────────────────────────────────────────────────

const TREND_FEATURES = ['list-trends', 'list-sparkline'];

/** In the page: every real row within the view has Dexter's priority chip, and (trends on) its sparkline's trend. */
function rowsInViewDone(trends: boolean): boolean {
  const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
    r.querySelector('[data-test-id="event-issue-header"]'),
  );
  const inView = rows.filter((r) => {
    const b = r.getBoundingClientRect();
    return b.bottom > 0 && b.top < innerHeight;
  });
  if (!inView.length) return false;
  return inView.every((r) => {
    const root = r.querySelector('dexter-row')?.shadowRoot;
    return (
      !!root?.querySelector('[data-slot="list-priority"] .chip') &&
      (!trends || !!root.querySelector('[data-slot="list-sparkline"] .spark[data-trend]'))
    );
  });
}

/** Waits until the world has had no request for `quietMs` (Dexter's follow-ups of a view have all gone out). */
async function settled(world: World, quietMs = 1500, maxMs = 20_000): Promise<void> {
  const until = Date.now() + maxMs;
  let n = world.sentry.requests.length;
  let since = Date.now();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    if (world.sentry.requests.length !== n) {
      n = world.sentry.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}

/** Endpoint of an API request, for the row names: `releases`, `events-stats`, `issues` … */
const endpoint = (r: RequestRecord) =>
  /\/api\/0\/organizations\/[^/]+\/([^/?]+)/.exec(r.path)?.[1] ?? r.path.split('?')[0]!;

/** A fresh browser (cold caches), the list viewed twice in new tabs (cold, then warm): the API requests of each view. */
async function listViews(
  world: World,
  url: string,
  trends: boolean,
  readDown: boolean,
): Promise<{ cold: RequestRecord[]; warm: RequestRecord[] }> {
  const b: DexterBrowser = await launchDexter(world);
  try {
    await b.sw.evaluate(
      async (features) => {
        await chrome.storage.local.set({ settings: { features } });
      },
      Object.fromEntries(TREND_FEATURES.map((f) => [f, trends])),
    );
    const view = async () => {
      await settled(world, 500);
      const from = world.sentry.requests.length;
      const page = await b.context.newPage();
      await page.goto(url);
      await page.waitForFunction(rowsInViewDone, trends, { timeout: 30_000, polling: 100 });
      if (readDown) await scrollToEnd(page, trends);
      await settled(world);
      await page.close();
      return world.sentry.requests.slice(from).filter((r) => r.path.includes('/api/'));
    };
    const cold = await view();
    return { cold, warm: await view() };
  } finally {
    await b.context.close().catch(() => {});
  }
}

/** A user reading down the whole list: half a screen at a time, waiting for the rows brought near to be drawn. */
async function scrollToEnd(page: Page, trends: boolean): Promise<void> {
  for (
    let i = 0;
    i < 200 && !(await page.evaluate(() => innerHeight + scrollY >= document.documentElement.scrollHeight - 2));
    i++
  ) {
    await page.evaluate(() => scrollBy(0, innerHeight / 2));
    await page.waitForFunction(rowsInViewDone, trends, { timeout: 15_000, polling: 100 });
  }
}

/** The endpoints only the trend features call: the release list (markers) and Discover's events-stats (the week by the
 *  hour for the forecast). Both views also ask the rows' own data (issues, issues-stats, events): with the trends on
 *  a read-down batches those differently (rows are asked as they come near), so the plain difference of totals mixes
 *  that in; the figure counts the trend endpoints, and the name gives the totals beside it. */
const TREND_ENDPOINTS = new Set(['releases', 'events-stats']);

/** The trend features' requests of a view, counted as above, with the off view of the same kind beside it. */
function trendRequests(on: RequestRecord[], off: RequestRecord[]): number {
  const stats = (rs: RequestRecord[]) => rs.filter((r) => endpoint(r) === 'issues-stats').length;
  return on.filter((r) => TREND_ENDPOINTS.has(endpoint(r))).length + Math.max(0, stats(on) - stats(off));
}

/** `runs` fresh browsers with the trend features on (a read-down batches rows by timing, so its count varies between
 *  runs: the worst is the figure) and one with them off. */
async function requestRows(world: World, what: string, url: string, readDown: boolean, runs = 1): Promise<BenchRow[]> {
  const ons: Awaited<ReturnType<typeof listViews>>[] = [];
  for (let i = 0; i < runs; i++) ons.push(await listViews(world, url, true, readDown));
  const off = await listViews(world, url, false, readDown);
  const offTrend = [...off.cold, ...off.warm].filter((r) => TREND_ENDPOINTS.has(endpoint(r))).length;
  if (offTrend) throw new Error(`${what}: ${offTrend} release/events-stats requests with the trend features off`);
  const by = (rs: RequestRecord[]) => {
    const m = new Map<string, number>();
    for (const r of rs) m.set(endpoint(r), (m.get(endpoint(r)) ?? 0) + 1);
    return [...m].map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  };
  return (['cold', 'warm'] as const).map((k): BenchRow => {
    const counts = ons.map((on) => trendRequests(on[k], off[k]));
    const worst = counts.indexOf(Math.max(...counts));
    const on = ons[worst]![k];
    const runsText = runs > 1 ? `worst of ${runs} runs (${counts.join(', ')}); ` : '';
    const view = k === 'cold' ? 'cold' : 'warm (same list again in a new tab)';
    const target = k === 'cold' ? '≤ 2' : '0';
    return {
      name: `${what}, ${view}: Sentry requests for markers + forecast, ${runsText}on: ${by(on)} | off: ${by(off[k])}; all API requests on − off: ${on.length - off[k].length}`,
      value: counts[worst]!,
      unit: 'requests',
      target,
      ok: k === 'cold' ? counts[worst]! <= 2 : counts[worst] === 0,
    };
  });
}

// ── (c) Time to the map drawn ───────────────────────────────────────────────────────────────────────────────────────

/** Epoch time of the first `dexter:map-drawn` mark after `after` (WorldMap.tsx marks it when it drew the map). */
function mapDrawnAfter(after: number): number | null {
  const m = performance
    .getEntriesByName('dexter:map-drawn')
    .map((e) => performance.timeOrigin + e.startTime)
    .filter((t) => t >= after);
  return m.length ? Math.min(...m) : null;
}

/** Issues of acme whose events have countries (the map has something to draw), the shaped escalating one first. */
function mappedIssues(world: World, n: number): string[] {
  const store = world.sentry.store;
  const all = store.issuesOf(store.findOrg('acme')!);
  const first = all.filter((i) => i.fingerprint === 'trend:escalates-gaps');
  return [
    ...first,
    ...all.filter((i) => !first.includes(i) && (tagValues(store, i, 'geo.country_code') ?? []).length > 0),
  ]
    .slice(0, n)
    .map((i) => i.id);
}

/** Sentry's issue page: click on "Trend and where users are hit" → the map drawn in Dexter's panel (its iframe), and of
 *  that the part before the panel's document started (its time origin). */
async function issuePanelMs(b: DexterBrowser, id: string): Promise<{ total: number; toFrame: number }> {
  const page = await b.context.newPage();
  try {
    await page.goto(`https://acme.sentry.io/issues/${id}/`);
    const button = page.locator('dexter-panel[data-id="trends"] button');
    await button.waitFor({ timeout: 20_000 });
    const clickAt = await page.evaluate(() => {
      const t = performance.timeOrigin + performance.now();
      document.querySelector('dexter-panel[data-id="trends"]')!.shadowRoot!.querySelector('button')!.click();
      return t;
    });
    for (const until = Date.now() + 30_000; Date.now() < until; await page.waitForTimeout(50)) {
      // The trends panel's frame (a deadlock issue's page has the deadlock panel's too).
      const frame = page.frames().find((f) => f.url().includes('/panel.html#view=trends'));
      const at = frame ? await frame.evaluate(mapDrawnAfter, clickAt).catch(() => null) : null;
      if (at) return { total: at - clickAt, toFrame: (await frame!.evaluate(() => performance.timeOrigin)) - clickAt };
    }
    throw new Error(`issue ${id}: the panel drew no map within 30 s`);
  } finally {
    await page.close();
  }
}

/** The Explorer: click on the issue's row → the map drawn in the detail panel. */
async function explorerPanelMs(page: Page, id: string): Promise<number> {
  const clickAt = await page.evaluate((rowId) => {
    const title = document.querySelector<HTMLElement>(`#explorer-row-${rowId} [role="gridcell"]:nth-child(2) > div`);
    if (!title) return null;
    const t = performance.timeOrigin + performance.now();
    title.click();
    return t;
  }, id);
  if (clickAt === null) throw new Error(`issue ${id} is not in the Explorer's table`);
  const at = await page.waitForFunction(mapDrawnAfter, clickAt, { timeout: 30_000, polling: 50 });
  const ms = (await at.jsonValue())! - clickAt;
  await page.getByRole('button', { name: 'Close details' }).click();
  return ms;
}

const ISSUES = 5;

export async function benchTrends(): Promise<BenchRow[]> {
  return withDexter(
    { issueCount: 150 },
    async (b, world) => {
      const rows: BenchRow[] = [];
      rows.push(
        ...(await requestRows(
          world,
          'list page (Sentry’s default 25 rows, rows in view)',
          'https://acme.sentry.io/issues/',
          false,
        )),
      );
      rows.push(
        ...(await requestRows(
          world,
          '100-row list read down to the end',
          'https://acme.sentry.io/issues/?limit=100',
          true,
          3,
        )),
      );

      const ids = mappedIssues(world, ISSUES);
      const opened: { total: number; toFrame: number }[] = [];
      for (const id of ids) opened.push(await issuePanelMs(b, id));
      const again = await issuePanelMs(b, ids[0]!);
      const issue = opened.map((o) => o.total);
      rows.push(
        {
          name: `issue page: click “Trend and where users are hit” → map drawn, first open in the browser (iframe, d3-geo + atlas loaded)`,
          value: round(issue[0]!, 0),
          unit: 'ms',
        },
        {
          name: `issue page: click → map drawn, median of ${ids.length} issues (each one's data cold)`,
          value: round(median(issue), 0),
          unit: 'ms',
        },
        {
          name: `… of which click → the panel's document started (iframe created, extension page navigation), median`,
          value: round(median(opened.map((o) => o.toFrame)), 0),
          unit: 'ms',
        },
        {
          name: `issue page: click → map drawn, slowest of ${ids.length}`,
          value: round(Math.max(...issue), 0),
          unit: 'ms',
        },
        {
          name: 'issue page: click → map drawn, the first issue again (its data cached)',
          value: round(again.total, 0),
          unit: 'ms',
        },
      );

      const page = await openExplorer(b, `is:unresolved issue.id:[${ids.join(',')}]`);
      const explorer: number[] = [];
      for (const id of ids) explorer.push(await explorerPanelMs(page, id));
      const explorerAgain = await explorerPanelMs(page, ids[0]!);
      await page.close();
      rows.push(
        {
          name: 'Explorer: click on the row → map drawn in the detail panel, first (WorldMap chunk loaded)',
          value: round(explorer[0]!, 0),
          unit: 'ms',
        },
        {
          name: `Explorer: click → map drawn, median of ${ids.length} issues`,
          value: round(median(explorer), 0),
          unit: 'ms',
        },
        {
          name: `Explorer: click → map drawn, slowest of ${ids.length}`,
          value: round(Math.max(...explorer), 0),
          unit: 'ms',
        },
        {
          name: 'Explorer: click → map drawn, the first issue again (its data cached)',
          value: round(explorerAgain, 0),
          unit: 'ms',
        },
      );
      return rows;
    },
    600_000,
  );
}
