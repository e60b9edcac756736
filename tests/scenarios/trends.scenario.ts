// Issue #18 on Sentry's issue list, on both row layouts: release and deploy ticks sit on each row's sparkline where the
// replica's releases and deploys happened (the row's own project, inside its graph's day), "escalating" shows exactly
// where Sentry's rule (the world's own implementation, at this hour) says so, beside Sentry's own substatus, an issue
// that began 12 minutes after a deploy says so, and the hover card draws today's forecast as a line with its number.
import { readDown } from '../e2e/read-down';
import { sentryEscalation } from '../world/sentry/escalation';
import { lastDeploy } from '../world/sentry/releases';
import type { Issue } from '../world/sentry/model';
import { check, checkEqual, setToken, type Driver, type Scenario } from './driver';

const HOUR = 3_600_000;
const SHAPES = ['escalates-steady', 'calm-steady', 'calm-gaps', 'escalates-gaps', 'after-deploy', 'regressed'];

interface RowRead {
  id: string;
  ticks: { kind: string; x: number; title: string }[];
  chips: string[];
}

/** Every real row's ticks (kind, x, tooltip) and trend chips, once each row's trend is in. */
function readRows(): RowRead[] | null {
  const rows = [...document.querySelectorAll('[data-test-id="group"]')].filter((r) =>
    r.querySelector('[data-test-id="event-issue-header"]'),
  );
  if (!rows.length) return null;
  const out: RowRead[] = [];
  for (const r of rows) {
    const root = r.querySelector<HTMLElement>('dexter-row')?.shadowRoot;
    const svg = root?.querySelector('[data-slot="list-sparkline"] svg');
    // The trend is in when the sparkline says so (its ticks and the chips come from the same answer).
    if (!root || !svg || !root.querySelector('[data-slot="list-sparkline"] .spark[data-trend]')) return null;
    svg.dispatchEvent(new PointerEvent('pointerenter')); // as a user's pointer: the tooltips are written on the first one
    out.push({
      id: (r.querySelector('dexter-row') as HTMLElement).dataset.issueId!,
      ticks: [...svg.querySelectorAll('.tick')].map((t) => ({
        kind: t.classList.contains('tick-deploy') ? 'deploy' : 'release',
        x: Number((t as SVGElement).dataset.x),
        title: t.querySelector('title')?.textContent ?? '',
      })),
      chips: [...root.querySelectorAll('[data-slot="list-trends"] .chip')].map((c) => c.textContent ?? ''),
    });
  }
  return out;
}

/** The ticks a row should have: its project's releases (at their release date) and latest deploys inside its 24 hourly
 *  buckets, where components/sparkline.ts draws those times (96 px wide). */
function expectedTicks(
  d: Driver,
  issue: Issue,
  now: number,
): { kind: string; x: number; version: string; environment: string | null }[] {
  const hour = Math.floor(now / HOUR) * HOUR;
  const from = hour - 23 * HOUR;
  const x = (at: number) => Math.min(95, Math.max(1, 1 + ((at - from) / HOUR) * (94 / 23)));
  const out = [];
  for (const r of d.world.sentry.store.releasesOf(issue.projectId)) {
    const released = r.dateReleased ?? r.dateCreated;
    if (released >= from && released < now)
      out.push({ kind: 'release', x: x(released), version: r.version, environment: null });
    const deploy = lastDeploy(r);
    if (deploy && deploy.dateFinished >= from && deploy.dateFinished < now)
      out.push({ kind: 'deploy', x: x(deploy.dateFinished), version: r.version, environment: deploy.environment });
  }
  return out.sort((a, b) => a.x - b.x || a.kind.localeCompare(b.kind));
}

