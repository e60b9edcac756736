// The triage handlers against the Sentry-compatible test server: real HTTP, the world's bulk PUT that skips
// unknown ids silently, and the router's guard on the undo.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startSentryServer, type SentryServer } from '@/tests/world/sentry/server.ts';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import type { MessageInputOf } from '@/lib/messages';
import { parseMessage } from '@/lib/messages';
import { handleMessage, type Handlers, type HandlerContext } from './router';
import { createSentryService } from './service';
import { pageCache, triageHandlers } from './triage';
import { authItem } from './settings';

let srv: SentryServer;
let ctx: HandlerContext;
let target: { apiBase: string; org: string };

/** Parses like the router (defaults filled), then calls the handler. */
async function call<T extends keyof typeof triageHandlers>(
  m: MessageInputOf<T>,
): Promise<Awaited<ReturnType<Handlers[T]>>> {
  const parsed = parseMessage(m);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const type = parsed.message.type as T;
  const handler = triageHandlers[type] as unknown as (
    x: unknown,
    c: HandlerContext,
  ) => Promise<Awaited<ReturnType<Handlers[T]>>>;
  return handler(parsed.message, ctx);
}
const apiRequests = (method: string) =>
  srv.requests.filter((r) => r.method === method && r.path.startsWith('/api/0/organizations/acme/issues/'));

beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 150 });
  const settings = { ...DEFAULT_SETTINGS, sentry: { ...DEFAULT_SETTINGS.sentry, selfHostedBases: [srv.url] } };
  ctx = { sender: {}, service: createSentryService(settings, { token: srv.tokens.readWrite, sentryUrl: srv.url }) };
  target = { apiBase: `${srv.url}/api/0`, org: 'acme' };
});
afterAll(() => srv?.close());
beforeEach(async () => {
  await pageCache.invalidate(() => true);
});

describe('issues.page', () => {
  it('asks for the window and Sentry’s 24 h graph, says how many match, and serves a repeat from memory', async () => {
    const before = apiRequests('GET').length;
    const page = await call({ type: 'issues.page', target, query: 'is:unresolved', period: '7d', limit: 100 });
    const sent = new URL(apiRequests('GET').at(-1)!.path, srv.url).searchParams;
    expect([sent.get('statsPeriod'), sent.get('groupStatsPeriod'), sent.get('limit')]).toEqual(['7d', '24h', '100']);
    expect(page.issues.length).toBeGreaterThan(0);
    expect(page.hits).toBeGreaterThanOrEqual(page.issues.length);
    expect(page.issues[0]!.stats?.['24h']?.length).toBeGreaterThan(0);
    await call({ type: 'issues.page', target, query: 'is:unresolved', period: '7d', limit: 100 });
    expect(apiRequests('GET').length - before).toBe(1);
    // A new token (another Sentry, other projects) is not answered with pages read before it.
    await authItem.setValue({ token: srv.tokens.readWrite, sentryUrl: srv.url });
    await vi.waitFor(async () => {
      await call({ type: 'issues.page', target, query: 'is:unresolved', period: '7d', limit: 100 });
      expect(apiRequests('GET').length - before).toBe(2);
    });
  });
});

describe('issues.update and issues.restore', () => {
  it('changes only issues that exist, reports each, and undoes to the exact prior state', async () => {
    const issues = [...srv.store.issues.values()]
      .filter((i) => i.orgId === srv.store.orgs[0]!.id && i.status === 'unresolved')
      .slice(0, 3);
    const [a, b, c] = issues as [(typeof issues)[0], (typeof issues)[0], (typeof issues)[0]];
    Object.assign(b, { status: 'resolved', substatus: null, statusDetails: { inNextRelease: true } });
    Object.assign(c, {
      status: 'ignored',
      substatus: 'archived_until_condition_met',
      statusDetails: { ignoreUntil: new Date(Date.now() + 2 * 3600_000).toISOString() },
    });
    const missing = '4299999999';
    const puts = apiRequests('PUT').length;
    // The world's bulk PUT drops unknown ids without a word, as Sentry's does.
    const r = await call({ type: 'issues.update', target, ids: [a.id, b.id, c.id, missing], status: 'unresolved' });
    expect(r.updated.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(r.failed).toEqual([{ id: missing, reason: expect.stringMatching(/no such issue/) }]);
    const put = apiRequests('PUT').slice(puts);
    expect(put).toHaveLength(1);
    expect(new URL(put[0]!.path, srv.url).searchParams.getAll('id')).not.toContain(missing);
    expect(r.prior.find((p) => p.id === b.id)).toMatchObject({
      status: 'resolved',
      statusDetails: { inNextRelease: true },
    });
    expect(r.after.every((s) => s.status === 'unresolved')).toBe(true);

    const undo = await call({ type: 'issues.restore', target, after: 'unresolved', items: r.prior });
    expect(undo.failed).toEqual([]);
    expect(undo.updated.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(a.status).toBe('unresolved');
    expect(b).toMatchObject({ status: 'resolved', statusDetails: { inNextRelease: true } });
    // The world keeps the PUT's duration as it came; ~120 minutes were left.
    expect(c.status).toBe('ignored');
    expect(Number(c.statusDetails.ignoreDuration)).toBeGreaterThanOrEqual(119);
    expect(Number(c.statusDetails.ignoreDuration)).toBeLessThanOrEqual(120);
  });

  it('only Dexter’s own pages may undo, never the overlay in Sentry’s page', async () => {
    const handlers = {
      'issues.restore': async () => ({ updated: [], failed: [], after: [] }),
    } as Partial<Handlers> as Handlers;
    const m = {
      type: 'issues.restore',
      target,
      after: 'resolved',
      items: [{ id: '1', project: null, status: 'unresolved', substatus: null, statusDetails: {} }],
    };
    fakeBrowser.reset();
    const r = await handleMessage(
      m,
      { id: browser.runtime.id, url: 'https://acme.sentry.io/issues/', tab: { id: 3 } as never },
      handlers,
      Promise.resolve(ctx.service),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('forbidden-sender');
  });
});
