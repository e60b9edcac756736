// The client against a fake fetch that answers with real Sentry fixtures and headers.
import { readSentryFixture } from '@/tests/fixtures/sentry';
import { describe, expect, it, vi } from 'vitest';
import { createLimiter } from './ratelimit';
import { createSentryClient, paginate } from './client';
import { SentryError } from './errors';

const fixture = (f: string): any => readSentryFixture(f);
const ISSUE = fixture('openapi-examples/org-issues-list.json')[0];
const API = 'https://acme.sentry.io/api/0';

interface Call {
  url: URL;
  init: RequestInit;
}
type Route = (url: URL, init: RequestInit) => Response | Promise<Response>;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function fakeFetch(route: Route) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    if (init.signal?.aborted) throw init.signal.reason;
    return route(url, init);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const noWait = () => createLimiter({ sleep: async () => {}, random: () => 0 });
const header = (c: Call, name: string) => new Headers(c.init.headers).get(name);

function client(route: Route, over: Partial<Parameters<typeof createSentryClient>[0]> = {}) {
  const f = fakeFetch(route);
  const c = createSentryClient({
    apiBase: API,
    token: 'sntrys_secret',
    fetch: f.fetch,
    timeoutMs: 1000,
    limiter: noWait(),
    onSchemaIssues: () => {},
    ...over,
  });
  return { c, calls: f.calls };
}

