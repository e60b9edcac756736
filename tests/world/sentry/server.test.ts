// Semantics of the Sentry test server that Dexter relies on, each checked against the store's own data.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkCursors, parseLinkHeader } from './link.ts';
import { DAY, HOUR, type Issue } from './model.ts';
import { eventsPerUser } from './traffic.ts';
import { startSentryServer, type SentryServer } from './server.ts';

let srv: SentryServer;
const NOW = Date.UTC(2026, 1, 17, 15, 30);
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 250, seed: 11, now: () => NOW, rateLimit: { limit: 100_000 } });
});
afterAll(() => srv.close());

const auth = () => ({ Authorization: `Bearer ${srv.tokens.readWrite}` });
async function get(path: string, headers: Record<string, string> = auth()) {
  const res = await fetch(srv.url + path, { headers });
  const text = await res.text();
  return { res, status: res.status, body: text ? JSON.parse(text) : null };
}
async function put(path: string, body: unknown, headers: Record<string, string> = auth()) {
  const res = await fetch(srv.url + path, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { res, status: res.status, body: text ? JSON.parse(text) : null };
}
/** fetch() may not set Host, so the virtual-host checks use node:http directly. */
function getAs(host: string, path: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    http
      .get(srv.url + path, { headers: { ...auth(), Host: host } }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}
const acme = () => srv.store.findOrg('acme')!;
const ids = (list: { id: string }[]) => list.map((i) => i.id);

describe('issue list', () => {
  it("defaults to Sentry's is:unresolved issue.priority:[high, medium]; an empty query means every status", async () => {
    const def = await get('/api/0/organizations/acme/issues/?limit=100&statsPeriod=90d');
    expect(
      def.body.every((i: { status: string; priority: string }) => i.status === 'unresolved' && i.priority !== 'low'),
    ).toBe(true);
    const all = await get('/api/0/organizations/acme/issues/?limit=100&query=&statsPeriod=90d');
    const statuses = new Set(all.body.map((i: { status: string }) => i.status));
    expect(statuses.size).toBeGreaterThan(1);
    const inWindow = (i: Issue) => srv.store.countIn(i, null, NOW - 90 * DAY, NOW) > 0;
    const expected = srv.store
      .issuesOf(acme())
      .filter((i) => i.status === 'unresolved' && i.priority !== 'low' && inWindow(i)).length;
    expect(Number(def.res.headers.get('x-hits'))).toBe(expected);
    expect(def.res.headers.get('x-max-hits')).toBe('1000');
  });

  it('sorts by last seen, first seen, events and users', async () => {
    const check = async (sort: string, key: (i: any) => number) => {
      const { body } = await get(`/api/0/organizations/acme/issues/?sort=${sort}&limit=100&query=`);
      const values = body.map(key);
      expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
    };
    await check('date', (i) => Date.parse(i.lastSeen));
    await check('new', (i) => Date.parse(i.firstSeen));
    await check('freq', (i) => Number(i.count));
    await check('user', (i) => i.userCount);
  });

  it('walks every page with the Link cursors and reaches each issue exactly once', async () => {
    const seen: string[] = [];
    let path = '/api/0/organizations/acme/issues/?query=&limit=25&statsPeriod=90d';
    for (let pages = 0; pages < 50; pages++) {
      const { res, body } = await get(path);
      seen.push(...ids(body));
      const link = res.headers.get('link')!;
      expect(link).toMatch(
        /^<http:\/\/127\.0\.0\.1:\d+\/api\/0\/organizations\/acme\/issues\/\?query=&limit=25&statsPeriod=90d&cursor=[\d]+:\d+:1>; rel="previous"; results="(true|false)"; cursor="[\d]+:\d+:1", <.*>; rel="next"; results="(true|false)"; cursor="\d+:\d+:0"$/,
      );
      const next = linkCursors(link).next;
      if (!next) break;
      path = parseLinkHeader(link)
        .find((p) => p.rel === 'next')!
        .url.replace(srv.url, '');
    }
    const all = srv.store.issuesOf(acme()).map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...all].sort());
  });

  it('paginates backwards with the previous cursor to the same first page', async () => {
    const first = await get('/api/0/organizations/acme/issues/?query=&limit=10');
    const nextUrl = parseLinkHeader(first.res.headers.get('link')!).find((p) => p.rel === 'next')!.url;
    const second = await get(nextUrl.replace(srv.url, ''));
    const prev = parseLinkHeader(second.res.headers.get('link')!).find((p) => p.rel === 'previous')!;
    expect(prev.results).toBe(true);
    const back = await get(prev.url.replace(srv.url, ''));
    expect(ids(back.body)).toEqual(ids(first.body));
  });

  it('returns exactly the issues named by repeated group= ids in one request, with no Link header', async () => {
    const wanted = srv.store
      .issuesOf(acme())
      .slice(3, 9)
      .map((i) => i.id);
    const before = srv.requests.length;
    const { res, body } = await get(
      `/api/0/organizations/acme/issues/?${wanted.map((id) => `group=${id}`).join('&')}&query=is:resolved`,
    );
    expect(srv.requests.length - before).toBe(1);
    expect(ids(body).sort()).toEqual([...wanted].sort());
    expect(res.headers.get('link')).toBeNull();
    expect((await get('/api/0/organizations/acme/issues/?group=abc')).body).toEqual({
      detail: 'Group ids must be integers',
    });
  });

  it('gives 24 hourly or 14 daily buckets that add up to the store counts, and none for an empty period', async () => {
    const issue = srv.store.issuesOf(acme()).find((i) => i.status === 'unresolved')!;
    const hourly = (await get(`/api/0/organizations/acme/issues/?group=${issue.id}&groupStatsPeriod=24h`)).body[0]
      .stats['24h'];
    expect(hourly).toHaveLength(24);
    expect(hourly[23][0]).toBe(Math.floor(NOW / HOUR) * 3600);
    expect(hourly[1][0] - hourly[0][0]).toBe(3600);
    const dayStart = Math.floor(NOW / HOUR) * HOUR - 23 * HOUR;
    expect(hourly.reduce((a: number, b: number[]) => a + (b[1] ?? 0), 0)).toBe(
      srv.store.countIn(issue, null, dayStart, NOW + HOUR),
    );
    const daily = (await get(`/api/0/organizations/acme/issues/?group=${issue.id}&groupStatsPeriod=14d`)).body[0].stats[
      '14d'
    ];
    expect(daily).toHaveLength(14);
    expect(daily[1][0] - daily[0][0]).toBe(86_400);
    const none = (await get(`/api/0/organizations/acme/issues/?group=${issue.id}&groupStatsPeriod=`)).body[0];
    expect(none.stats).toBeUndefined();
    expect((await get('/api/0/organizations/acme/issues/?groupStatsPeriod=1h')).status).toBe(400);
  });

  it('filters by level, negation, issue.id and free text', async () => {
    const fatal = (await get('/api/0/organizations/acme/issues/?query=level:fatal&limit=100')).body;
    expect(fatal.length).toBeGreaterThan(0);
    expect(fatal.every((i: { level: string }) => i.level === 'fatal')).toBe(true);
    const notError = (await get('/api/0/organizations/acme/issues/?query=!level:error&limit=100')).body;
    expect(notError.some((i: { level: string }) => i.level === 'error')).toBe(false);
    const two = srv.store
      .issuesOf(acme())
      .slice(0, 2)
      .map((i) => i.id);
    expect(ids((await get(`/api/0/organizations/acme/issues/?query=issue.id:[${two.join(',')}]`)).body).sort()).toEqual(
      two.sort(),
    );
    const deadlocks = (await get('/api/0/organizations/acme/issues/?query=deadlock&limit=100')).body;
    expect(deadlocks.length).toBeGreaterThanOrEqual(2);
    expect(deadlocks.every((i: { title: string; culprit: string }) => /deadlock/i.test(i.title + i.culprit))).toBe(
      true,
    );
  });
});

