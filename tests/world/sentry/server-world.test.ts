// The server's non-API sides: replica pages fed from the same store, SDK events through /envelope/ and /store/,
// and a large world (10,000 issues) that still pages correctly.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from './fixtures.ts';
import { startSentryServer, type SentryServer } from './server.ts';

let srv: SentryServer;
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 80, seed: 5, rateLimit: { limit: 100_000 } });
});
afterAll(() => srv.close());

function getAs(host: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(srv.url + path, { headers: { Host: host } }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

describe('replica pages', () => {
  it('renders the issue list with the issues the API lists first', async () => {
    const api = await fetch(`${srv.url}/api/0/organizations/acme/issues/?limit=5`, {
      headers: { Authorization: `Bearer ${srv.tokens.readOnly}` },
    });
    const first = (await api.json()) as { id: string; shortId: string }[];
    const page = await getAs('sentry.io', '/organizations/acme/issues/');
    expect(page.status).toBe(200);
    for (const issue of first) expect(page.text).toContain(issue.shortId);
  });

  it('renders an issue page on the org subdomain and 404s for an unknown issue', async () => {
    const issue = srv.store.issuesOf(srv.store.findOrg('acme')!)[0]!;
    const page = await getAs('acme.sentry.io', `/issues/${issue.id}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(issue.shortId);
    expect((await getAs('acme.sentry.io', '/issues/1/')).status).toBe(404);
  });

  it('lets a custom page handler answer first', async () => {
    srv.setPageHandler((_req, res, ctx) => {
      if (ctx.url.pathname !== '/custom/') return false;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`hello ${ctx.hostname}`);
      return true;
    });
    expect((await getAs('sentry.io', '/custom/')).text).toBe('hello sentry.io');
    srv.setPageHandler(null);
  });
});

describe('SDK events', () => {
  it('groups a Python SDK event from an envelope into a new issue, then the same event into the same issue', async () => {
    const api = srv.store.findProject(srv.store.findOrg('acme')!, 'api')!;
    const event = readFixture('sentry-samples/python-modern.ingest.json');
    const before = srv.store.issues.size;
    const envelope = (id: string) =>
      [
        JSON.stringify({ event_id: id }),
        JSON.stringify({ type: 'event' }),
        JSON.stringify({ ...event, event_id: id }),
      ].join('\n');
    const send = (id: string) => fetch(`${srv.url}/api/${api.id}/envelope/`, { method: 'POST', body: envelope(id) });
    const first = await send('a'.repeat(32));
    expect([first.status, await first.json()]).toEqual([200, { id: 'a'.repeat(32) }]);
    expect(srv.store.issues.size).toBe(before + 1);
    await send('b'.repeat(32));
    expect(srv.store.issues.size).toBe(before + 1);
    const issue = [...srv.store.issues.values()].at(-1)!;
    expect(issue.events.map((e) => e.eventID)).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(issue.substatus).toBe('new');
    // A new error group is high priority (no Seer severity score), so the default list query shows it.
    expect([issue.level, issue.priority]).toEqual(['error', 'high']);
    const listed = await fetch(`${srv.url}/api/0/organizations/acme/issues/?group=${issue.id}`, {
      headers: { Authorization: `Bearer ${srv.tokens.readOnly}` },
    });
    expect(((await listed.json()) as { count: string }[])[0]?.count).toBe('2');
    expect((await fetch(`${srv.url}/api/999/store/`, { method: 'POST', body: '{}' })).status).toBe(403);
  });
});

describe('a large world', () => {
  it('builds 10,000 issues per org and pages through one project with every issue once', async () => {
    const big = await startSentryServer({ issueCount: 10_000, seed: 1, rateLimit: { limit: 100_000 } });
    try {
      const acme = big.store.findOrg('acme')!;
      expect(big.store.issuesOf(acme)).toHaveLength(10_000);
      const project = big.store.findProject(acme, 'payments')!;
      const seen = new Set<string>();
      let url: string | null =
        `${big.url}/api/0/organizations/acme/issues/?project=${project.id}&query=&limit=100&sort=freq`;
      while (url) {
        const res: Response = await fetch(url, { headers: { Authorization: `Bearer ${big.tokens.readOnly}` } });
        for (const i of (await res.json()) as { id: string }[]) seen.add(i.id);
        const next = /<([^>]+)>; rel="next"; results="true"/.exec(res.headers.get('link') ?? '');
        url = next?.[1] ?? null;
      }
      expect(seen.size).toBe(big.store.issuesOf(acme).filter((i) => i.projectId === project.id).length);
    } finally {
      await big.close();
    }
  }, 120_000);
});
