// How the server answers page URLs: the two render modes and their knobs, the session a client-rendered page signs
// the browser in with, event and tab routes, self-hosted host names, and the latency the replica app asks for.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryServer, type SentryServer } from './server.ts';

let srv: SentryServer;
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 40, seed: 9, rateLimit: { limit: 100_000 } });
});
afterAll(() => srv.close());

interface Got {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}
function getAs(host: string, path: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .get(srv.url + path, { headers: { Host: host, ...headers } }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      })
      .on('error', reject);
  });
}
const config = (html: string) =>
  JSON.parse(/<script type="application\/json" id="replica-config">(.*?)<\/script>/.exec(html)![1]!);
const acme = () => srv.store.findOrg('acme')!;

describe('client-rendered pages', () => {
  it("answer Sentry's shell: chrome, #main with a LoadingIndicator, the app and its config from the URL", async () => {
    const page = await getAs('acme.sentry.io', '/issues/?render=client&latency=1200&statsLatency=3000&layout=div');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<div id="main"[^>]*><div class="loading" data-test-id="loading-indicator"/);
    expect(page.text).toContain('<script src="/_replica/client.js" defer></script>');
    expect(page.text.slice(page.text.indexOf('<body'))).not.toContain('data-test-id="group"');
    expect(page.text).toMatch(/<meta name="baggage" content="[^"]*sentry-release=backend%40[0-9a-f]{40}/);
    expect(config(page.text)).toEqual({
      org: 'acme',
      urlForm: 'customer',
      theme: 'light',
      layout: 'div',
      latency: { api: 1200, stats: 3000, event: 1200 },
    });
  });

  it('sign the browser in for the whole of sentry.io (Domain=.sentry.io), and that session reads the API', async () => {
    const page = await getAs('acme.sentry.io', '/issues/?render=client');
    const cookies = page.headers['set-cookie']!;
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^sentrysid=[0-9a-f]{32}; Path=\/; Domain=\.sentry\.io; SameSite=Lax; HttpOnly$/);
    expect(cookies[1]).toMatch(/^sc=[0-9a-f]{32}; Path=\/; Domain=\.sentry\.io; SameSite=Lax$/);
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const api = await getAs('us.sentry.io', '/api/0/organizations/acme/issues/?limit=1', { Cookie: cookie });
    expect(api.status).toBe(200);
    expect(srv.requests.at(-1)?.auth).toBe('cookie');
    // A browser that is signed in keeps its session.
    expect(
      (await getAs('acme.sentry.io', '/issues/?render=client', { Cookie: cookie })).headers['set-cookie'],
    ).toBeUndefined();
  });

  it("follow the server's defaults unless the URL says otherwise", async () => {
    srv.setPageSettings({ render: 'client', latency: { api: 300, stats: 900, event: 600 } });
    try {
      const page = await getAs('acme.sentry.io', '/issues/');
      expect(config(page.text).latency).toEqual({ api: 300, stats: 900, event: 600 });
      expect(config((await getAs('acme.sentry.io', '/issues/?latency=50')).text).latency).toEqual({
        api: 50,
        stats: 50,
        event: 50,
      });
      const server = await getAs('acme.sentry.io', '/issues/?render=server');
      expect(server.text.slice(server.text.indexOf('<body'))).toContain('data-test-id="group"');
      expect(server.text).not.toContain('replica-config');
    } finally {
      srv.setPageSettings({ render: 'server', latency: { api: 0, stats: 0, event: 0 } });
    }
  });

  it('send a signed-out browser to the login page when pages do not sign in', async () => {
    srv.setPageSettings({ signIn: false });
    try {
      const page = await getAs('acme.sentry.io', '/issues/?render=client');
      expect([page.status, page.headers.location]).toEqual([302, '/auth/login/acme/']);
      const s = srv.store.createSession();
      expect((await getAs('acme.sentry.io', '/issues/?render=client', { Cookie: s.cookie })).status).toBe(200);
      expect((await getAs('acme.sentry.io', '/auth/login/acme/')).text).toContain('Login | Sentry');
    } finally {
      srv.setPageSettings({ signIn: true });
    }
  });

  it('serve the app bundled from the page renderers', async () => {
    const js = await getAs('acme.sentry.io', '/_replica/client.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.text).toContain('function renderRow');
    expect(js.text).toContain('issues-stats');
    expect(js.text).not.toMatch(/\brequire\(|node:/);
  });
});

describe('the latency the app asks for', () => {
  it('holds an API answer back by X-Replica-Latency milliseconds', async () => {
    const started = Date.now();
    const r = await getAs('us.sentry.io', '/api/0/organizations/', {
      'X-Replica-Latency': '300',
      Authorization: `Bearer ${srv.tokens.readOnly}`,
    });
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(srv.requests.at(-1)!.ms).toBeGreaterThanOrEqual(290);
  });
});

describe('server-rendered event and tab routes', () => {
  it('draws the event the route names, and a tab in place of the event', async () => {
    const issue = srv.store.issuesOf(acme()).find((i) => srv.store.eventsOf(i).length >= 3)!;
    const events = srv.store.eventsOf(issue);
    const oldest = await getAs('acme.sentry.io', `/issues/${issue.id}/events/oldest/`);
    expect(oldest.text).toContain(`ID: ${String(events[0]!.eventID).slice(0, 8)}`);
    const byId = await getAs(
      'sentry.io',
      `/organizations/acme/issues/${issue.id}/events/${String(events[1]!.eventID)}/`,
    );
    expect(byId.text).toContain(`ID: ${String(events[1]!.eventID).slice(0, 8)}`);
    const tab = await getAs('acme.sentry.io', `/issues/${issue.id}/activity/`);
    expect(tab.text).toContain('data-test-id="issue-tab-activity"');
    expect(tab.text).not.toContain('aria-label="Previous Event"');
    const list = await getAs('acme.sentry.io', `/issues/${issue.id}/events/`);
    expect((list.text.match(/data-test-id="event-row"/g) ?? []).length).toBe(events.length);
    expect((await getAs('acme.sentry.io', `/issues/${issue.id}/nonsense/`)).status).toBe(404);
  });
});

describe('self-hosted host names', () => {
  it('serve /organizations/{org}/issues/… on any host, with links in that form, in both modes', async () => {
    const server = await getAs('sentry.acme.test', '/organizations/acme/issues/');
    expect(server.status).toBe(200);
    expect(server.text).toMatch(/href="\/organizations\/acme\/issues\/\d+\/\?/);
    const client = await getAs('sentry.acme.test', '/organizations/acme/issues/?render=client');
    expect(config(client.text).urlForm).toBe('path');
    expect(client.headers['set-cookie']![0]).not.toContain('Domain=');
    expect((await getAs('sentry.acme.test', '/issues/')).status).toBe(404);
    const api = await getAs(
      'sentry.acme.test',
      `/api/0/organizations/acme/issues/?group=${srv.store.issuesOf(acme())[0]!.id}`,
      { Authorization: `Bearer ${srv.tokens.readOnly}` },
    );
    expect(JSON.parse(api.text)[0].permalink).toMatch(
      /^http:\/\/sentry\.acme\.test\/organizations\/acme\/issues\/\d+\/$/,
    );
  });
});
