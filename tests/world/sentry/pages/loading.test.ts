// @vitest-environment happy-dom
// The states Sentry's pages pass through while they load (notes/sentry-spa.md §2.2–2.3), as the renderers draw them.
import { describe, expect, it } from 'vitest';
import { renderIssueContent, renderIssueListContent, renderIssuePage, renderShell, type ListPageInput } from './index';
import { apiEvent, apiIssueDetail, issueList } from './fixtures';
import { renderRow } from './issueRow';
import { parseIssuePath, splitOrgPath } from './route';

const NOW = new Date('2018-12-06T22:19:55Z');
const parse = (html: string) => new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html');
const listInput = (over: Partial<ListPageInput> = {}): ListPageInput => ({
  org: 'acme',
  urlForm: 'customer',
  layout: 'table',
  theme: 'light',
  issues: issueList(),
  query: 'is:unresolved',
  sort: 'date',
  hits: 5,
  nextCursor: null,
  prevCursor: null,
  now: NOW,
  ...over,
});
/** A list row as the list call answers it with collapse=stats&collapse=unhandled: no numbers at all. */
const withoutNumbers = (g: any) => {
  const {
    count: _c,
    userCount: _u,
    firstSeen: _f,
    lastSeen: _l,
    stats: _s,
    lifetime: _lt,
    filtered: _fi,
    isUnhandled: _i,
    ...rest
  } = g;
  return rest;
};
/** A lone <tr> only parses inside a table. */
const parseRow = (html: string) => parse(`<table><tbody>${html}</tbody></table>`).querySelector('tr')!;
const placeholdersIn = (el: Element) => el.querySelectorAll('[data-test-id="loading-placeholder"]').length;

describe('issue list while it loads', () => {
  for (const layout of ['table', 'div'] as const) {
    it(`shows 25 skeleton rows that are data-test-id="group" too, each cell a placeholder (${layout})`, () => {
      const doc = parse(renderIssueListContent(listInput({ layout, issues: [], loading: true })));
      const rows = [...doc.querySelectorAll('[data-test-id="group"]')];
      expect(rows).toHaveLength(25);
      for (const row of rows) {
        expect(placeholdersIn(row)).toBe(8);
        expect(row.querySelector('[data-test-id="event-issue-header"]')).toBeNull();
      }
      expect(doc.querySelectorAll('[data-test-id="group"]:has([data-test-id="event-issue-header"])')).toHaveLength(0);
      expect(doc.querySelector('[data-sentry-component="Pagination"]')).toBeNull();
    });
  }

  it('draws rows from the list call with placeholders in Graph, Events, Users, Age and Last seen until issues-stats', () => {
    const c = {
      org: 'acme',
      urlForm: 'customer' as const,
      layout: 'table' as const,
      query: '',
      sort: 'date',
      now: NOW,
    };
    const bare = parseRow(renderRow(withoutNumbers(issueList()[1]), c));
    const cells = [...bare.querySelectorAll(':scope > td[role="cell"]')];
    expect(cells.map(placeholdersIn)).toEqual([0, 0, 1, 1, 1, 1, 1, 0, 0]);
    expect(bare.querySelector('[data-test-id="event-issue-header"] a[data-issue-title-link]')).not.toBeNull();
    expect(bare.querySelector('[data-sentry-component="Count"], time')).toBeNull();
    const full = parseRow(renderRow(issueList()[1], c));
    expect(placeholdersIn(full)).toBe(0);
    expect(full.querySelectorAll('[data-sentry-component="Count"]')).toHaveLength(2);
  });

  it('shows filtered.count over the total (/count) when the search filters events, titles as Count renders them', () => {
    const g = {
      ...issueList()[1],
      count: '3808',
      userCount: 1234,
      filtered: { count: '150', userCount: 7, firstSeen: null, lastSeen: null, stats: { '24h': [[1, 2]] } },
    };
    const c = {
      org: 'acme',
      urlForm: 'customer' as const,
      layout: 'table' as const,
      query: 'level:error',
      sort: 'date',
      now: NOW,
    };
    const row = parseRow(renderRow(g, c));
    const [, , , , , events, users] = [...row.querySelectorAll(':scope > td[role="cell"]')];
    const counts = (cell: Element) =>
      [...cell.querySelectorAll('[data-sentry-component="Count"]')].map((e) => [
        e.getAttribute('data-sentry-element'),
        e.getAttribute('title'),
        e.textContent,
      ]);
    expect(counts(events!)).toEqual([
      ['PrimaryCount', '150', '150'],
      ['SecondaryCount', '3808', '3.8K'],
    ]);
    // User counts are numbers: their titles are localised by the page's script (data-replica-locale) like toLocaleString.
    expect(counts(users!)).toEqual([
      ['PrimaryCount', '7', '7'],
      ['SecondaryCount', '1234', '1.2K'],
    ]);
    const plain = parseRow(renderRow({ ...g, filtered: null }, c));
    expect(plain.querySelectorAll('[data-sentry-element="SecondaryCount"]')).toHaveLength(0);
  });
});

