// The front proxy's request-size limits (nginx defaults) and the endpoints' own rate limits, both switchable.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryServer, type SentryServer } from './server.ts';

let srv: SentryServer;
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 40, seed: 2, rateLimit: { limit: 100_000 } });
});
afterAll(() => srv.close());

/** GET with node:http so the exact request line and headers are ours. */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; type: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(srv.url + path, { headers: { Authorization: `Bearer ${srv.tokens.readOnly}`, ...headers } }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, type: String(res.headers['content-type']) }));
      })
      .on('error', reject);
  });
}
const groupsPath = (n: number) =>
  `/api/0/organizations/acme/issues/?${Array.from({ length: n }, (_, i) => `group=${4_200_000_001 + i}`).join('&')}`;

describe('request size (nginx large_client_header_buffers 4 8k)', () => {
  it("answers 414 with nginx's page when the request line passes 8 KB, and serves it just under", async () => {
    // "GET " + path + " HTTP/1.1\r\n": each group param is 17 bytes.
    const fits = groupsPath(470);
    expect(`GET ${fits} HTTP/1.1\r\n`.length).toBeLessThanOrEqual(8192);
    expect((await raw(fits)).status).toBe(200);
    const tooLong = await raw(groupsPath(490));
    expect(tooLong.status).toBe(414);
    expect(tooLong.type).toContain('text/html');
    expect(tooLong.text).toContain('<center><h1>414 Request-URI Too Large</h1></center>');
    expect(srv.requests.at(-1)).toMatchObject({ status: 414 });
  });

  it('answers 400 Request Header Or Cookie Too Large for a header line over 8 KB', async () => {
    const r = await raw('/api/0/organizations/', { Cookie: `big=${'x'.repeat(9000)}` });
    expect([r.status, r.text.includes('400 Request Header Or Cookie Too Large')]).toEqual([400, true]);
  });

  it('can be switched off (or set to another size)', async () => {
    srv.setRequestLineLimit(false);
    try {
      expect((await raw(groupsPath(900))).status).toBe(200);
      srv.setRequestLineLimit(2048);
      expect((await raw(groupsPath(150))).status).toBe(414);
    } finally {
      srv.setRequestLineLimit(8192);
    }
  });
});

describe('endpoint rate limits', () => {
  it('limits issues-stats to 10 requests a second when switched on, and not otherwise', async () => {
    const id = srv.store.issuesOf(srv.store.findOrg('acme')!)[0]!.id;
    const burst = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await raw(`/api/0/organizations/acme/issues-stats/?groups=${id}`)).status);
      return statuses;
    };
    expect((await burst()).every((s) => s === 200)).toBe(true);
    srv.setEndpointRateLimits(true);
    try {
      // Start at a fresh second so the twelve requests share one window.
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
      const statuses = await burst();
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.slice(10)).toEqual([429, 429]);
      const last = await raw(`/api/0/organizations/acme/issues-stats/?groups=${id}`);
      expect(JSON.parse(last.text)).toEqual({
        detail: 'You are attempting to use this endpoint too frequently. Limit is 10 requests in 1 seconds',
      });
      // The list endpoint keeps the default limit.
      expect((await raw('/api/0/organizations/acme/issues/?limit=1')).status).toBe(200);
    } finally {
      srv.setEndpointRateLimits(false);
    }
  });
});