describe('bulk updates', () => {
  it('resolves issues, persists it in later lists, and answers 204 when nothing matches', async () => {
    const targets = srv.store
      .issuesOf(acme())
      .filter((i) => i.status === 'unresolved')
      .slice(0, 3)
      .map((i) => i.id);
    const r = await put(`/api/0/organizations/acme/issues/?${targets.map((id) => `id=${id}`).join('&')}`, {
      status: 'resolved',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'resolved', statusDetails: {} });
    const unresolved = ids(
      (await get(`/api/0/organizations/acme/issues/?${targets.map((id) => `group=${id}`).join('&')}`)).body.filter(
        (i: { status: string }) => i.status === 'unresolved',
      ),
    );
    expect(unresolved).toEqual([]);
    const list = ids(
      (await get('/api/0/organizations/acme/issues/?limit=100&statsPeriod=90d&query=is:unresolved')).body,
    );
    expect(list.filter((id) => targets.includes(id))).toEqual([]);
    expect((await put('/api/0/organizations/acme/issues/?id=999999', { status: 'resolved' })).status).toBe(204);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `id=${i + 1}`).join('&');
    expect((await put(`/api/0/organizations/acme/issues/?${tooMany}`, { status: 'resolved' })).status).toBe(400);
    expect((await put(`/api/0/organizations/acme/issues/?id=${targets[0]}`, { status: 'bogus' })).body).toEqual({
      status: ['"bogus" is not a valid choice.'],
    });
  });
});