describe('issue page parts', () => {
  const base = {
    org: 'acme',
    urlForm: 'customer' as const,
    theme: 'light' as const,
    issue: apiIssueDetail(),
    now: NOW,
  };

  it("puts placeholders where the event goes while it loads, and keeps the previous event's navigation", () => {
    const previous = { ...apiEvent(), previousEventID: 'a'.repeat(32), nextEventID: null };
    const doc = parse(renderIssueContent({ ...base, event: previous, eventLoading: true }));
    expect(placeholdersIn(doc.body)).toBeGreaterThan(2);
    expect(doc.querySelector('[data-test-id="exception-value"]')).toBeNull();
    expect(doc.querySelector('a[aria-label="Previous Event"]')!.getAttribute('href')).toContain(
      `/events/${'a'.repeat(32)}/`,
    );
    expect(doc.querySelector('[data-test-id="group-event-details"] [role="main"]')).not.toBeNull();
  });

  it('links Previous/Next and the event tabs as Sentry does: location.query kept, referrer set, the selected tab unlinked', () => {
    const event = { ...apiEvent(), previousEventID: 'b'.repeat(32), nextEventID: 'c'.repeat(32) };
    const doc = parse(
      renderIssueContent({
        ...base,
        event,
        eventKey: 'latest',
        query: { project: '42', query: 'is:unresolved', referrer: 'issue-stream' },
      }),
    );
    const prev = new URL(
      doc.querySelector('a[aria-label="Previous Event"]')!.getAttribute('href')!,
      'https://acme.sentry.io',
    );
    expect(prev.pathname).toBe(`/issues/${base.issue.id}/events/${'b'.repeat(32)}/`);
    expect(Object.fromEntries(prev.searchParams)).toEqual({
      project: '42',
      query: 'is:unresolved',
      referrer: 'previous-event',
    });
    expect(
      new URL(doc.querySelector('a[aria-label="Next Event"]')!.getAttribute('href')!, 'https://x').searchParams.get(
        'referrer',
      ),
    ).toBe('next-event');
    const tab = (key: string) => doc.querySelector(`li[role="tab"][data-key="${key}"]`)!;
    expect(tab('latest').getAttribute('aria-selected')).toBe('true');
    expect(tab('latest').querySelector('a')!.hasAttribute('href')).toBe(false);
    expect(
      new URL(tab('oldest').querySelector('a')!.getAttribute('href')!, 'https://x').searchParams.get('referrer'),
    ).toBe('oldest-event');
    const none = parse(renderIssueContent({ ...base, event: { ...event, previousEventID: null } }));
    expect(none.querySelector('a[aria-label="Previous Event"]')!.getAttribute('aria-disabled')).toBe('true');
  });

  it('draws a tab route in place of the event overview, under the same header', () => {
    const events = [{ ...apiEvent(), eventID: 'd'.repeat(32), dateCreated: '2018-12-06T20:00:00Z' }];
    const page = parse(renderIssuePage({ ...base, event: null, tab: 'events', tabData: { events } }));
    expect(page.querySelector('header[data-sentry-element="Header"]')).not.toBeNull();
    expect(page.querySelector('[data-test-id="issue-tab-events"] a')!.getAttribute('href')).toContain(
      `/events/${'d'.repeat(32)}/`,
    );
    expect(page.querySelector('[role="main"]')).toBeNull();
    expect(page.querySelector('a[aria-label="Previous Event"]')).toBeNull();
    expect(page.querySelectorAll('[data-test-id="group-event-details"]')).toHaveLength(1);
    const activity = parse(renderIssuePage({ ...base, event: null, tab: 'activity' }));
    expect(
      activity.querySelector('[data-test-id="issue-tab-activity"] [data-test-id="note-input-form"]'),
    ).not.toBeNull();
  });
});