const listScenarios: Scenario[] = (['table', 'div'] as const).map((layout): Scenario => ({
  name: `release and deploy ticks, escalation and the after-deploy chip match the replica’s data (${layout} rows)`,
  async run(d) {
    await setToken(d, d.world.sentry.tokens.readWrite);
    const store = d.world.sentry.store;
    const shaped = (s: string) => [...store.issues.values()].find((i) => i.fingerprint === `trend:${s}`)!;
    // The shaped issues and a few generated ones of every project (android sends no release).
    const others = ['4500000001', '4500000002', '4500000003', '4500000004'].map((p) =>
      [...store.issues.values()].find((i) => i.projectId === p && !i.fingerprint.startsWith('trend:'))!,
    );
    const ids = [...SHAPES.map((s) => shaped(s).id), ...others.map((i) => i.id)];
    const page = await d.page(
      `https://acme.sentry.io/issues/?query=${encodeURIComponent(`issue.id:[${ids.join(',')}]`)}&limit=25${layout === 'div' ? '&layout=div' : ''}`,
    );
    let rows: RowRead[] | null = null;
    for (const until = Date.now() + 30_000; !rows;) {
      check(Date.now() < until, `${layout}: timed out waiting for every row's trend`);
      await page.evaluate(readDown, null);
      rows = await page.evaluate(readRows, null);
    }
    checkEqual(rows.map((r) => r.id).sort(), [...ids].sort(), `${layout}: the rows`);
    const now = Date.now();
    let ticks = 0;
    for (const r of rows) {
      const issue = store.issues.get(r.id)!;
      const want = expectedTicks(d, issue, now);
      checkEqual(
        r.ticks.map((t) => t.kind),
        want.map((t) => t.kind),
        `${layout}: ${issue.shortId}'s ticks`,
      );
      r.ticks.forEach((t, i) => {
        check(
          Math.abs(t.x - want[i]!.x) < 0.05,
          `${layout}: ${issue.shortId}: ${t.kind} tick at x=${t.x}, the replica's ${want[i]!.version} is at ${want[i]!.x.toFixed(2)}`,
        );
        check(
          t.title.includes(want[i]!.version) && (!want[i]!.environment || t.title.includes(want[i]!.environment!)),
          `${layout}: ${issue.shortId}: tick says “${t.title}”`,
        );
      });
      ticks += r.ticks.length;
      // Escalating exactly where Sentry's rule says so at this hour; Sentry's own state beside it.
      const world = sentryEscalation(store, issue, now);
      const escalates = world.escalating && !world.young;
      check(
        r.chips.some((c) => c.startsWith('⇡ escalating')) === escalates,
        `${layout}: ${issue.shortId}: chips ${JSON.stringify(r.chips)}, Sentry's rule says ${escalates ? '' : 'not '}escalating (${world.thisHour} this hour, forecast ${world.forecast})`,
      );
      if (escalates && issue.substatus === 'escalating')
        check(
          r.chips.includes('⇡ escalating · Sentry too'),
          `${layout}: ${issue.shortId}: Sentry's own state is not shown`,
        );
    }
    check(ticks >= 6, `${layout}: only ${ticks} ticks drawn`);
    check(rows.find((r) => r.id === others[3]!.id)!.ticks.length === 0, `${layout}: android (no releases) has ticks`);
    checkEqual(
      rows.find((r) => r.id === shaped('after-deploy').id)!.chips,
      ['12 min after deploy 2.15.1'],
      `${layout}: the after-deploy issue's chips`,
    );

    // The hover card: the week by the hour and today's forecast as a line, with Sentry's rule's number.
    const issue = shaped('escalates-steady');
    const forecast = await page.waitFor(
      (id) => {
        const host = document.querySelector(`dexter-row[data-issue-id="${id}"]`);
        const wrap = host?.shadowRoot?.querySelector('[data-slot="list-sparkline"] .spark');
        wrap?.dispatchEvent(new PointerEvent('pointerenter'));
        const label = host?.shadowRoot?.querySelector('.trend-card .forecast-label')?.textContent ?? '';
        const bars = host?.shadowRoot?.querySelectorAll('.trend-card svg .tick').length ?? 0;
        // The week's chart has more than the row's 24 buckets of ticks to show: wait for it (trends.issue).
        return /forecast/.test(label) && bars >= 3 ? label : null;
      },
      issue.id,
      { what: 'the hover card with the week and its forecast' },
    );
    checkEqual(
      forecast,
      `forecast ${sentryEscalation(store, issue, Date.now()).forecast.toLocaleString('en-US')}/h`,
      `${layout}: the hover card's forecast`,
    );
    await page.close();
  },
}));