describe('Sentry client: reads', () => {
  it('lists issues with the query, stats and pagination it was asked for', async () => {
    const link = `<${API}/organizations/acme/issues/?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <${API}/organizations/acme/issues/?cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`;
    const { c, calls } = client(() => json([ISSUE], 200, { Link: link, 'X-Hits': '321' }));
    const page = await c.listIssues('acme', {
      query: 'is:unresolved',
      groupStatsPeriod: '24h',
      project: [2, 3],
      limit: 100,
    });
    expect(page.issues[0]?.shortId).toBe('PUMP-STATION-1');
    expect(page.issues[0]?.stats?.['24h']).toHaveLength(24);
    expect(page).toMatchObject({ nextCursor: '0:100:0', hits: 321 });
    const u = calls[0]!.url;
    expect(u.pathname).toBe('/api/0/organizations/acme/issues/');
    expect(u.searchParams.getAll('project')).toEqual(['2', '3']);
    expect(u.searchParams.get('query')).toBe('is:unresolved');
    expect(header(calls[0]!, 'Authorization')).toBe('Bearer sntrys_secret');
    expect(calls[0]!.init.credentials).toBe('omit');
  });

  it('fetches 250 issues by id in 3 requests of repeated group= params', async () => {
    const { c, calls } = client((url) => json(url.searchParams.getAll('group').map((id) => ({ ...ISSUE, id }))));
    const ids = Array.from({ length: 250 }, (_, i) => String(1000 + i));
    const issues = await c.getIssuesByIds('acme', [...ids, '1000', 'not-a-number'], '24h');
    expect(calls).toHaveLength(3);
    expect(calls.map((x) => x.url.searchParams.getAll('group').length)).toEqual([100, 100, 50]);
    expect(calls[0]!.url.searchParams.get('groupStatsPeriod')).toBe('24h');
    expect(issues.map((i) => i.id)).toEqual(ids);
  });

  it('asks issues-stats for the page’s numbers, 25 groups a request, with the page’s filters', async () => {
    // Like Sentry: base fields only when collapse is given; the window's count and userCount always.
    const { c, calls } = client((url) =>
      json(
        url.searchParams
          .getAll('groups')
          .map((id) => (url.searchParams.has('collapse') ? { ...ISSUE, id } : { id, count: '5', userCount: 2 })),
      ),
    );
    const ids = Array.from({ length: 60 }, (_, i) => String(2000 + i));
    const filters = {
      window: { statsPeriod: '24h' },
      environments: ['production'],
      projects: ['7'],
      query: 'is:unresolved level:error',
      graph: '14d' as const,
    };
    const stats = await c.getIssueStats('acme', [...ids, 'x'], filters);
    expect(calls.map((x) => x.url.searchParams.getAll('groups').length)).toEqual([25, 25, 10]);
    const q = calls[0]!.url.searchParams;
    expect(calls[0]!.url.pathname).toBe('/api/0/organizations/acme/issues-stats/');
    expect([
      q.get('statsPeriod'),
      q.getAll('environment'),
      q.getAll('project'),
      q.get('query'),
      q.get('groupStatsPeriod'),
      q.get('collapse'),
    ]).toEqual(['24h', ['production'], ['7'], 'is:unresolved level:error', '14d', 'lifetime']);
    expect(stats.map((i) => i.id)).toEqual(ids);
    expect(stats[0]!.title).toBe(ISSUE.title);
    const ranged = client(() => json([{ id: '1' }]));
    expect(
      await ranged.c.getIssueStats('acme', ['1'], {
        ...filters,
        window: { start: '2026-12-01T00:00:00', end: '2026-12-02T00:00:00' },
        projects: [],
        query: null,
      }),
    ).toEqual([{ id: '1' }]);
    const r = ranged.calls[0]!.url.searchParams;
    expect([r.get('start'), r.get('end'), r.getAll('project'), r.has('query'), r.has('statsPeriod')]).toEqual([
      '2026-12-01T00:00:00',
      '2026-12-02T00:00:00',
      ['-1'],
      false,
      false,
    ]);
  });

  it('reads the event, tag values, release, deploys, comments and user count', async () => {
    const routes: Record<string, unknown> = {
      '/api/0/organizations/acme/issues/1/events/latest/': fixture('sentry-mcp/event-javascript-cloudflare.json'),
      '/api/0/organizations/acme/issues/1/tags/url/': fixture('sentry-mcp/issue-tag-details-url.json'),
      '/api/0/organizations/acme/releases/a%40b%2F1/': fixture('sentry-mcp/release-detail.json'),
      '/api/0/organizations/acme/releases/a%40b%2F1/deploys/': fixture('sentry-mcp/release-deploys.json'),
      '/api/0/organizations/acme/issues/1/comments/': [
        { id: '9', type: 'note', data: { text: 'on it' }, dateCreated: '2025-01-01T00:00:00Z' },
      ],
      '/api/0/organizations/acme/events/': {
        data: [{ 'count_unique(user)': 17 }],
        meta: { fields: { 'count_unique(user)': 'integer' } },
      },
    };
    const { c, calls } = client((url) =>
      url.pathname in routes ? json(routes[url.pathname]) : json({ detail: 'nope' }, 404),
    );
    expect((await c.getEvent('acme', '1', 'latest')).entries.map((e) => e.type)).toContain('exception');
    expect((await c.getTagValues('acme', '1', 'url')).topValues[0]?.count).toBe(45);
    expect((await c.getRelease('acme', 'a@b/1')).version).toBeTruthy();
    expect((await c.getDeploys('acme', 'a@b/1'))[0]?.environment).toBe('production');
    expect((await c.listComments('acme', '1'))[0]?.data.text).toBe('on it');
    expect(
      await c.countUsers('acme', 42, { window: { statsPeriod: '14d' }, environments: ['production', 'staging'] }),
    ).toBe(17);
    const discover = calls.at(-1)!.url.searchParams;
    expect([
      discover.get('field'),
      discover.get('project'),
      discover.get('statsPeriod'),
      discover.get('dataset'),
    ]).toEqual(['count_unique(user)', '42', '14d', 'errors']);
    expect(discover.getAll('environment')).toEqual(['production', 'staging']);
    await c.countUsers('acme', 42, {
      window: { start: '2026-12-01T00:00:00', end: '2026-12-02T00:00:00' },
      environments: [],
    });
    const ranged = calls.at(-1)!.url.searchParams;
    expect([ranged.get('start'), ranged.get('end'), ranged.has('statsPeriod'), ranged.has('environment')]).toEqual([
      '2026-12-01T00:00:00',
      '2026-12-02T00:00:00',
      false,
      false,
    ]);
  });

  it('follows Link pages for projects, capped by maxPages', async () => {
    let n = 0;
    const { c, calls } = client((url) => {
      n++;
      const next = `${API}/organizations/acme/projects/?cursor=0:${n * 100}:0`;
      return json([{ id: String(n), slug: `p${n}`, name: `P${n}` }], 200, {
        Link: `<${next}>; rel="next"; results="true"; cursor="0:${n * 100}:0"`,
        'X-Url': url.href,
      });
    });
    const projects = await c.listProjects('acme', { maxPages: 3 });
    expect(projects.map((p) => p.slug)).toEqual(['p1', 'p2', 'p3']);
    expect(calls[2]!.url.searchParams.get('cursor')).toBe('0:200:0');
  });

  it('reads scopes from the API root', async () => {
    const { c, calls } = client(() =>
      json({ version: '0', auth: { scopes: ['org:read', 'project:read', 'event:read'] }, user: { id: '1' } }),
    );
    const info = await c.getAuthInfo();
    expect(calls[0]!.url.pathname).toBe('/api/0/');
    expect(info.scopes).toHaveLength(3);
    expect(info.check?.missingWrites).toEqual(['event:write']);
  });

  it('paginate stops at the last page', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      start: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3], nextCursor: null },
    };
    const fetchPage = vi.fn(async (cursor: string | undefined) => pages[cursor ?? 'start']!);
    expect(await paginate(fetchPage, { maxPages: 5 })).toEqual([1, 2, 3]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});

