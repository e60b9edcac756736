// Issue #18's panels: on Sentry's issue page (Dexter's panel in its iframe) and in the Explorer's detail panel, the
// world map is drawn and the list under it has the replica's numbers — users per country as Discover counts them over
// 90 days and events per country as the geo.country_code tag counts them — and the trend says what the issue itself
// says (first seen in, regressed in) and escalates exactly where Sentry's rule does.
import { sentryEscalation } from '../world/sentry/escalation';
import type { Issue } from '../world/sentry/model';
import { tagValues } from '../world/sentry/tag-values';
import { userRuns } from '../world/sentry/traffic';
import { userTags } from '../world/sentry/user-tags';
import { check, checkEqual, setToken, type Driver, type DriverFrame, type Scenario } from './driver';

type Row = [code: string, users: string, events: string];

/** The replica's rows: by users (90 days, Discover), then events (the tag, all time), as Dexter sorts them. */
function expectedCountries(d: Driver, issue: Issue): Row[] {
  const store = d.world.sentry.store;
  const base = store.projectById(issue.projectId)!.userBase;
  const now = Date.now();
  const users = new Map<string, number>();
  for (const [a, b] of userRuns(store.clock, issue.traffic, null, now - 90 * 86_400_000, now)) {
    for (let u = a; u < b; u++) {
      const c = userTags(base[u]!, issue.platform).country;
      users.set(c, (users.get(c) ?? 0) + 1);
    }
  }
  const events = new Map((tagValues(store, issue, 'geo.country_code') ?? []).map((v) => [v.value, v.count]));
  const codes = [...new Set([...events.keys(), ...users.keys()])];
  codes.sort(
    (a, b) =>
      (users.get(b) ?? 0) - (users.get(a) ?? 0) || (events.get(b) ?? 0) - (events.get(a) ?? 0) || a.localeCompare(b),
  );
  return codes
    .slice(0, 12)
    .map((c) => [c, (users.get(c) ?? 0).toLocaleString('en-US'), (events.get(c) ?? 0).toLocaleString('en-US')]);
}

/** In a Dexter page or frame: the map's shaded countries and the list's rows once both are there. */
function readWhere(): { shaded: number; rows: Row[]; state: string | null; chips: string[] } | null {
  const map = document.querySelector('[data-section="where"] svg.dexter-map[data-drawn]');
  const state = document.querySelector('[data-section="trend"] [data-state]');
  if (!map || !state) return null;
  const rows = [...document.querySelectorAll('[data-countries] tbody tr')].map((tr): Row => {
    const td = [...tr.querySelectorAll('td')].map((x) => x.textContent ?? '');
    return [tr.getAttribute('data-code') ?? '', td[1] ?? '', td[3] ?? ''];
  });
  return {
    shaded: Number(map.getAttribute('data-drawn')),
    rows,
    state: state.getAttribute('data-state'),
    chips: [...document.querySelectorAll('[data-section="trend"] [data-chip]')].map((c) => c.textContent ?? ''),
  };
}

async function checkPanel(d: Driver, where: DriverFrame, issue: Issue, what: string): Promise<void> {
  const shown = await where.waitFor(readWhere, null, { what: `${what}: the map and the trend`, timeoutMs: 20_000 });
  const want = expectedCountries(d, issue);
  checkEqual(shown.rows, want, `${what}: the countries under the map`);
  check(
    shown.shaded === Math.min(12, want.length) || shown.shaded >= want.length,
    `${what}: ${shown.shaded} countries shaded for ${want.length}`,
  );
  const world = sentryEscalation(d.world.sentry.store, issue, Date.now());
  checkEqual(
    shown.state,
    world.escalating ? 'escalating' : 'steady',
    `${what}: the escalation state (Sentry's rule: ${world.thisHour} this hour, forecast ${world.forecast})`,
  );
  check(
    shown.chips.some((c) => /^first seen in \d/.test(c)),
    `${what}: no “first seen in” chip: ${JSON.stringify(shown.chips)}`,
  );
}

const shaped = (d: Driver, s: string) =>
  [...d.world.sentry.store.issues.values()].find((i) => i.fingerprint === `trend:${s}`)!;

export const scenarios: Scenario[] = [
  {
    name: 'the issue page’s panel: the map and its list have the replica’s users and events by country, and the trend its chips',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const issue = shaped(d, 'escalates-gaps');
      const page = await d.page(`https://acme.sentry.io/issues/${issue.id}/`);
      await page.click('button :text=Trend and where users are hit');
      await checkPanel(d, await page.frame(d.extensionUrl('panel.html')), issue, 'issue page');
      await page.close();
      // A regressed issue says in which release; an issue without users has no map, and says so.
      const reg = shaped(d, 'regressed');
      const again = await d.page(`https://acme.sentry.io/issues/${reg.id}/`);
      await again.click('button :text=Trend and where users are hit');
      const frame = await again.frame(d.extensionUrl('panel.html'));
      const chips = await frame.waitFor(
        () => {
          const c = [...document.querySelectorAll('[data-section="trend"] [data-chip]')].map(
            (x) => x.textContent ?? '',
          );
          return c.length ? c : null;
        },
        null,
        { what: 'the regressed issue’s chips' },
      );
      check(chips.includes('regressed in 2.15.1'), `chips: ${JSON.stringify(chips)}`);
      await again.close();
    },
  },
  {
    name: 'the Explorer’s detail panel: the same map and numbers for an issue opened from the table',
    async run(d) {
      await setToken(d, d.world.sentry.tokens.readWrite);
      const issue = shaped(d, 'escalates-gaps');
      const page = await d.extensionPage(
        `explorer.html#apiBase=${encodeURIComponent('https://acme.sentry.io/api/0')}&org=acme&q=${encodeURIComponent('is:unresolved 913')}`,
      );
      await page.waitFor(
        (id) => {
          const title = document.querySelector(
            `#explorer-row-${id} [role="gridcell"]:nth-child(2) > div`,
          ) as HTMLElement | null;
          title?.click();
          return document.querySelector('[aria-label="Issue details"]') ? true : null;
        },
        issue.id,
        { what: 'the detail panel of the issue' },
      );
      await checkPanel(d, page, issue, 'Explorer');
      await page.close();
    },
  },
];
