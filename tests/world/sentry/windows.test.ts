// Which window and environments each number of the issue API covers, as on sentry.io (notes/sentry-spa.md §1.2–1.7):
// every expectation is computed from the world's events for that window, never from what the server sent elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, type Issue } from './model.ts';
import { startSentryServer, type SentryServer } from './server.ts';
import { eventsPerUser, type Envs } from './traffic.ts';

let srv: SentryServer;
const NOW = Date.UTC(2026, 1, 17, 15, 30);
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 200, seed: 23, now: () => NOW, rateLimit: { limit: 100_000 } });
});
afterAll(() => srv.close());

async function get(path: string) {
  const res = await fetch(srv.url + path, { headers: { Authorization: `Bearer ${srv.tokens.readOnly}` } });
  const text = await res.text();
  return { res, status: res.status, body: text.startsWith('[') || text.startsWith('{') ? JSON.parse(text) : text };
}
const acme = () => srv.store.findOrg('acme')!;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
/** The seen stats of the events of [from, to) in envs, straight from the store. */
function expected(issue: Issue, envs: Envs, from: number, to: number) {
  const s = srv.store;
  return {
    count: String(s.countIn(issue, envs, from, to)),
    userCount: s.usersIn(issue, envs, from, to),
    firstSeen: iso(s.edgeIn(issue, envs, from, to, 'first')),
    lastSeen: iso(s.edgeIn(issue, envs, from, to, 'last')),
  };
}
const pick = (g: any) => ({ count: g.count, userCount: g.userCount, firstSeen: g.firstSeen, lastSeen: g.lastSeen });
/** An unresolved high/medium issue with events in both environments, old enough that windows differ. */
function twoEnvIssue(): Issue {
  return srv.store
    .issuesOf(acme())
    .find(
      (i) =>
        i.status === 'unresolved' &&
        i.priority !== 'low' &&
        i.traffic.series.length === 2 &&
        srv.store.countIn(i, ['staging'], NOW - DAY, NOW) > 0 &&
        i.firstSeen < NOW - 30 * DAY,
    )!;
}
describe('list numbers cover the request window and environments', () => {
  it('has such an issue to look at', () => {
    expect(twoEnvIssue()).toBeTruthy();
  });

  it("count/userCount/firstSeen/lastSeen are the window's: 24h, 14d, and 90d when no window is asked", async () => {
    const issue = twoEnvIssue();
    for (const [param, from] of [
      ['&statsPeriod=24h', NOW - DAY],
      ['&statsPeriod=14d', NOW - 14 * DAY],
      ['', NOW - 90 * DAY],
    ] as const) {
      const [g] = (await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}${param}`)).body;
      expect(pick(g), param || 'default').toEqual(expected(issue, null, from, NOW));
      expect(typeof g.count).toBe('string');
    }
    const day = (await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&statsPeriod=24h`)).body[0];
    const fortnight = (await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&statsPeriod=14d`))
      .body[0];
    expect(Number(day.count)).toBeLessThan(Number(fortnight.count));
  });

  it('start and end (UTC, with or without Z) bound the window; both are required and must be ordered', async () => {
    const issue = twoEnvIssue();
    const start = NOW - 5 * DAY - 3 * HOUR - 17 * 60_000;
    const end = NOW - 2 * DAY + 11 * 60_000;
    const plain = (t: number) => new Date(t).toISOString().slice(0, 19);
    const [g] = (
      await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&start=${plain(start)}&end=${plain(end)}`)
    ).body;
    expect(pick(g)).toEqual(expected(issue, null, start, end));
    expect((await get(`/api/0/organizations/acme/issues/?start=${plain(start)}`)).body).toEqual({
      detail: 'start and end are both required',
    });
    expect((await get(`/api/0/organizations/acme/issues/?start=${plain(end)}&end=${plain(start)}`)).body).toEqual({
      detail: 'start must be before end',
    });
  });

  it('environment (repeatable) filters count, users, seen times and stats; an unknown one is a 404', async () => {
    const issue = twoEnvIssue();
    const one = (
      await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&statsPeriod=14d&environment=staging`)
    ).body[0];
    expect(pick(one)).toEqual(expected(issue, ['staging'], NOW - 14 * DAY, NOW));
    const both = (
      await get(
        `/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&statsPeriod=14d&environment=staging&environment=production`,
      )
    ).body[0];
    expect(pick(both)).toEqual(expected(issue, null, NOW - 14 * DAY, NOW));
    const hourly = one.stats['24h'] as [number, number][];
    expect(hourly.reduce((a, [, n]) => a + n, 0)).toBe(
      srv.store.countIn(issue, ['staging'], Math.floor((NOW - 23 * HOUR) / HOUR) * HOUR, NOW),
    );
    expect((await get('/api/0/organizations/acme/issues/?environment=nowhere')).status).toBe(404);
  });

  it("ignores the query's tag filters in the top-level numbers and puts them in `filtered`", async () => {
    const issue = twoEnvIssue();
    const plain = (await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&statsPeriod=14d`)).body[0];
    const narrowed = (
      await get(
        `/api/0/organizations/acme/issues/?query=${encodeURIComponent(`issue.id:${issue.id} environment:staging`)}&statsPeriod=14d`,
      )
    ).body[0];
    expect(pick(narrowed)).toEqual(pick(plain));
    expect({ ...narrowed.filtered, stats: undefined }).toEqual({
      ...expected(issue, ['staging'], NOW - 14 * DAY, NOW),
      stats: undefined,
    });
    expect(Object.keys(narrowed.filtered.stats)).toEqual(['24h']);
    expect(Number(narrowed.filtered.count)).toBeLessThan(Number(narrowed.count));
  });

  it('answers filtered: null for queries of skipped keys only, an object for event filters, no key with collapse=filtered', async () => {
    const filteredOf = async (query: string, extra = '') =>
      (
        await get(
          `/api/0/organizations/acme/issues/?limit=5&statsPeriod=14d&query=${encodeURIComponent(query)}${extra}`,
        )
      ).body[0]?.filtered;
    for (const q of [
      'is:unresolved issue.priority:[high, medium]',
      'is:unresolved',
      'lastSeen:-30d',
      'age:-400d',
      'timesSeen:>1',
      'is:unresolved firstRelease:x',
    ]) {
      const g = (await get(`/api/0/organizations/acme/issues/?limit=5&statsPeriod=14d&query=${encodeURIComponent(q)}`))
        .body[0];
      if (g) expect(g.filtered, q).toBeNull();
    }
    expect((await get('/api/0/organizations/acme/issues/?limit=1&statsPeriod=14d')).body[0].filtered).toBeNull();
    for (const q of ['level:error', 'environment:production', 'Error'])
      expect(await filteredOf(q), q).toMatchObject({ count: expect.any(String), stats: { '24h': expect.any(Array) } });
    const collapsed = (
      await get('/api/0/organizations/acme/issues/?limit=1&statsPeriod=14d&query=level:error&collapse=filtered')
    ).body[0];
    expect('filtered' in collapsed).toBe(false);
  });

  it('lifetime has no time bound: count is every event of every environment, userCount still follows the environment', async () => {
    const issue = twoEnvIssue();
    const g = (
      await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}&statsPeriod=24h&environment=staging`)
    ).body[0];
    expect(g.lifetime.count).toBe(String(srv.store.countIn(issue, null, -Infinity, Infinity)));
    expect(g.lifetime.userCount).toBe(srv.store.usersIn(issue, ['staging'], NOW - 90 * DAY, Infinity));
    expect(g.lifetime.firstSeen).toBe(iso(srv.store.edgeIn(issue, ['staging'], -Infinity, Infinity, 'first')));
    expect(g.lifetime.stats).toBeNull();
    expect(Number(g.lifetime.count)).toBeGreaterThan(Number(g.count));
  });

  it('collapse=stats drops the numbers, stats, lifetime and filtered; collapse=unhandled drops isUnhandled', async () => {
    const g = (
      await get(
        '/api/0/organizations/acme/issues/?limit=1&statsPeriod=14d&query=level:error&collapse=stats&collapse=unhandled&expand=owners&expand=inbox',
      )
    ).body[0];
    for (const key of ['count', 'userCount', 'firstSeen', 'lastSeen', 'stats', 'lifetime', 'filtered', 'isUnhandled'])
      expect(key in g, key).toBe(false);
    expect(g).toMatchObject({ id: expect.any(String), title: expect.any(String), owners: null });
    expect('inbox' in g).toBe(true);
  });

  it("keys stats by groupStatsPeriod: 24 hours, 14 days, auto at Sentry's rollup for the window, none for ''", async () => {
    const issue = twoEnvIssue();
    const stats = async (q: string) =>
      (await get(`/api/0/organizations/acme/issues/?query=issue.id:${issue.id}${q}`)).body[0].stats;
    expect(Object.keys(await stats('&statsPeriod=14d'))).toEqual(['24h']);
    expect((await stats('&groupStatsPeriod=14d'))['14d']).toHaveLength(14);
    const auto = (await stats('&groupStatsPeriod=auto&statsPeriod=7d')).auto as [number, number][];
    // 7 days = 168h: < 174h → 6-hour buckets, walked back from now while >= the window's start.
    expect(auto[1]![0] - auto[0]![0]).toBe(6 * 3600);
    expect(auto.at(-1)![0]).toBe(Math.floor(NOW / (6 * HOUR)) * 6 * 3600);
    expect(auto.reduce((a, [, n]) => a + n, 0)).toBe(
      srv.store.countIn(issue, null, auto[0]![0] * 1000, auto.at(-1)![0] * 1000 + 6 * HOUR),
    );
    const short = (await stats('&groupStatsPeriod=auto&statsPeriod=6h')).auto as [number, number][];
    expect(short[1]![0] - short[0]![0]).toBe(Math.floor((6 * 3600) / 29));
    expect(await stats('&groupStatsPeriod=')).toBeUndefined();
    expect((await get('/api/0/organizations/acme/issues/?groupStatsPeriod=7d')).body).toEqual({
      detail: "Invalid stats_period. Valid choices are '', '24h', '14d' and 'auto'",
    });
  });

  it("sorts by the window's aggregates: freq by events, user by users, date by the last event in the window", async () => {
    const check = async (sort: string, key: (g: any) => number) => {
      const { body } = await get(
        `/api/0/organizations/acme/issues/?sort=${sort}&limit=100&query=&statsPeriod=24h&environment=production`,
      );
      const values = body.map(key);
      expect(values, sort).toEqual([...values].sort((a: number, b: number) => b - a));
    };
    await check('freq', (g) => Number(g.count));
    await check('user', (g) => g.userCount);
    await check('date', (g) => Date.parse(g.lastSeen));
  });

  it('lists only issues with an event in the window and environments', async () => {
    const { body, res } = await get(
      '/api/0/organizations/acme/issues/?limit=100&query=&statsPeriod=24h&environment=staging',
    );
    const want = srv.store.issuesOf(acme()).filter((i) => srv.store.countIn(i, ['staging'], NOW - DAY, NOW) > 0);
    expect(Number(res.headers.get('x-hits'))).toBe(want.length);
    expect(body.every((g: any) => Number(g.count) > 0)).toBe(true);
  });
});

describe('lookups answer lifetime numbers', () => {
  it('group= ignores the window and the query: count is every event, lifetime equals the top level, filtered is null', async () => {
    const issue = twoEnvIssue();
    const [g] = (await get(`/api/0/organizations/acme/issues/?group=${issue.id}&statsPeriod=24h&query=level:error`))
      .body;
    expect(g.count).toBe(String(srv.store.countIn(issue, null, -Infinity, Infinity)));
    expect(g.userCount).toBe(srv.store.usersIn(issue, null, NOW - 90 * DAY, Infinity));
    expect(g.firstSeen).toBe(iso(issue.firstSeen));
    expect({ ...g.lifetime, stats: undefined }).toEqual({ ...pick(g), stats: undefined });
    expect(g.filtered).toBeNull();
    const staging = (await get(`/api/0/organizations/acme/issues/?group=${issue.id}&environment=staging`)).body[0];
    expect(staging.count).toBe(g.count);
    expect(staging.userCount).toBe(srv.store.usersIn(issue, ['staging'], NOW - 90 * DAY, Infinity));
  });

  it('a short-id direct hit is lifetime too, with X-Sentry-Direct-Hit', async () => {
    const issue = twoEnvIssue();
    const { res, body } = await get(
      `/api/0/organizations/acme/issues/?query=${issue.shortId}&shortIdLookup=1&statsPeriod=24h`,
    );
    expect(res.headers.get('x-sentry-direct-hit')).toBe('1');
    expect(body[0].count).toBe(String(srv.store.countIn(issue, null, -Infinity, Infinity)));
  });

  it('the issue endpoint: count of every environment, users of the asked ones over 90 days, stats 24h + 30d unless collapsed', async () => {
    const issue = twoEnvIssue();
    const g = (await get(`/api/0/organizations/acme/issues/${issue.id}/?environment=production`)).body;
    expect(g.count).toBe(String(srv.store.countIn(issue, null, -Infinity, Infinity)));
    expect(g.userCount).toBe(srv.store.usersIn(issue, ['production'], NOW - 90 * DAY, Infinity));
    expect(Object.keys(g.stats)).toEqual(['24h', '30d']);
    expect(g.stats['30d']).toHaveLength(30);
    const lean = (
      await get(`/api/0/organizations/acme/issues/${issue.id}/?collapse=stats&collapse=tags&collapse=release`)
    ).body;
    for (const key of ['stats', 'tags', 'firstRelease', 'lastRelease']) expect(key in lean, key).toBe(false);
  });
});

describe('Discover agrees with the issues', () => {
  it("a project's count_unique(user) for a window and environment covers every issue's users there", async () => {
    const project = srv.store.findProject(acme(), 'api')!;
    for (const [env, period, days] of [
      ['production', '24h', 1],
      ['staging', '14d', 14],
      [null, '90d', 90],
    ] as const) {
      const q = `field=count_unique(user)&dataset=errors&project=${project.id}&statsPeriod=${period}${env ? `&environment=${env}` : ''}`;
      const total = (await get(`/api/0/organizations/acme/events/?${q}`)).body.data[0]['count_unique(user)'];
      const envs = env ? [env] : null;
      const issues = srv.store.issuesOf(acme()).filter((i) => i.projectId === project.id);
      const users = new Set(
        issues.flatMap((i) => [...eventsPerUser(srv.store.clock, i.traffic, envs, NOW - days * DAY, NOW).keys()]),
      );
      expect(total, `${env} ${period}`).toBe(users.size);
      for (const i of issues) expect(srv.store.usersIn(i, envs, NOW - days * DAY, NOW)).toBeLessThanOrEqual(total);
    }
  });
});

describe('pagination headers', () => {
  it('sends previous and next both ways: previous has no results on page 1 and a real cursor after it', async () => {
    const first = await get('/api/0/organizations/acme/issues/?query=&limit=20&statsPeriod=14d');
    const link = first.res.headers.get('link')!;
    expect(link).toMatch(/rel="previous"; results="false"; cursor="\d+:0:1"/);
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(link)![1]!;
    const second = await get(next.replace(srv.url, ''));
    const prev = /<([^>]+)>; rel="previous"; results="(true|false)"; cursor="([^"]+)"/.exec(
      second.res.headers.get('link')!,
    )!;
    expect(prev[2]).toBe('true');
    expect(prev[3]).toMatch(/^\d+:\d+:1$/);
    const back = await get(prev[1]!.replace(srv.url, ''));
    expect(back.body.map((g: any) => g.id)).toEqual(first.body.map((g: any) => g.id));
    expect(second.res.headers.get('x-max-hits')).toBe('1000');
  });

  it('caps X-Hits at X-Max-Hits, and at the rows returned when one page holds them all', async () => {
    const big = await startSentryServer({ issueCount: 1500, seed: 3, now: () => NOW, rateLimit: { limit: 100_000 } });
    try {
      const res = await fetch(`${big.url}/api/0/organizations/acme/issues/?query=&limit=10`, {
        headers: { Authorization: `Bearer ${big.tokens.readOnly}` },
      });
      expect([res.headers.get('x-hits'), res.headers.get('x-max-hits')]).toEqual(['1000', '1000']);
    } finally {
      await big.close();
    }
    const few = await get('/api/0/organizations/acme/issues/?query=level:fatal&limit=100&statsPeriod=14d');
    expect(Number(few.res.headers.get('x-hits'))).toBe(few.body.length);
  });
});