describe('Sentry client: writes', () => {
  it('chunks 2500 bulk ids into 3 PUTs of ≤1000 and reports 204 as nothing matched', async () => {
    let n = 0;
    // Without a request-line limit, the count alone cuts (request-line.test.ts has the 8 KB one).
    const { c, calls } = client(() => (++n === 3 ? json(null, 204) : json({ status: 'resolved', statusDetails: {} })), {
      maxRequestLine: 1_000_000,
    });
    const ids = Array.from({ length: 2500 }, (_, i) => String(i + 1));
    const results = await c.bulkUpdate('acme', ids, { status: 'resolved' });
    expect(calls).toHaveLength(3);
    expect(calls.map((x) => x.url.searchParams.getAll('id').length)).toEqual([1000, 1000, 500]);
    expect(calls.every((x) => x.init.method === 'PUT' && x.init.body === '{"status":"resolved"}')).toBe(true);
    expect(results.map((r) => r.status)).toEqual([200, 200, 204]);
    expect(results[2]!.result).toBeNull();
  });

  it('posts a comment as {text}', async () => {
    const { c, calls } = client((_u, init) =>
      json({ id: '5', type: 'note', data: JSON.parse(String(init.body)) }, 201),
    );
    const note = await c.addComment('acme', '77', 'Looking into it');
    expect(note.data.text).toBe('Looking into it');
    expect(calls[0]!.url.pathname).toBe('/api/0/organizations/acme/issues/77/comments/');
    expect(calls[0]!.init.method).toBe('POST');
  });

  it('uses cookies and the CSRF token in session mode, never a bearer header', async () => {
    const { c, calls } = client(() => json({ status: 'ignored' }), { token: null, csrfToken: async () => 'csrf123' });
    await c.bulkUpdate('acme', ['1'], { status: 'ignored', substatus: 'archived_forever' });
    await c.getIssuesByIds('acme', ['1']).catch(() => {});
    expect(calls[0]!.init.credentials).toBe('include');
    expect(header(calls[0]!, 'X-CSRFToken')).toBe('csrf123');
    expect(header(calls[0]!, 'Authorization')).toBeNull();
    expect(header(calls[1]!, 'X-CSRFToken')).toBeNull(); // reads need none
  });
});

describe('Sentry client: token guard', () => {
  it('never sends the token to a foreign origin named by a Link header', async () => {
    const { c, calls } = client(() =>
      json([{ id: '1', slug: 'a', name: 'A' }], 200, {
        Link: '<https://evil.example/api/0/organizations/acme/projects/?cursor=x>; rel="next"; results="true"; cursor="x"',
      }),
    );
    const err = await c.listProjects('acme').catch((e) => e);
    expect(err).toBeInstanceOf(SentryError);
    expect(calls).toHaveLength(1);
    expect(calls.every((x) => x.url.origin === 'https://acme.sentry.io')).toBe(true);
  });

  it('keeps caller-supplied names inside the API base', async () => {
    const { c, calls } = client(() => json({ id: '1', slug: 'x', name: 'X' }));
    await c.getOrganization('//evil.example/x');
    await c.getOrganization('https://evil.example');
    expect(calls.map((x) => x.url.origin)).toEqual(['https://acme.sentry.io', 'https://acme.sentry.io']);
    expect(calls[0]!.url.pathname).toBe('/api/0/organizations/%2F%2Fevil.example%2Fx/');
  });
});

