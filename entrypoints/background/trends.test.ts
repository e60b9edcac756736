// Issue #18's handlers against the Sentry-compatible test server: real HTTP, the world's releases, deploys,
// escalation and tag values, and how many requests each view costs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryServer, type SentryServer } from '@/tests/world/sentry/server.ts';
import { sentryEscalation } from '@/tests/world/sentry/escalation.ts';
import type { Issue } from '@/tests/world/sentry/model.ts';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { parseMessage, type MessageInputOf } from '@/lib/messages';
import { pageFilters } from '@/lib/sentry/window';
import type { HandlerContext } from './router';
import { createSentryService } from './service';
import { cache } from './service';
import { sentryHandlers } from './sentry';
import { trendHandlers } from './trends';

let srv: SentryServer;
let ctx: HandlerContext;
let target: { apiBase: string; org: string };
const handlers = { ...sentryHandlers, ...trendHandlers };

async function call<T extends keyof typeof handlers>(m: MessageInputOf<T>) {
  const parsed = parseMessage(m);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const handler = handlers[parsed.message.type as T] as unknown as (x: unknown, c: HandlerContext) => Promise<any>;
  return handler(parsed.message, ctx);
}
const requests = (path: string) => srv.requests.filter((r) => r.path.includes(path)).length;
const shaped = (shape: string): Issue =>
  [...srv.store.issues.values()].find((i) => i.fingerprint === `trend:${shape}`)!;

beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 60, rateLimit: { limit: 10_000 } });
  const settings = { ...DEFAULT_SETTINGS, sentry: { ...DEFAULT_SETTINGS.sentry, selfHostedBases: [srv.url] } };
  ctx = { sender: {}, service: createSentryService(settings, { token: srv.tokens.readWrite, sentryUrl: srv.url }) };
  target = { apiBase: `${srv.url}/api/0`, org: 'acme' };
});
afterAll(() => srv?.close());

/** The ids of the first page of acme's list, every status, most recently seen first (as a `query=` page shows). */
function pageIds(n = 25): string[] {
  return [...srv.store.issues.values()]
    .filter((i) => i.orgId === srv.store.findOrg('acme')!.id)
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .slice(0, n)
    .map((i) => i.id);
}

describe('trends.rows', () => {
  it('costs one release list and at most one hourly-counts request for a page, and nothing the second time', async () => {
    await cache.invalidate(() => true);
    const filters = pageFilters('https://acme.sentry.io/issues/?query=');
    const ids = pageIds();
    await call({ type: 'issues.byIds', target, ids, filters });
    const before = {
      releases: requests('/releases/'),
      stats: requests('/events-stats/'),
      issues: requests('/issues-stats/'),
    };
    const a = await call({ type: 'trends.rows', target, ids, filters });
    expect(requests('/releases/') - before.releases).toBe(1);
    expect(requests('/events-stats/') - before.stats).toBeLessThanOrEqual(1);
    expect(requests('/issues-stats/') - before.issues).toBe(0);
    const cold = { releases: requests('/releases/'), stats: requests('/events-stats/') };
    const b = await call({ type: 'trends.rows', target, ids, filters });
    expect([requests('/releases/') - cold.releases, requests('/events-stats/') - cold.stats]).toEqual([0, 0]);
    expect(b.rows).toEqual(a.rows);
    expect(Object.keys(a.rows).sort()).toEqual([...ids].sort());
  });

  it('agrees with Sentry’s rule on the shaped issues, and marks api’s latest release and deploy inside the day', async () => {
    const filters = pageFilters('https://acme.sentry.io/issues/?query=');
    const shapes = ['escalates-steady', 'calm-steady', 'calm-gaps', 'escalates-gaps'];
    const ids = shapes.map((s) => shaped(s).id);
    await call({ type: 'issues.byIds', target, ids, filters });
    const { rows, releases } = await call({ type: 'trends.rows', target, ids, filters });
    expect(releases).toBe('ok');
    const now = Date.now();
    for (const s of shapes) {
      const world = sentryEscalation(srv.store, shaped(s), now);
      const row = rows[shaped(s).id];
      expect(row.escalation.state === 'escalating', s).toBe(world.escalating);
      if (row.escalation.forecast !== null) expect(row.escalation.forecast, s).toBe(world.forecast);
      expect(row.sentry, s).toBe(shaped(s).substatus);
    }
    const api = rows[shaped('escalates-steady').id];
    expect(api.marks.map((m: any) => `${m.kind} ${m.version} ${m.environment ?? ''}`.trim())).toEqual(
      expect.arrayContaining(['release api@2.15.1', 'deploy api@2.15.1 production', 'deploy api@2.15.0 production']),
    );
    for (const m of api.marks) expect(m.at).toBeGreaterThan(now - 25 * 3_600_000);
  });

  it('says the after-deploy issue started 12 minutes after web-frontend’s deploy', async () => {
    const filters = pageFilters('https://acme.sentry.io/issues/');
    const id = shaped('after-deploy').id;
    await call({ type: 'issues.byIds', target, ids: [id], filters });
    const { rows } = await call({ type: 'trends.rows', target, ids: [id], filters });
    expect(rows[id].chips.map((c: any) => c.text)).toEqual(['12 min after deploy 2.15.1']);
  });

  it('draws nothing for a project without releases, and breaks nothing when releases cannot be read', async () => {
    const filters = pageFilters('https://acme.sentry.io/issues/?query=');
    const android = [...srv.store.issues.values()].find((i) => i.projectId === '4500000004')!;
    await call({ type: 'issues.byIds', target, ids: [android.id], filters });
    expect((await call({ type: 'trends.rows', target, ids: [android.id], filters })).releases).toBe('none');
    await cache.invalidate(() => true);
    srv.setFault({ kind: '404', pathPrefix: '/api/0/organizations/acme/releases/' });
    try {
      const id = shaped('calm-steady').id;
      const r = await call({ type: 'trends.rows', target, ids: [id], filters });
      expect(r.releases).toBe('unavailable');
      expect(r.rows[id].marks).toEqual([]);
      expect(r.rows[id].escalation.state).not.toBe('unknown');
    } finally {
      srv.setFault(null);
    }
  });
});