describe('shell', () => {
  it('carries the backend release in the baggage meta and the version in __initialData', () => {
    const html = renderShell({ org: 'acme', urlForm: 'customer', theme: 'light', title: 'x', main: '' });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('meta[name="baggage"]')!.getAttribute('content')).toMatch(
      /(^|,)sentry-release=backend%40[0-9a-f]{40}(,|$)/,
    );
    expect(doc.querySelector('meta[name="sentry-trace"]')!.getAttribute('content')).toMatch(
      /^[0-9a-f]{32}-[0-9a-f]{16}-1$/,
    );
    expect(html).toContain('"version":{"current":"26.2.0.dev0"');
    expect(doc.querySelector('script[src="/_replica/app.js"]')).not.toBeNull();
  });

  it('in client mode loads the replica app with its config, and #main holds what the server put there', () => {
    const html = renderShell({
      org: 'acme',
      urlForm: 'path',
      theme: 'dark',
      title: 'x',
      main: '<div data-test-id="loading-indicator"></div>',
      client: { org: 'acme', latency: { api: 5 } },
    });
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('script[src="/_replica/client.js"]')).not.toBeNull();
    expect(doc.querySelector('script[src="/_replica/app.js"]')).toBeNull();
    expect(JSON.parse(doc.getElementById('replica-config')!.textContent!)).toEqual({
      org: 'acme',
      latency: { api: 5 },
    });
    expect(doc.querySelector('#main > [data-test-id="loading-indicator"]')).not.toBeNull();
  });
});

describe('routes', () => {
  it('reads the issue routes of both URL forms, with events and tabs', () => {
    expect(parseIssuePath('/issues/')).toEqual({ kind: 'list' });
    expect(parseIssuePath('/issues/12/')).toEqual({ kind: 'issue', id: '12', eventKey: null, tab: null });
    expect(parseIssuePath('/issues/12/events/latest/')).toEqual({
      kind: 'issue',
      id: '12',
      eventKey: 'latest',
      tab: null,
    });
    expect(parseIssuePath(`/issues/12/events/${'e'.repeat(32)}/activity/`)).toEqual({
      kind: 'issue',
      id: '12',
      eventKey: 'e'.repeat(32),
      tab: 'activity',
    });
    expect(parseIssuePath('/issues/12/events/')).toEqual({ kind: 'issue', id: '12', eventKey: null, tab: 'events' });
    expect(parseIssuePath('/issues/12/tags/')).toMatchObject({ tab: 'distributions' });
    expect(parseIssuePath('/issues/12/distributions/user/')).toMatchObject({ tab: 'distributions' });
    for (const bad of [
      '/issues/12/events/nope/',
      '/issues/12/bogus/',
      '/issues/abc/',
      '/issues/12/activity/x/',
      '/issue/',
    ])
      expect(parseIssuePath(bad), bad).toBeNull();
    expect(splitOrgPath('/organizations/acme/issues/7/')).toEqual({ org: 'acme', rest: '/issues/7/' });
    expect(splitOrgPath('/issues/7/')).toEqual({ org: null, rest: '/issues/7/' });
  });
});