describe('Sentry client: every error kind', () => {
  const kindOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: SentryError) => e.kind,
    );

  it('401 → auth, 403 → scope naming the scope, 404 → not-found, 500 → unavailable', async () => {
    for (const [status, kind] of [
      [401, 'auth'],
      [404, 'not-found'],
      [500, 'unavailable'],
    ] as const) {
      const { c } = client(() => json({ detail: 'x' }, status));
      expect(await kindOf(c.getIssue('acme', '1'))).toBe(kind);
    }
    const { c } = client(() => json({ detail: 'You do not have permission to perform this action.' }, 403));
    const err: SentryError = await c.bulkUpdate('acme', ['1'], { status: 'resolved' }).catch((e) => e);
    expect(err.kind).toBe('scope');
    expect(err.missingScopes).toEqual(['event:write']);
    expect(err.detail).toContain('permission');
  });

  it('429 then success on a GET', async () => {
    let n = 0;
    const { c, calls } = client(() =>
      ++n === 1 ? json({ detail: 'slow down' }, 429, { 'Retry-After': '2' }) : json([ISSUE]),
    );
    const page = await c.listIssues('acme');
    expect(page.issues).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });

  it('429 that never lifts → rate-limited with retryAfterMs', async () => {
    const { c, calls } = client(() => json({ detail: 'slow down' }, 429, { 'Retry-After': '12' }), {
      limiter: createLimiter({ sleep: async () => {}, maxRetries: 2 }),
    });
    const err: SentryError = await c.listIssues('acme').catch((e) => e);
    expect(err.kind).toBe('rate-limited');
    expect(err.retryAfterMs).toBe(12_000);
    expect(calls).toHaveLength(3);
  });

  it('a network failure → unavailable, after bounded retries', async () => {
    const { c, calls } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await kindOf(c.getIssue('acme', '1'))).toBe('unavailable');
    expect(calls).toHaveLength(4);
  });

  it('a timeout → unavailable', async () => {
    const hang: Route = (_u, init) =>
      new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const { c } = client(hang, { timeoutMs: 20, limiter: createLimiter({ sleep: async () => {}, maxRetries: 0 }) });
    const err: SentryError = await c.getIssue('acme', '1').catch((e) => e);
    expect(err.kind).toBe('unavailable');
    expect(err.detail).toContain('20 ms');
  });

  it('an aborted signal → cancelled, without retries', async () => {
    const ctrl = new AbortController();
    const hang: Route = (_u, init) =>
      new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const { c, calls } = client(hang);
    const p = c.getIssue('acme', '1', { signal: ctrl.signal });
    await new Promise((r) => setTimeout(r, 5));
    ctrl.abort();
    expect(await kindOf(p)).toBe('cancelled');
    expect(calls).toHaveLength(1);
  });

  it('a schema mismatch → bad-response with the zod issues; lists keep the rows that parsed', async () => {
    const onSchemaIssues = vi.fn();
    const { c } = client(() => json([ISSUE, { id: 2 }]), { onSchemaIssues });
    const page = await c.listIssues('acme');
    expect(page.issues.map((i) => i.id)).toEqual(['1']);
    expect(onSchemaIssues).toHaveBeenCalledWith(
      'listIssues',
      expect.arrayContaining([expect.objectContaining({ path: expect.arrayContaining([1]) })]),
    );
    const { c: c2 } = client(() => json({ title: 'no id' }));
    const err: SentryError = await c2.getIssue('acme', '1').catch((e) => e);
    expect(err.kind).toBe('bad-response');
    expect(err.issues.length).toBeGreaterThan(0);
    expect(err.partial).toEqual({ title: 'no id' });
  });

  it('decodes bodies as text() would (BOM dropped, multi-byte kept) and reports each request’s stages', async () => {
    const event = { id: 'e1', title: 'Ünïcode \u202E ✓ 😀', entries: [], tags: [] };
    const body = '\uFEFF' + JSON.stringify(event);
    const onTiming = vi.fn();
    const { c } = client(() => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }), {
      onTiming,
    });
    const got = await c.getEvent('acme', '1', 'latest');
    expect(got.title).toBe(event.title);
    expect(onTiming).toHaveBeenCalledTimes(1);
    const t = onTiming.mock.calls[0]![0];
    expect(t).toMatchObject({ endpoint: 'getEvent', status: 200, chars: body.length - 1 });
    for (const k of ['queueMs', 'headersMs', 'bodyMs', 'parseMs', 'validateMs']) expect(t[k]).toBeGreaterThanOrEqual(0);
  });
});
