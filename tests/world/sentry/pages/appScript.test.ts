// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Window } from 'happy-dom';
import {
  REPLICA_APP_JS,
  renderIssueListContent,
  renderIssueListPage,
  renderIssuePage,
  renderIssuePageContent,
  type ListPageInput,
} from './index';
import { apiEvent, apiIssueDetail, issueList } from './fixtures';

const NOW = new Date('2018-12-06T22:19:55Z');
const listInput = (over: Partial<ListPageInput> = {}): ListPageInput => ({
  org: 'acme',
  urlForm: 'customer',
  layout: 'table',
  theme: 'light',
  issues: issueList(),
  query: 'is:unresolved',
  sort: 'date',
  hits: 120,
  nextCursor: '0:25:0',
  prevCursor: null,
  now: NOW,
  ...over,
});

const windows: Window[] = [];
afterEach(async () => {
  for (const w of windows.splice(0)) await w.happyDOM.close();
});

/** Loads a replica page into a fresh window and runs the client script in it, with fetch and timers stubbed. */
function boot(
  html: string,
  respond: (path: string) => string,
  url = 'https://acme.sentry.io/issues/?query=is%3Aunresolved',
) {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  windows.push(win);
  const parsed = new win.DOMParser().parseFromString(html, 'text/html');
  win.document.body.className = parsed.body.className;
  win.document.body.innerHTML = parsed.body.innerHTML;
  const fetch = vi.fn(async (path: string, _init?: any) => ({
    ok: true,
    status: 200,
    headers: { get: (h: string) => (h === 'X-Replica-Title' ? encodeURIComponent('Next page') : null) },
    text: async () => respond(path),
  }));
  const timers: (() => void)[] = [];
  const setTimeout = (fn: () => void) => {
    timers.push(fn);
    return timers.length;
  };
  const run = new Function(
    'window',
    'document',
    'history',
    'location',
    'fetch',
    'setTimeout',
    'Element',
    'HTMLInputElement',
    'URL',
    REPLICA_APP_JS,
  );
  run(win, win.document, win.history, win.location, fetch, setTimeout, win.Element, win.HTMLInputElement, URL);
  return { win, doc: win.document, fetch, timers, pushes: vi.spyOn(win.history, 'pushState') };
}

const settle = () => new Promise((r) => globalThis.setTimeout(r, 0));

