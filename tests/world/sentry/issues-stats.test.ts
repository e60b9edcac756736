// GET organizations/{org}/issues-stats/: the second request of Sentry's issue list (notes/sentry-spa.md §1.4).
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readSentryFixture } from '../../fixtures/sentry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from './model.ts';
import { startSentryServer, type SentryServer } from './server.ts';

let srv: SentryServer;
const NOW = Date.UTC(2026, 1, 17, 15, 30);
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 150, seed: 31, now: () => NOW, rateLimit: { limit: 100_000 } });
});
afterAll(() => srv.close());

async function get(p: string) {
  const res = await fetch(srv.url + p, { headers: { Authorization: `Bearer ${srv.tokens.readOnly}` } });
  return { res, status: res.status, body: await res.json() };
}
const stats = (q: string) => get(`/api/0/organizations/acme/issues-stats/?${q}`);
const groups = (ids: string[]) => ids.map((id) => `groups=${id}`).join('&');

describe('issues-stats', () => {
  it("answers the numbers of the list page's rows for the same window, environments and query", async () => {
    const page = (
      await get(
        '/api/0/organizations/acme/issues/?limit=25&statsPeriod=14d&environment=production&query=level:error&collapse=stats&collapse=unhandled&expand=owners&expand=inbox&shortIdLookup=1',
      )
    ).body;
    const ids = page.map((g: any) => g.id);
    expect(page[0].count).toBeUndefined();
    const items = (await stats(`statsPeriod=14d&environment=production&query=level:error&${groups(ids)}`)).body;
    const full = (
      await get(`/api/0/organizations/acme/issues/?limit=25&statsPeriod=14d&environment=production&query=level:error`)
    ).body;
    expect(items.map((i: any) => i.id).sort()).toEqual([...ids].sort());
    for (const item of items) {
      const row = full.find((g: any) => g.id === item.id);
      for (const key of ['count', 'userCount', 'firstSeen', 'lastSeen', 'isUnhandled', 'stats', 'lifetime', 'filtered'])
        expect(item[key], `${item.id} ${key}`).toEqual(row[key]);
      // collapse defaults to ["base"]: nothing but the numbers.
      expect(Object.keys(item).sort()).toEqual([
        'count',
        'filtered',
        'firstSeen',
        'id',
        'isUnhandled',
        'lastSeen',
        'lifetime',
        'stats',
        'userCount',
      ]);
    }
  });

  it("counts the window: 24h differs from 14d for a busy issue, and the numbers are the store's", async () => {
    const issue = srv.store
      .issuesOf(srv.store.findOrg('acme')!)
      .find((i) => srv.store.countIn(i, null, NOW - 14 * DAY, NOW - DAY) > 10)!;
    const [day] = (await stats(`statsPeriod=24h&groups=${issue.id}`)).body;
    const [fortnight] = (await stats(`statsPeriod=14d&groups=${issue.id}`)).body;
    expect(day.count).toBe(String(srv.store.countIn(issue, null, NOW - DAY, NOW)));
    expect(fortnight.count).toBe(String(srv.store.countIn(issue, null, NOW - 14 * DAY, NOW)));
    expect(fortnight.userCount).toBe(srv.store.usersIn(issue, null, NOW - 14 * DAY, NOW));
    expect(day.lifetime.count).toBe(fortnight.lifetime.count);
  });

  it("gives filtered with the query's event conditions, null for the default query", async () => {
    const issue = srv.store.issuesOf(srv.store.findOrg('acme')!).find((i) => i.level === 'error')!;
    expect((await stats(`statsPeriod=14d&groups=${issue.id}`)).body[0].filtered).toBeNull();
    const [g] = (await stats(`statsPeriod=14d&query=level:fatal&groups=${issue.id}`)).body;
    expect(g.filtered).toMatchObject({
      count: '0',
      userCount: 0,
      firstSeen: null,
      lastSeen: null,
      stats: { '24h': expect.any(Array) },
    });
    expect(Number(g.count)).toBeGreaterThanOrEqual(0);
  });

  it('refuses what Sentry refuses, with its messages', async () => {
    const ids = srv.store.issuesOf(srv.store.findOrg('acme')!).map((i) => i.id);
    expect((await stats('statsPeriod=14d')).body).toEqual({
      detail: 'You should include `groups` with your request. (i.e. groups=1,2,3)',
    });
    expect((await stats('groups=1,2')).body).toEqual({ detail: 'Group ids must be integers' });
    expect((await stats('groups=1&groups=2')).body).toEqual({ detail: 'No matching groups found' });
    const many = await stats(groups(ids.slice(0, 101)));
    expect([many.status, many.body]).toEqual([400, { detail: 'Too many groups requested.' }]);
    expect((await stats(groups(ids.slice(0, 100)))).body).toHaveLength(100);
    expect((await stats(`groupStatsPeriod=7d&groups=${ids[0]}`)).body).toEqual({
      detail: "Invalid stats_period. Valid choices are '', '24h', '14d' and 'auto'",
    });
    expect((await stats(`environment=nowhere&groups=${ids[0]}`)).status).toBe(404);
  });

  it("items fit the issue schema's fields that apply (the endpoint is private, so openapi.json has no entry)", async () => {
    const spec = readSentryFixture('openapi.json') as any;
    const list =
      spec.paths['/api/0/organizations/{organization_id_or_slug}/issues/'].get.responses['200'].content[
        'application/json'
      ].schema;
    const item = structuredClone(list.items);
    const fields = [
      'id',
      'count',
      'userCount',
      'firstSeen',
      'lastSeen',
      'isUnhandled',
      'stats',
      'lifetime',
      'filtered',
    ];
    item.properties = Object.fromEntries(Object.entries(item.properties).filter(([k]) => fields.includes(k)));
    item.required = fields.filter((k) => k in item.properties);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile({ type: 'array', items: item });
    const ids = srv.store
      .issuesOf(srv.store.findOrg('acme')!)
      .slice(0, 30)
      .map((i) => i.id);
    for (const q of [
      'statsPeriod=14d',
      'statsPeriod=24h&query=level:error&groupStatsPeriod=auto',
      'environment=staging&groupStatsPeriod=14d',
    ]) {
      const { body } = await stats(`${q}&${groups(ids)}`);
      expect(validate(body), `${q}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(item.required.length).toBeGreaterThanOrEqual(5);
    expect(validate([{ id: 1, count: 5 }])).toBe(false);
  });
});
