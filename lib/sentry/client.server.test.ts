// The client against the Sentry-compatible test server (tests/world/sentry/server.ts): real HTTP, real
// headers, and each error path through the server's fault modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryServer, type SentryServer } from '@/tests/world/sentry/server.ts';
import { createLimiter } from './ratelimit';
import { createSentryClient, type SentryClient } from './client';
import { SentryError } from './errors';

let srv: SentryServer;
let ids: string[];
const ORG = 'acme';

function clientWith(token: string | null, over: Partial<Parameters<typeof createSentryClient>[0]> = {}): SentryClient {
  return createSentryClient({
    apiBase: `${srv.url}/api/0`,
    token,
    fetch,
    timeoutMs: 2_000,
    // Short backoff keeps the retry paths quick; Retry-After is still honoured as the server sends it.
    limiter: createLimiter({ baseDelayMs: 5, maxRetries: 2 }),
    onSchemaIssues: () => {},
    ...over,
  });
}

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a SentryError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(SentryError);
      return e as SentryError;
    },
  );

beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 260 });
  const page = await clientWith(srv.tokens.readWrite).listIssues(ORG, { query: '', limit: 100 });
  ids = page.issues.map((i) => i.id);
});
afterAll(() => srv?.close());

describe('client ↔ test server', () => {
  it('lists a page of issues with sparkline stats and a next cursor', async () => {
    const c = clientWith(srv.tokens.readWrite);
    const page = await c.listIssues(ORG, { query: '', limit: 100, groupStatsPeriod: '24h' });
    expect(page.issues).toHaveLength(100);
    expect(page.issues[0]?.stats?.['24h']?.length).toBeGreaterThan(0);
    expect(page.nextCursor).not.toBeNull();
    const next = await c.listIssues(ORG, { query: '', limit: 100, cursor: page.nextCursor! });
    expect(next.issues[0]?.id).not.toBe(page.issues[0]?.id);
  });

  it('fetches a page of issues by id in one request', async () => {
    const before = srv.requests.length;
    const got = await clientWith(srv.tokens.readWrite).getIssuesByIds(ORG, ids, '24h');
    expect(got.map((i) => i.id)).toEqual(ids);
    expect(srv.requests.length - before).toBe(1);
  });

  it('sends the token only as a bearer header to its own host', async () => {
    await clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!);
    const host = new URL(srv.url).host;
    expect(srv.requests.every((r) => r.host === host)).toBe(true);
    expect(srv.requests.at(-1)?.auth).toBe('bearer');
  });

  it('a read-only token gets a scope error naming event:write on bulk update', async () => {
    const err = await fail(clientWith(srv.tokens.readOnly).bulkUpdate(ORG, [ids[0]!], { status: 'resolved' }));
    expect(err.kind).toBe('scope');
    expect(err.missingScopes).toEqual(['event:write']);
  });

  it('a bad token → auth', async () => {
    expect((await fail(clientWith('sntryu_wrong').getIssue(ORG, ids[0]!))).kind).toBe('auth');
  });

  it('fault 401 → auth, 404 → not-found', async () => {
    srv.setFault({ kind: '401', count: 1 });
    expect((await fail(clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!))).kind).toBe('auth');
    srv.setFault({ kind: '404', count: 1 });
    expect((await fail(clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!))).kind).toBe('not-found');
  });

  it('fault 500 and 502 (HTML) → unavailable after bounded retries', async () => {
    for (const kind of ['500', '502'] as const) {
      srv.setFault({ kind, count: 100 });
      const before = srv.requests.length;
      expect((await fail(clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!))).kind).toBe('unavailable');
      expect(srv.requests.length - before).toBe(3);
      srv.setFault(null);
    }
  });

  it('a 500 that clears → success on retry', async () => {
    srv.setFault({ kind: '500', count: 1 });
    expect((await clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!)).id).toBe(ids[0]);
  });

  it('fault 429 once → waits out Retry-After, then succeeds', async () => {
    srv.setFault({ kind: '429', count: 1, delayMs: 1_000 });
    const limiter = createLimiter({ baseDelayMs: 5 });
    const seen: (number | null)[] = [];
    limiter.subscribe((s) => seen.push(s.retryAt));
    const issue = await clientWith(srv.tokens.readWrite, { limiter }).getIssue(ORG, ids[0]!);
    expect(issue.id).toBe(ids[0]);
    expect(seen.some((t) => t !== null)).toBe(true);
  });

  it('fault 429 on a write → rate-limited with retryAfterMs, not retried', async () => {
    srv.setFault({ kind: '429', count: 5, delayMs: 3_000 });
    const before = srv.requests.length;
    const err = await fail(clientWith(srv.tokens.readWrite).addComment(ORG, ids[0]!, 'hi'));
    srv.setFault(null);
    expect(err.kind).toBe('rate-limited');
    expect(err.retryAfterMs).toBe(3_000);
    expect(srv.requests.length - before).toBe(1);
  });

  it('fault slow → unavailable (timeout); cut → unavailable; malformed → bad-response', async () => {
    srv.setFault({ kind: 'slow', delayMs: 300, count: 1 });
    const slow = await fail(
      clientWith(srv.tokens.readWrite, { timeoutMs: 50, limiter: createLimiter({ maxRetries: 0 }) }).getIssue(
        ORG,
        ids[0]!,
      ),
    );
    expect(slow.kind).toBe('unavailable');
    srv.setFault({ kind: 'cut', count: 100 });
    expect((await fail(clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!))).kind).toBe('unavailable');
    srv.setFault({ kind: 'malformed', count: 1 });
    expect(
      (await fail(clientWith(srv.tokens.readWrite, { limiter: createLimiter({ maxRetries: 0 }) }).listIssues(ORG)))
        .kind,
    ).toBe('bad-response');
    srv.setFault(null);
  });

  it('bulk update and comments round-trip', async () => {
    const c = clientWith(srv.tokens.readWrite);
    const [res] = await c.bulkUpdate(ORG, ids.slice(0, 3), { status: 'resolved' });
    expect(res?.status).toBe(200);
    expect((await c.getIssue(ORG, ids[0]!)).status).toBe('resolved');
    await c.addComment(ORG, ids[1]!, 'Deadlock on orders; looking');
    expect((await c.listComments(ORG, ids[1]!)).map((n) => n.data.text)).toContain('Deadlock on orders; looking');
  });

  it('an aborted request → cancelled', async () => {
    srv.setFault({ kind: 'slow', delayMs: 500, count: 1 });
    const ctrl = new AbortController();
    const p = clientWith(srv.tokens.readWrite).getIssue(ORG, ids[0]!, { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 30);
    expect((await fail(p)).kind).toBe('cancelled');
    srv.setFault(null);
  });
});