describe('auth', () => {
  it('answers 401 for missing or unknown tokens and 403 for a missing scope', async () => {
    expect((await get('/api/0/organizations/', {})).body).toEqual({
      detail: 'Authentication credentials were not provided.',
    });
    const bad = await get('/api/0/organizations/', { Authorization: 'Bearer nope' });
    expect([bad.status, bad.body]).toEqual([401, { detail: 'Invalid token' }]);
    const noOrg = await get('/api/0/organizations/', { Authorization: `Bearer ${srv.tokens.noOrg}` });
    expect([noOrg.status, noOrg.body]).toEqual([403, { detail: 'You do not have permission to perform this action.' }]);
    const id = srv.store.issuesOf(acme())[0]!.id;
    expect(
      (
        await put(
          `/api/0/organizations/acme/issues/?id=${id}`,
          { status: 'resolved' },
          { Authorization: `Bearer ${srv.tokens.readOnly}` },
        )
      ).status,
    ).toBe(403);
    expect(
      (await get(`/api/0/organizations/acme/issues/${id}/`, { Authorization: `Bearer ${srv.tokens.readOnly}` })).status,
    ).toBe(200);
  });

  it('accepts the session cookie for reads and needs X-CSRFToken matching the sc cookie for writes', async () => {
    const s = srv.store.createSession();
    const id = srv.store.issuesOf(acme())[1]!.id;
    const read = await get(`/api/0/organizations/acme/issues/${id}/`, { Cookie: s.cookie });
    expect(read.status).toBe(200);
    expect(srv.requests.at(-1)?.auth).toBe('cookie');
    const noCsrf = await put(`/api/0/organizations/acme/issues/${id}/`, { status: 'resolved' }, { Cookie: s.cookie });
    expect([noCsrf.status, noCsrf.body.detail]).toEqual([403, 'CSRF Failed: CSRF token missing.']);
    const wrong = await put(
      `/api/0/organizations/acme/issues/${id}/`,
      { status: 'resolved' },
      { Cookie: s.cookie, 'X-CSRFToken': 'x' },
    );
    expect(wrong.status).toBe(403);
    const ok = await put(
      `/api/0/organizations/acme/issues/${id}/`,
      { status: 'resolved' },
      { Cookie: s.cookie, 'X-CSRFToken': s.sc },
    );
    expect([ok.status, ok.body.status]).toEqual([200, 'resolved']);
    expect((await get('/api/0/organizations/', { Cookie: 'sentrysid=forged' })).status).toBe(401);
  });
});