describe('trends.issue and issue.where', () => {
  it('gives the regressed issue its release chips, week and forecast', async () => {
    const issue = shaped('regressed');
    const t = await call({ type: 'trends.issue', target, issueId: issue.id });
    expect(t.chips.map((c: any) => c.text).slice(0, 2)).toEqual([
      expect.stringMatching(/^first seen in 2\.1[0-3]\./),
      'regressed in 2.15.1',
    ]);
    // Its first unusual hour of the week is the regression's, shortly after 2.15.1 reached production (or none, when
    // that hour began before the deploy finished).
    for (const c of t.chips.slice(2)) expect(c.text).toMatch(/^\d+ min after deploy 2\.15\.1$/);
    expect(t.hourly.length).toBeGreaterThanOrEqual(168);
    expect(t.escalation.forecast).toBe(sentryEscalation(srv.store, issue, Date.now()).forecast);
  });

  it('counts events and users per country as the world has them, with browser, OS and release bars', async () => {
    const issue = shaped('calm-gaps');
    const w = await call({ type: 'issue.where', target, issueId: issue.id });
    const events = w.countries.reduce((a: number, c: any) => a + c.events, 0);
    expect(events).toBe(srv.store.countIn(issue, null, -Infinity, Infinity));
    expect(w.usersKnown).toBe(true);
    expect(w.countries.reduce((a: number, c: any) => a + c.users, 0)).toBe(
      srv.store.usersIn(issue, null, Date.now() - 90 * 86_400_000, Date.now()),
    );
    expect(w.breakdowns.map((b: any) => [b.key, b.bars === null])).toEqual([
      ['browser.name', false],
      ['os.name', false],
      ['release', false],
    ]);
    const server = await call({ type: 'issue.where', target, issueId: shaped('regressed').id });
    expect(server.breakdowns.find((b: any) => b.key === 'browser.name').bars).toBeNull();
  });

  it('says there is no country when no event has one', async () => {
    const noUser = [...srv.store.issues.values()].find(
      (i) =>
        i.orgId === srv.store.findOrg('acme')!.id &&
        i.traffic.series.every((s) => s.userSpan === 0) &&
        !i.traffic.singles.length,
    )!;
    expect((await call({ type: 'issue.where', target, issueId: noUser.id })).countries).toBeNull();
  });
});