describe('REPLICA_APP_JS', () => {
  it('clicking a title link pushes history and swaps #main for the fragment, without reloading', async () => {
    const issue = { ...apiIssueDetail(), id: listInput().issues[1].id };
    const fragment = renderIssuePageContent({
      org: 'acme',
      urlForm: 'customer',
      theme: 'light',
      issue,
      event: apiEvent(),
      now: NOW,
    });
    const { win, doc, fetch } = boot(renderIssueListPage(listInput()), () => fragment);
    const marker = doc.body; // the same document must survive
    const link = doc.querySelectorAll('[data-test-id="group"] a[data-issue-title-link]')[1] as any;
    link.click();
    await vi.waitFor(() => expect(doc.querySelector('[data-test-id="group-event-details"]')).not.toBeNull());
    expect(win.location.pathname).toBe(`/issues/${issue.id}/`);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toBe(link.getAttribute('href'));
    expect(fetch.mock.calls[0]![1].headers).toEqual({ 'X-Replica-Fragment': '1' });
    expect(doc.body).toBe(marker);
    expect(doc.querySelector('[data-test-id="group"]')).toBeNull();
    expect(doc.title).toBe('Next page');
  });

  it("formats user counts in the browser's locale at load, as Sentry's Count does while rendering", () => {
    const issues = issueList().map((g, n) => ({ ...g, count: String(1000 + n), userCount: 12345 + n }));
    const { doc } = boot(renderIssueListPage(listInput({ issues })), () => '');
    const titles = [...doc.querySelectorAll('[data-test-id="group"] [data-sentry-component="Count"]')].map((c) =>
      c.getAttribute('title'),
    );
    expect(titles).toEqual(issues.flatMap((g, n) => [g.count, (12345 + n).toLocaleString()]));
    expect(doc.querySelector('[data-replica-locale]')).toBeNull();
  });

  it('pagination "Next" navigates in-app with the next cursor, and popstate goes back', async () => {
    const page2 = listInput({ issues: issueList().slice(0, 2), prevCursor: '0:0:1', nextCursor: null });
    const { win, doc, fetch } = boot(renderIssueListPage(listInput()), (path) =>
      path.includes('cursor') ? renderIssueListContent(page2) : renderIssueListContent(listInput()),
    );
    (doc.querySelector('button[aria-label="Next"]') as any).click();
    await vi.waitFor(() => expect(doc.querySelectorAll('[data-test-id="group"]')).toHaveLength(2));
    expect(new URL(win.location.href).searchParams.get('cursor')).toBe('0:25:0');
    win.history.back();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(doc.querySelectorAll('[data-test-id="group"]')).toHaveLength(5));
  });

  it('leaves links outside the app routes, and modified clicks, to the browser', async () => {
    const { doc, fetch } = boot(renderIssueListPage(listInput()), () => '');
    const a = doc.createElement('a');
    a.setAttribute('href', '/settings/organization/');
    doc.body.appendChild(a);
    a.click();
    const title = doc.querySelector('a[data-issue-title-link]') as any;
    title.dispatchEvent(
      new (doc.defaultView as any).MouseEvent('click', { bubbles: true, cancelable: true, metaKey: true }),
    );
    await settle();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps the test-world layout/theme switches on in-app links, and leaves event routes to the browser', async () => {
    const { win, doc, fetch } = boot(
      renderIssueListPage(listInput({ layout: 'div' })),
      () => renderIssueListContent(listInput({ layout: 'div' })),
      'https://acme.sentry.io/issues/?layout=div&theme=dark',
    );
    (doc.querySelector('[role="tablist"] a') as any).click();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const fetched = new URL(fetch.mock.calls[0]![0], 'https://acme.sentry.io');
    expect(fetched.searchParams.get('layout')).toBe('div');
    expect(fetched.searchParams.get('theme')).toBe('dark');
    expect(new URL(win.location.href).searchParams.get('layout')).toBe('div');
    const ev = doc.createElement('a');
    ev.setAttribute('href', '/issues/1/events/latest/');
    doc.body.appendChild(ev);
    ev.click();
    await settle();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('row checkboxes show the bulk-action bar while any row is selected', () => {
    for (const layout of ['table', 'div'] as const) {
      const { doc } = boot(renderIssueListPage(listInput({ layout })), () => '');
      const bar = doc.querySelector('[data-sentry-component="ActionSet"]') as any;
      const box = doc.querySelector('input[aria-label="Select Issue"]') as any;
      expect(bar.hidden).toBe(true);
      box.click();
      expect(box.checked).toBe(true);
      expect(bar.hidden).toBe(false);
      box.click();
      expect(bar.hidden).toBe(true);
    }
  });

  it('replica:rerender replaces every row node with fresh markup, keeping selection', () => {
    const { win, doc } = boot(renderIssueListPage(listInput()), () => '');
    const before = [...doc.querySelectorAll('[data-test-id="group"]')];
    before[0]!.querySelector('[data-test-id="event-issue-header"]')!.appendChild(doc.createElement('mark'));
    (before[2]!.querySelector('input[aria-label="Select Issue"]') as any).click();
    win.dispatchEvent(new win.CustomEvent('replica:rerender'));
    const after = [...doc.querySelectorAll('[data-test-id="group"]')];
    expect(after).toHaveLength(before.length);
    after.forEach((row, n) => expect(row).not.toBe(before[n]));
    expect(doc.querySelector('[data-test-id="group"] mark')).toBeNull();
    expect((after[2]!.querySelector('input[aria-label="Select Issue"]') as any).checked).toBe(true);
    expect(after.map((r) => r.querySelector('input')!.id)).toEqual(listInput().issues.map((g) => g.id));
  });

  it("replica:rerender replaces an issue page's header and action bar with fresh nodes", () => {
    const html = renderIssuePage({
      org: 'acme',
      urlForm: 'customer',
      theme: 'light',
      issue: apiIssueDetail(),
      event: apiEvent(),
      now: NOW,
    });
    const { win, doc } = boot(html, () => '', 'https://acme.sentry.io/issues/1/');
    const header = doc.querySelector('header[data-sentry-element="Header"]')!;
    const bar = doc.querySelector('[role="banner"]')!;
    header.appendChild(doc.createElement('mark'));
    win.dispatchEvent(new win.CustomEvent('replica:rerender'));
    const fresh = doc.querySelector('header[data-sentry-element="Header"]')!;
    expect(fresh).not.toBe(header);
    expect(fresh.querySelector('mark')).toBeNull();
    expect(doc.querySelector('[role="banner"]')).not.toBe(bar);
    expect(doc.querySelectorAll('header[data-sentry-element="Header"], [role="banner"]')).toHaveLength(2);
    expect(fresh.nextElementSibling!.querySelector('[role="banner"]')).not.toBeNull();
  });

  it('appends lateRows when the delay passes, in both layouts', () => {
    for (const layout of ['table', 'div'] as const) {
      const { doc, timers } = boot(renderIssueListPage(listInput({ layout, lateRows: 2 })), () => '');
      expect(doc.querySelectorAll('[data-test-id="group"]')).toHaveLength(3);
      expect(timers).toHaveLength(1);
      timers[0]!();
      const rows = [...doc.querySelectorAll('[data-test-id="group"]')];
      expect(rows.map((r) => r.querySelector('input')!.id)).toEqual(listInput().issues.map((g) => g.id));
      expect(rows.every((r) => r.parentElement === rows[0]!.parentElement)).toBe(true);
    }
  });
});