describe('rate limits and faults', () => {
  it('sends the X-Sentry-Rate-Limit-* headers on every response and 429s past the window', async () => {
    const limited = await startSentryServer({ issueCount: 10, rateLimit: { limit: 3, windowSec: 60 } });
    try {
      const h = { Authorization: `Bearer ${limited.tokens.readOnly}` };
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i < 5; i++) {
        last = await fetch(`${limited.url}/api/0/organizations/`, { headers: h });
        statuses.push(last.status);
        expect(last.headers.get('x-sentry-rate-limit-limit')).toBe('3');
        expect(Number(last.headers.get('x-sentry-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
        expect(last.headers.get('x-sentry-rate-limit-concurrentlimit')).toBe('25');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(last!.headers.get('x-sentry-rate-limit-remaining')).toBe('0');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await last!.json()).toEqual({
        detail: 'You are attempting to use this endpoint too frequently. Limit is 3 requests in 60 seconds',
      });
      // The window is per caller: another token is not limited.
      expect(
        (
          await fetch(`${limited.url}/api/0/organizations/`, {
            headers: { Authorization: `Bearer ${limited.tokens.readWrite}` },
          })
        ).status,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('plays each fault once for a matching path, then serves normally', async () => {
    const path = `/api/0/organizations/acme/issues/${srv.store.issuesOf(acme())[0]!.id}/`;
    const expectations: [string, (r: Response) => Promise<void>][] = [
      [
        '500',
        async (r) => {
          expect(r.status).toBe(500);
          expect((await r.json()).detail).toBe('Internal Error');
        },
      ],
      [
        '502',
        async (r) => {
          expect(r.status).toBe(502);
          expect(r.headers.get('content-type')).toContain('text/html');
        },
      ],
      [
        '401',
        async (r) => {
          expect([r.status, await r.json()]).toEqual([401, { detail: 'Invalid token' }]);
        },
      ],
      [
        '404',
        async (r) => {
          expect(r.status).toBe(404);
        },
      ],
      [
        '429',
        async (r) => {
          expect(r.status).toBe(429);
          expect(r.headers.get('retry-after')).toBe('2');
        },
      ],
      [
        'malformed',
        async (r) => {
          expect(r.status).toBe(200);
          await expect(r.json()).rejects.toThrow();
        },
      ],
      [
        'slow',
        async (r) => {
          expect(r.status).toBe(200);
        },
      ],
    ];
    for (const [kind, check] of expectations) {
      srv.setFault({ kind: kind as never, pathPrefix: path, count: 1, delayMs: 1_500 });
      await check(await fetch(srv.url + path, { headers: auth() }));
      expect((await fetch(srv.url + path, { headers: auth() })).status).toBe(200);
    }
    srv.setFault({ kind: 'slow', pathPrefix: path, count: 1, delayMs: 300 });
    const started = Date.now();
    await fetch(srv.url + path, { headers: auth() });
    expect(srv.requests.at(-1)!.ms).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    srv.setFault({ kind: 'cut', pathPrefix: path, count: 1 });
    await expect(fetch(srv.url + path, { headers: auth() }).then((r) => r.text())).rejects.toThrow();
    srv.setFault({ kind: '500', pathPrefix: '/api/0/organizations/kaffeehaus/' });
    expect((await fetch(srv.url + path, { headers: auth() })).status).toBe(200);
    srv.setFault(null);
  });
});

describe('hosts, details and Discover', () => {
  it('routes {org}.sentry.io and region hosts to the same API, with links like sentry.io', async () => {
    const r = await getAs('acme.sentry.io', '/api/0/organizations/acme/');
    expect(r.body.links).toEqual({ organizationUrl: 'https://acme.sentry.io', regionUrl: 'https://us.sentry.io' });
    const de = await getAs('de.sentry.io', '/api/0/organizations/kaffeehaus/');
    expect(de.body.links.regionUrl).toBe('https://de.sentry.io');
    expect(srv.requests.at(-1)?.host).toBe('de.sentry.io');
    const issue = srv.store.issuesOf(acme())[0]!;
    const list = await getAs('acme.sentry.io', `/api/0/organizations/acme/issues/?group=${issue.id}`);
    expect(list.body[0].permalink).toBe(`https://acme.sentry.io/issues/${issue.id}/`);
  });

  it('serves the deadlock text in the latest event of the deadlock issues', async () => {
    const deadlock = srv.store.issuesOf(acme()).filter((i) => /deadlock detected/.test(i.title));
    expect(deadlock.length).toBeGreaterThanOrEqual(2);
    const event = (await get(`/api/0/organizations/acme/issues/${deadlock[0]!.id}/events/latest/`)).body;
    const exception = event.entries.find((e: { type: string }) => e.type === 'exception').data.values[0];
    expect(exception.value).toMatch(/deadlock detected[\s\S]*waits for ShareLock on transaction/);
    expect(event.context.pg_error).toContain('Process');
  });

  it('counts a project user base consistent with its issues in Discover', async () => {
    const project = srv.store.findProject(acme(), 'api')!;
    const { body } = await get(
      `/api/0/organizations/acme/events/?field=count_unique(user)&field=count()&project=${project.id}&statsPeriod=24h`,
    );
    const inDay = srv.store
      .issuesOf(acme())
      .filter((i) => i.projectId === project.id && srv.store.countIn(i, null, NOW - 24 * HOUR, NOW) > 0);
    // Every event's user, by walking each issue's per-user event counts: an oracle apart from the run merging.
    const users = new Set(
      inDay.flatMap((i) => [...eventsPerUser(srv.store.clock, i.traffic, null, NOW - 24 * HOUR, NOW).keys()]),
    );
    expect(body.data[0]['count_unique(user)']).toBe(users.size);
    expect(body.data[0]['count()']).toBe(
      inDay.reduce((a, i) => a + srv.store.countIn(i, null, NOW - 24 * HOUR, NOW), 0),
    );
    expect(users.size).toBeLessThanOrEqual(project.userBase.length);
  });

  it('stores comments and counts them on the issue', async () => {
    const id = srv.store.issuesOf(acme())[2]!.id;
    const post = await fetch(`${srv.url}/api/0/organizations/acme/issues/${id}/comments/`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Looking into it' }),
    });
    expect(post.status).toBe(201);
    expect(await post.json()).toMatchObject({ type: 'note', data: { text: 'Looking into it' } });
    expect((await get(`/api/0/organizations/acme/issues/${id}/comments/`)).body[0].data.text).toBe('Looking into it');
    expect((await get(`/api/0/organizations/acme/issues/${id}/`)).body.numComments).toBe(1);
  });
});
