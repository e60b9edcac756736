// The world's releases, deploys, regressions, tag values and escalation (issue #18): each number agrees with the
// issue's own history, as Sentry's would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryServer, type SentryServer } from './server.ts';
import { DAY, HOUR, type Issue } from './model.ts';
import { sentryEscalation, sentryForecast } from './escalation.ts';
import { tagValues } from './tag-values.ts';
import vectors from '../../fixtures/sentry-source/escalating-issues-alg.json';

let srv: SentryServer;
let get: (path: string) => Promise<any>;
const shaped = (shape: string): Issue =>
  [...srv.store.issues.values()].find((i) => i.fingerprint === `trend:${shape}`)!;

beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 60, seed: 42, rateLimit: { limit: 10_000 } });
  get = async (path) => {
    const res = await fetch(`${srv.url}/api/0/${path}`, {
      headers: { Authorization: `Bearer ${srv.tokens.readWrite}` },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
});
afterAll(() => srv.close());

describe('releases and deploys', () => {
  it('filters the list on the release’s creation, by project, newest first, with the latest deploy', async () => {
    const end = srv.store.clock.end;
    const start = new Date(end - DAY).toISOString().slice(0, 19);
    const list = await get(
      `organizations/acme/releases/?project=4500000001&start=${start}&end=${new Date(end + HOUR).toISOString().slice(0, 19)}`,
    );
    expect(list.map((r: any) => r.version)).toEqual(['api@2.15.1']);
    const r = list[0];
    expect(Date.parse(r.dateCreated)).toBe(end - 2 * HOUR);
    expect(r.lastDeploy.environment).toBe('production');
    expect(Date.parse(r.lastDeploy.dateFinished)).toBe(end - 2 * HOUR + 90 * 60_000);
    const all = await get('organizations/acme/releases/?project=4500000001&per_page=100');
    expect(all).toHaveLength(20);
    expect(all.map((x: any) => Date.parse(x.dateCreated))).toEqual(
      [...all.map((x: any) => Date.parse(x.dateCreated))].sort((a, b) => b - a),
    );
    // The release made three days ago went to production again inside the last day: its lastDeploy says so.
    const again = all.find((x: any) => x.version === 'api@2.15.0');
    expect(Date.parse(again.lastDeploy.dateFinished)).toBe(end - 10 * HOUR);
    expect(again.deployCount).toBe(3);
    expect(await get('organizations/acme/releases/?project=4500000004')).toEqual([]);
  });

  it('serves each release’s deploys, the latest per environment', async () => {
    const deploys = await get(`organizations/acme/releases/${encodeURIComponent('api@2.15.0')}/deploys/`);
    expect(deploys.map((d: any) => d.environment)).toEqual(['production', 'staging']);
  });

  it('gives each issue the release of its first event, and a regression its release', async () => {
    const reg = shaped('regressed');
    const detail = await get(`organizations/acme/issues/${reg.id}/`);
    expect(detail.substatus).toBe('regressed');
    const regression = detail.activity.find((a: any) => a.type === 'set_regression');
    expect(regression.data.version).toBe('api@2.15.1');
    expect(detail.activity.find((a: any) => a.type === 'set_resolved_in_release').data.version).toBe('api@2.14.0');
    expect(detail.firstRelease.version).toMatch(/^api@2\.1[0-3]\./);
    // No event between the resolution and the regression; the regression came after 2.15.1 reached production.
    const resolvedAt = Date.parse(detail.activity.find((a: any) => a.type === 'set_resolved_in_release').dateCreated);
    expect(srv.store.countIn(reg, null, resolvedAt, Date.parse(regression.dateCreated))).toBe(0);
    expect(srv.store.countIn(reg, null, Date.parse(regression.dateCreated), Infinity)).toBeGreaterThan(0);
    const android = [...srv.store.issues.values()].find((i) => i.projectId === '4500000004')!;
    expect((await get(`organizations/acme/issues/${android.id}/`)).firstRelease).toBeNull();
  });

  it('starts the after-deploy issue 12 minutes after the latest production deploy', () => {
    const issue = shaped('after-deploy');
    const deploys = srv.store
      .releasesOf(issue.projectId)
      .flatMap((r) => r.deploys)
      .filter((d) => d.environment === 'production');
    const latest = Math.max(...deploys.map((d) => d.dateFinished));
    expect(issue.firstSeen - latest).toBe(12 * 60_000);
  });
});

describe('tag values', () => {
  it('counts events by country, browser and OS from each user’s events, and Discover’s users per country agree', async () => {
    const issue = shaped('calm-gaps');
    const geo = await get(`organizations/acme/issues/${issue.id}/tags/geo.country_code/`);
    expect(geo.totalValues).toBe(srv.store.countIn(issue, null, -Infinity, Infinity));
    expect(geo.topValues.length).toBeLessThanOrEqual(9);
    const values = await get(`organizations/acme/issues/${issue.id}/tags/geo.country_code/values/?sort=-count`);
    expect(values.reduce((a: number, v: any) => a + v.count, 0)).toBe(geo.totalValues);
    const browser = await get(`organizations/acme/issues/${issue.id}/tags/browser.name/`);
    expect(browser.totalValues).toBe(geo.totalValues);
    const table = await get(
      `organizations/acme/events/?field=geo.country_code&field=count_unique(user)&field=count()&query=issue:${issue.shortId}&statsPeriod=90d`,
    );
    const users = table.data.reduce((a: number, r: any) => a + r['count_unique(user)'], 0);
    expect(users).toBe(srv.store.usersIn(issue, null, srv.store.now() - 90 * DAY, srv.store.now()));
    // Its whole history is inside 90 days: the same events per country as the tag.
    for (const v of values)
      expect(table.data.find((r: any) => r['geo.country_code'] === v.value)['count()']).toBe(v.count);
  });

  it('has no country for an issue whose events carry no user, and no browser on a server project', () => {
    const noUser = [...srv.store.issues.values()].find(
      (i) => i.traffic.series.every((s) => s.userSpan === 0) && i.traffic.singles.length === 0,
    )!;
    expect(tagValues(srv.store, noUser, 'geo.country_code')).toBeNull();
    expect(tagValues(srv.store, shaped('regressed'), 'browser.name')).toBeNull();
  });

  it('counts events per release by when each happened', () => {
    const issue = shaped('regressed');
    const byRelease = tagValues(srv.store, issue, 'release')!;
    expect(byRelease.reduce((a, v) => a + v.count, 0)).toBe(srv.store.countIn(issue, null, -Infinity, Infinity));
    expect(byRelease.map((v) => v.value)).toContain('api@2.15.1');
  });
});

describe('escalation', () => {
  it('is Sentry’s forecast: the vectors of its own tests', () => {
    const start = Date.parse(vectors.start_time);
    for (const c of vectors.cases as {
      name: string;
      intervals: keyof typeof vectors.interval_sets;
      data?: number[];
      data_from?: string;
      expected_values?: number[];
    }[]) {
      if (!c.expected_values?.length) continue;
      const data =
        c.data ?? (vectors.cases as { name: string; data?: number[] }[]).find((x) => x.name === c.data_from)!.data!;
      // The tests pass their lists as they are (zeros included), as generate_issue_forecast gets them.
      const hours = vectors.interval_sets[c.intervals].map((t, i) => ({ start: Date.parse(t), count: data[i]! }));
      expect(sentryForecast(hours, start), c.name).toBe(c.expected_values[0]);
    }
  });

  it('escalates two of the four shaped issues, and says so with a set_escalating activity', async () => {
    const at = srv.store.clock.end;
    for (const [shape, escalates] of [
      ['escalates-steady', true],
      ['calm-steady', false],
      ['calm-gaps', false],
      ['escalates-gaps', true],
    ] as const) {
      const issue = shaped(shape);
      const s = sentryEscalation(srv.store, issue, at);
      expect(s.escalating, shape).toBe(escalates);
      expect(issue.substatus, shape).toBe(escalates ? 'escalating' : 'archived_until_escalating');
      if (escalates)
        expect(
          (await get(`organizations/acme/issues/${issue.id}/`)).activity.find((a: any) => a.type === 'set_escalating')
            .data.forecast,
        ).toBe(s.forecast);
    }
    // The week of steady hours takes the weighted average rule; the week with empty hours ten times its busiest hour.
    expect(sentryEscalation(srv.store, shaped('calm-gaps'), at).forecast).toBe(90);
    expect(sentryEscalation(srv.store, shaped('escalates-gaps'), at).forecast).toBe(40);
  });

  it('serves hourly counts per issue (events-stats top events), zero-filled, summing to the issue’s events', async () => {
    const a = shaped('escalates-steady');
    const b = shaped('calm-gaps');
    const end = srv.store.clock.end;
    const start = Math.floor(end / HOUR) * HOUR - 48 * HOUR;
    const q = `interval=1h&yAxis=count()&field=issue.id&field=count()&topEvents=10&excludeOther=1&start=${new Date(start).toISOString()}&end=${new Date(end + 1000).toISOString()}&query=${encodeURIComponent(`issue.id:[${a.id},${b.id}]`)}`;
    const body = await get(`organizations/acme/events-stats/?${q}`);
    expect(Object.keys(body).sort()).toEqual([a.id, b.id].sort());
    const series = body[a.id].data as [number, { count: number }[]][];
    expect(series).toHaveLength(49);
    expect(series[0]![0]).toBe(start / 1000);
    expect(series.reduce((s, [, [c]]) => s + c!.count, 0)).toBe(srv.store.countIn(a, null, start, end + 1000));
    expect(series.at(-1)![1][0]!.count).toBe(400);
    const none = await get(`organizations/acme/events-stats/?${q.replace(/query=[^&]+/, 'query=issue.id%3A1')}`);
    expect(Array.isArray(none.data)).toBe(true);
    const tooMany = await fetch(
      `${srv.url}/api/0/organizations/acme/events-stats/?${q.replace('topEvents=10', 'topEvents=11')}`,
      { headers: { Authorization: `Bearer ${srv.tokens.readWrite}` } },
    );
    expect(tooMany.status).toBe(400);
  });
});