/** The Explorer's rows: each sparkline's ticks (kind, x, tooltip) and whether Dexter marks it escalating, once every
 *  asked row's trend is in. */
function readExplorer(ids: string[]): { id: string; ticks: RowRead['ticks']; escalation: string }[] | null {
  const out = [];
  for (const id of ids) {
    const cell = document.querySelector(`#explorer-row-${id} [data-escalation]`);
    const svg = cell?.querySelector('svg');
    if (!cell || !svg) return null;
    out.push({
      id,
      ticks: [...svg.querySelectorAll('.tick')].map((t) => ({
        kind: t.classList.contains('tick-deploy') ? 'deploy' : 'release',
        x: Number((t as SVGElement).dataset.x),
        title: t.querySelector('title')?.textContent ?? '',
      })),
      escalation: cell.getAttribute('data-escalation') ?? '',
    });
  }
  return out;
}

const explorerScenario: Scenario = {
  name: 'the Explorer’s sparklines: release and deploy ticks and escalation match the replica’s data',
  async run(d) {
    await setToken(d, d.world.sentry.tokens.readWrite);
    const store = d.world.sentry.store;
    const ids = SHAPES.map((s) => [...store.issues.values()].find((i) => i.fingerprint === `trend:${s}`)!.id);
    const android = [...store.issues.values()].find(
      (i) => i.projectId === '4500000004' && !i.fingerprint.startsWith('trend:') && i.status === 'unresolved',
    )!;
    ids.push(android.id);
    const q = `issue.id:[${ids.join(',')}]`;
    const page = await d.extensionPage(
      `explorer.html#${new URLSearchParams({ apiBase: 'https://acme.sentry.io/api/0', org: 'acme', q }).toString()}`,
    );
    const rows = await page.waitFor(readExplorer, ids, {
      what: 'every row’s sparkline and trend in the Explorer',
      timeoutMs: 30_000,
    });
    const now = Date.now();
    let ticks = 0;
    for (const r of rows) {
      const issue = store.issues.get(r.id)!;
      const want = expectedTicks(d, issue, now);
      checkEqual(
        r.ticks.map((t) => t.kind),
        want.map((t) => t.kind),
        `Explorer: ${issue.shortId}'s ticks`,
      );
      r.ticks.forEach((t, i) => {
        check(
          Math.abs(t.x - want[i]!.x) < 0.05,
          `Explorer: ${issue.shortId}: ${t.kind} tick at x=${t.x}, the replica's ${want[i]!.version} is at ${want[i]!.x.toFixed(2)}`,
        );
        check(t.title.includes(want[i]!.version), `Explorer: ${issue.shortId}: tick says “${t.title}”`);
      });
      ticks += r.ticks.length;
      const world = sentryEscalation(store, issue, now);
      const escalates = world.escalating && !world.young;
      check(
        (r.escalation === 'escalating') === escalates,
        `Explorer: ${issue.shortId}: marked ${r.escalation}, Sentry's rule says ${escalates ? '' : 'not '}escalating (${world.thisHour} this hour, forecast ${world.forecast})`,
      );
    }
    check(ticks >= 3, `Explorer: only ${ticks} ticks drawn`);
    check(
      rows.some((r) => r.escalation === 'escalating'),
      'Explorer: no row escalates, so the check above could not fail',
    );
    checkEqual(rows.find((r) => r.id === android.id)!.ticks.length, 0, 'Explorer: android (no releases) ticks');
    await page.close();
  },
};

export const scenarios: Scenario[] = [...listScenarios, explorerScenario];
