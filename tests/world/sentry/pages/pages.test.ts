// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  escapeHtml,
  formatCount,
  issueTitleParts,
  renderIssueListContent,
  renderIssueListPage,
  renderIssuePage,
  renderIssuePageContent,
  renderUnknownLayoutPage,
  type Layout,
  type ListPageInput,
} from './index';
import { HOSTILE, REAL_PAGE_PATH, apiEvent, apiIssueDetail, hostileEvent, issueList } from './fixtures';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const NOW = new Date('2018-12-06T22:19:55Z');

function listInput(over: Partial<ListPageInput> = {}): ListPageInput {
  return {
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
  };
}

describe('escapeHtml', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('round-trips any string as text content and as an attribute value', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !/[\r\0]/.test(s)),
        (s) => {
          const div = document.createElement('div');
          div.innerHTML = `<span title="${escapeHtml(s)}">${escapeHtml(s)}</span>`;
          expect(div.children).toHaveLength(1);
          expect(div.firstElementChild!.children).toHaveLength(0);
          expect(div.textContent).toBe(s);
          expect(div.firstElementChild!.getAttribute('title')).toBe(s);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe.each<[Layout, 'customer' | 'path']>([
  ['table', 'customer'],
  ['table', 'path'],
  ['div', 'customer'],
  ['div', 'path'],
])('issue list, %s layout, %s URLs', (layout, urlForm) => {
  const input = listInput({ layout, urlForm });
  const doc = parse(renderIssueListPage(input));
  const rows = [...doc.querySelectorAll('[data-test-id="group"]')];

  it('renders one row per issue, in API order, with the row element of that layout', () => {
    expect(rows).toHaveLength(input.issues.length);
    for (const row of rows) {
      expect(row.tagName).toBe(layout === 'table' ? 'TR' : 'DIV');
      expect(row.getAttribute('role')).toBeNull();
      expect(row.getAttribute('data-test-reviewed')).toBe('false');
    }
    if (layout === 'table') {
      for (const row of rows) expect(row.querySelectorAll(':scope > td[role="cell"]')).toHaveLength(9);
    } else {
      expect(doc.querySelector('[data-test-id="group"] [role="cell"]')).toBeNull();
    }
  });

  it('gives each row a "Select Issue" checkbox whose id is the group id', () => {
    const ids = rows.map((r) => r.querySelector('input[aria-label="Select Issue"]')?.id);
    expect(ids).toEqual(input.issues.map((g) => g.id));
  });

  it('links titles to the issue with referrer=issue-stream, in the URL form of the domain', () => {
    rows.forEach((row, n) => {
      const g = input.issues[n];
      const link = row.querySelector('[data-test-id="event-issue-header"] a[data-issue-title-link]')!;
      const url = new URL(link.getAttribute('href')!, 'https://acme.sentry.io');
      expect(url.pathname).toBe(urlForm === 'customer' ? `/issues/${g.id}/` : `/organizations/acme/issues/${g.id}/`);
      expect(url.searchParams.get('referrer')).toBe('issue-stream');
      expect(url.searchParams.get('project')).toBe(g.project.id);
      expect(url.searchParams.get('query')).toBe('is:unresolved');
      expect(link.querySelector('[data-issue-title-primary]')!.textContent).toBe(issueTitleParts(g).title);
    });
  });

  it('shows the event and user counts the API returned', () => {
    rows.forEach((row, n) => {
      const counts = [...row.querySelectorAll('[data-sentry-component="Count"]')];
      expect(counts.map((c) => c.getAttribute('title'))).toEqual([
        String(input.issues[n].count),
        String(input.issues[n].userCount),
      ]);
      expect(counts.map((c) => c.textContent)).toEqual([
        formatCount(input.issues[n].count),
        formatCount(input.issues[n].userCount),
      ]);
    });
  });

  it('marks unseen issues, resolved issues and shows last seen / age', () => {
    rows.forEach((row, n) => {
      const g = input.issues[n];
      expect(row.querySelector('[data-test-id="unread-issue-indicator"]') !== null).toBe(!g.hasSeen);
      expect(row.querySelector('a[data-test-id="resolved-issue"][data-issue-title-link]') !== null).toBe(
        g.status === 'resolved',
      );
      expect(row.querySelector('time[aria-label="Last Seen"]')!.getAttribute('datetime')).toBe(g.lifetime.lastSeen);
      expect(row.querySelector('time[aria-label="First Seen"]')!.getAttribute('datetime')).toBe(g.lifetime.firstSeen);
    });
  });

  it("has Sentry's bulk actions (hidden until a row is selected) and pagination", () => {
    for (const label of ['Resolve', 'Archive', 'Mark Reviewed', 'More issue actions', 'Merge Selected Issues']) {
      expect(doc.querySelector(`[data-sentry-component="ActionSet"] [aria-label="${label}"]`)).not.toBeNull();
    }
    expect((doc.querySelector('[data-sentry-component="ActionSet"]') as HTMLElement).hidden).toBe(true);
    expect(doc.querySelector('button[aria-label="Next"]')!.hasAttribute('disabled')).toBe(false);
    expect(doc.querySelector('button[aria-label="Previous"]')!.hasAttribute('disabled')).toBe(true);
  });
});

describe('issue list page shell', () => {
  it('expresses the theme the way Sentry does: body class and color-scheme meta', () => {
    for (const theme of ['light', 'dark'] as const) {
      const doc = parse(renderIssueListPage(listInput({ theme })));
      expect(doc.body.classList.contains(`theme-${theme}`)).toBe(true);
      expect(doc.querySelector('meta[name="color-scheme"]')!.getAttribute('content')).toBe(theme);
    }
  });

  it('puts the content fragment inside #main and loads the replica client script', () => {
    const input = listInput();
    const doc = parse(renderIssueListPage(input));
    expect(doc.querySelector('#main')!.innerHTML).toBe(
      parse(`<div id="m">${renderIssueListContent(input)}</div>`).querySelector('#m')!.innerHTML,
    );
    expect(doc.querySelector('script[src="/_replica/app.js"]')).not.toBeNull();
  });

  it('holds lateRows back in a template, out of the live DOM', () => {
    for (const layout of ['table', 'div'] as const) {
      const doc = parse(renderIssueListPage(listInput({ layout, lateRows: 2 })));
      expect(doc.querySelectorAll('[data-test-id="group"]')).toHaveLength(3);
      const late = (doc.getElementById('replica-late-rows') as HTMLTemplateElement).content.querySelectorAll(
        '[data-test-id="group"]',
      );
      expect([...late].map((r) => r.querySelector('input')!.id)).toEqual(
        listInput()
          .issues.slice(3)
          .map((g) => g.id),
      );
    }
  });

  it('rejects malformed input with a clear error', () => {
    expect(() => renderIssueListPage(listInput({ issues: [{ title: 'no id' }] }))).toThrow(/issues\[0\] has no id/);
    expect(() => renderIssueListPage(listInput({ lateRows: 9 }))).toThrow(/lateRows/);
    expect(() => renderIssuePage({ org: 'acme', urlForm: 'path', theme: 'light', issue: null, event: null })).toThrow(
      /issue page/,
    );
  });

  it('unknown-layout page shows the same issues without any known Sentry hook', () => {
    const doc = parse(renderUnknownLayoutPage(listInput()));
    expect(doc.querySelectorAll('[role="row"]')).toHaveLength(5);
    for (const sel of [
      '[data-test-id="group"]',
      'input[aria-label="Select Issue"]',
      '[data-issue-title-link]',
      '[data-issue-title-primary]',
      '[data-test-id="event-issue-header"]',
    ]) {
      expect(doc.querySelector(sel)).toBeNull();
    }
  });
});

describe('hostile event text renders as text', () => {
  const countInjected = (doc: Document) => doc.querySelectorAll('img[src="x"], [onerror]').length;

  it('in list rows (title, culprit, message, short id, query)', () => {
    const issues = issueList().map((g) => ({
      ...g,
      title: HOSTILE,
      culprit: HOSTILE,
      shortId: HOSTILE,
      metadata: { title: HOSTILE, value: HOSTILE, type: HOSTILE },
      type: 'error',
    }));
    for (const layout of ['table', 'div'] as const) {
      const doc = parse(renderIssueListPage(listInput({ layout, issues, query: HOSTILE })));
      expect(countInjected(doc)).toBe(0);
      expect(doc.querySelector('[data-issue-title-primary]')!.textContent).toBe(HOSTILE);
      expect(doc.querySelector('[data-test-id="group"]')!.textContent).toContain(HOSTILE);
    }
  });

  it('on the issue page (frames, context lines, breadcrumbs, tags, request, user, contexts)', () => {
    const issue = {
      ...apiIssueDetail(),
      title: HOSTILE,
      culprit: HOSTILE,
      metadata: { title: HOSTILE, value: HOSTILE },
    };
    const doc = parse(
      renderIssuePage({ org: 'acme', urlForm: 'customer', theme: 'dark', issue, event: hostileEvent(), now: NOW }),
    );
    expect(countInjected(doc)).toBe(0);
    const text = (sel: string) => [...doc.querySelectorAll(sel)].map((e) => e.textContent);
    expect(text('[data-test-id="filename"]')).toContain(HOSTILE);
    expect(text('[data-test-id="function"]')).toContain(HOSTILE);
    expect(text('[data-test-id="context-line"] .line-code')).toContain(HOSTILE);
    expect(text('section#breadcrumbs [data-index]').some((t) => t!.includes(HOSTILE))).toBe(true);
    expect(text('section#tags [data-test-id="tag-tree-row"] [data-test-id="loaded-device-name"]')).toContain(HOSTILE);
    expect(text('section#request [data-test-id="value-unformatted"]')).toContain(HOSTILE);
    expect(text('section#contexts [data-test-id="value-unformatted"]')).toContain(HOSTILE);
    expect(text('[data-test-id="exception-value"] pre')).toContain(HOSTILE);
  });
});

describe('issue page matches the real saved sentry.io page', () => {
  const real = parse(readFileSync(REAL_PAGE_PATH, 'utf8'));
  const issue = { ...apiIssueDetail(), assignedTo: null };
  // The API example plus the kinds of data the real page's event had (packages, a boolean context value).
  const event = {
    ...apiEvent(),
    packages: { express: '4.21.2' },
    contexts: {
      ...apiEvent().contexts,
      runtime: { type: 'runtime', name: 'node', version: 'v24.13.0', crashed: false },
    },
  };
  const doc = parse(renderIssuePage({ org: 'acme', urlForm: 'customer', theme: 'light', issue, event, now: NOW }));
  const values = (d: Document, attr: string) =>
    new Set([...d.querySelectorAll(`[${attr}]`)].map((e) => e.getAttribute(attr)!));

  // Hooks of the real page the replica leaves out, each for a reason.
  const NOT_REPLICATED: Record<string, string> = {
    'whats-new-unread-indicator': 'navigation chrome',
    'platform-icon-node-express': 'platform-specific (replica: platform-icon-<platform>)',
    'icon-close': 'integration banner',
    'icon-check-mark': 'icons',
    'icon-add': 'icons',
    'more-information': 'tooltips',
    trace: 'trace preview needs the trace API',
    'trace-virtualized-list': 'trace preview',
    'trace-virtualized-list-scroll-container': 'trace preview',
    'grouping-info': 'needs the grouping-info API',
    'loaded-grouping-info': 'grouping info',
    seer: 'Seer/AI',
    'upload-avatar': 'modal',
    'modal-backdrop': 'modal',
    all: 'trace filter',
    'value-multiline-string': 'only for multi-line values, absent from this event',
  };

  it('has every data-test-id of the real page except the documented omissions', () => {
    const missing = [...values(real, 'data-test-id')].filter(
      (id) => !values(doc, 'data-test-id').has(id) && !(id in NOT_REPLICATED),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    'Count',
    'EventMessage',
    'GroupActions',
    'ArchiveActions',
    'SubscribeAction',
    'FoldSection',
    'DeprecatedLine',
    'FunctionName',
    'Context',
    'ContextLineNumber',
    'IssueIdBreadcrumb',
    'ShortId',
    'GroupLayoutBody',
    'Breadcrumbs',
    'BreadcrumbLink',
    'EventTitle',
    'IssueDetailsJumpTo',
    'JumpToLink',
    'HighlightsData',
    'Mechanism',
    'InnerContent',
    'DeviceName',
    'SearchQueryBuilderUI',
    'IssueEventNavigation',
    'StreamlinedNoteInput',
    'SegmentedControl',
    'Tag',
    'Truncate',
    'AnnotatedText',
    'EventDetailsContent',
    'SelectionKeyHandler',
    'ExceptionCrumbContent',
    'HTTPCrumbContent',
  ])('uses data-sentry-component="%s" like the real page', (name) => {
    expect(values(real, 'data-sentry-component').has(name)).toBe(true);
    expect(values(doc, 'data-sentry-component').has(name)).toBe(true);
  });

  it.each([
    'View events',
    'Resolve',
    'Archive',
    'More Actions',
    'Modify issue priority',
    'Modify issue assignee',
    'Toggle Context',
    'Tag Actions Menu',
    'Event timestamp',
    'Copy Event ID',
    'Filter frames',
    'Jump to section links',
    'Previous Event',
    'Next Event',
    'Collapse Stack Trace Section',
    'Collapse Highlights Section',
    'Collapse HTTP Request Section',
    'Collapse Contexts Section',
    'Collapse Section',
    'Add a comment',
    'Filter tags',
    'Stack Trace',
    'HTTP Request',
    'Contexts',
    'View Project Details',
    'Open Breadcrumb Search',
    'Primary Navigation',
  ])('has aria-label "%s" like the real page', (label) => {
    expect(values(real, 'aria-label').has(label)).toBe(true);
    expect(values(doc, 'aria-label').has(label)).toBe(true);
  });

  it('keeps the real header structure: counts without aria-labels, group-event-details twice, sections as regions', () => {
    const counts = [...doc.querySelectorAll('header [data-sentry-component="Count"]')];
    expect(counts.map((c) => c.getAttribute('title'))).toEqual([String(Number(issue.count)), String(issue.userCount)]);
    expect(doc.querySelector('[aria-label="Event count"], [aria-label="User count"]')).toBeNull();
    expect(doc.querySelectorAll('[data-test-id="group-event-details"]')).toHaveLength(
      real.querySelectorAll('[data-test-id="group-event-details"]').length,
    );
    for (const id of ['highlights', 'exception', 'breadcrumbs', 'request', 'tags', 'contexts']) {
      expect(doc.querySelector(`section#${id}[role="region"] > div > button[aria-expanded="true"]`)).not.toBeNull();
    }
    expect(doc.querySelector('div[role="banner"] [data-sentry-component="GroupActions"]')).not.toBeNull();
    expect(doc.querySelector('[data-test-id="group-event-details"] > aside')).not.toBeNull();
  });

  it('renders every frame, newest first, with in-app frames marked and the leading one expanded', () => {
    const ev = apiEvent();
    const frames = ev.entries.find((e: any) => e.type === 'exception').data.values[0].stacktrace.frames;
    const lines = [...doc.querySelectorAll('li[data-test-id="line"].frame')];
    expect(lines).toHaveLength(frames.length);
    lines.forEach((li, n) => {
      const f = frames[frames.length - 1 - n];
      expect(li.querySelector('[data-test-id="filename"]')!.textContent).toBe(f.filename);
      expect(li.classList.contains('system-frame')).toBe(!f.inApp);
    });
    expect(doc.querySelectorAll('[data-test-id="toggle-button-expanded"]')).toHaveLength(1);
    expect(doc.querySelectorAll('[data-test-id="frame-context"] [data-test-id="context-line"]').length).toBeGreaterThan(
      0,
    );
  });

  it('content function returns what the document puts in #main', () => {
    const input = {
      org: 'acme',
      urlForm: 'path' as const,
      theme: 'light' as const,
      issue,
      event: apiEvent(),
      now: NOW,
    };
    const page = parse(renderIssuePage(input));
    const frag = parse(`<div id="m">${renderIssuePageContent(input)}</div>`);
    expect(page.querySelector('#main')!.innerHTML).toBe(frag.querySelector('#m')!.innerHTML);
    expect(page.querySelector('[data-test-id="breadcrumb-link"]')!.getAttribute('href')).toMatch(
      /^\/organizations\/acme\/issues\/\?/,
    );
  });
});
