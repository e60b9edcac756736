// @vitest-environment happy-dom
// The detail panel with events built to be heavy: 10,000 frames and breadcrumbs, and megabyte fields.
import { fireEvent, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import issueFixture from '@/tests/fixtures/sentry/openapi-examples/issue-detail.json';
import { event as eventSchema, issueDetail as issueDetailSchema } from '@/lib/sentry/schemas';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground, renderPage } from '../triage/testing';
import { shownSegments } from './cut';
import { DetailPanel } from './DetailPanel';
import { frameRows, groupFrames } from './event';

let restore = () => {};
afterEach(() => restore());
const target = { apiBase: 'https://sentry.io/api/0', org: 'acme' };
const mask = DEFAULT_SETTINGS.privacy.maskInUi;
const N = 10_000;

/** Frames oldest first as SDKs send them; every 100th is in-app with context. Shown newest first: index N-1-i. */
function deepEvent(over: Record<string, unknown> = {}) {
  const frames = Array.from({ length: N }, (_, i) => {
    const inApp = i % 100 === 0;
    return {
      function: inApp ? `handle${i}` : `lib${i}`,
      filename: inApp ? `src/app${i}.ts` : `node_modules/x/${i}.js`,
      lineNo: i + 1,
      inApp,
      context: inApp
        ? [
            [i, 'before()'],
            [i + 1, `boom_${i}()`],
            [i + 2, 'after()'],
          ]
        : [],
    };
  });
  const crumbs = Array.from({ length: N }, (_, i) => ({
    type: 'default',
    category: 'console',
    level: 'info',
    message: `log line ${i}`,
    timestamp: '2024-01-01T00:00:00Z',
    data: { url: `/api/orders/${i}` },
  }));
  return {
    id: 'e1',
    eventID: 'e1',
    title: 'RangeError: deep',
    dateCreated: '2024-01-01T00:00:00Z',
    tags: [],
    contexts: {},
    entries: [
      {
        type: 'exception',
        data: { values: [{ type: 'RangeError', value: 'Maximum call stack size exceeded', stacktrace: { frames } }] },
      },
      { type: 'breadcrumbs', data: { values: crumbs } },
    ],
    ...over,
  };
}

function setup(ev: unknown, issue: unknown = issueFixture) {
  const bg = fakeBackground({
    'issue.get': () => ({ ok: true, data: issueDetailSchema.parse(issue) }),
    'issue.event': () => ({ ok: true, data: eventSchema.parse(ev) }),
  });
  restore = bg.restore;
  renderPage(<DetailPanel target={target} issueId="1" mask={mask} onStatus={() => {}} />);
}

describe('detail panel with a 10,000-frame, 10,000-breadcrumb event', () => {
  it('keeps only a window of frame rows in the DOM, even with a 99-frame library run opened', async () => {
    setup(deepEvent());
    const list = await screen.findByRole('list', { name: 'Frames of RangeError, newest first' });
    expect(screen.getByText('10,000 frames')).toBeInTheDocument();
    // 100 in-app frames and 100 collapsed runs: 200 rows, of which a window is rendered.
    const before = within(list).getAllByRole('listitem');
    expect(before.length).toBeGreaterThan(5);
    expect(before.length).toBeLessThan(60);
    // Newest first: the crash site is the last frame sent, and the first in-app one is 99 frames below it.
    expect(within(list).getAllByText('▸ 99 library frames').length).toBeGreaterThan(3);
    expect(screen.getByText(/boom_9900\(\)/)).toHaveAttribute('data-error-line', 'true');
    fireEvent.click(within(list).getAllByText('▸ 99 library frames')[0]!);
    expect(within(list).getByText(/^lib9998 — node_modules/)).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(60);
  });

  it('navigates 60 in-app frames deep and still shows that frame as current, with its context lines, scrolled to', async () => {
    setup(deepEvent());
    const list = await screen.findByRole('list', { name: 'Frames of RangeError, newest first' });
    const scrolls: number[] = [];
    // happy-dom does no layout: give the list a 400 px box over 200 rows of ~24 px, and record scroll requests.
    Object.defineProperty(list, 'clientHeight', { configurable: true, get: () => 400 });
    Object.defineProperty(list, 'scrollHeight', { configurable: true, get: () => 200 * 24 });
    list.scrollTo = ((o: ScrollToOptions) => scrolls.push(o.top ?? 0)) as typeof list.scrollTo;
    const next = screen.getByRole('button', { name: 'Next in-app frame' });
    for (let k = 0; k < 60; k++) fireEvent.click(next);
    // 61st in-app frame from the top: sent index 9900 - 60 * 100.
    const line = await screen.findByText(/boom_3900\(\)/);
    expect(line).toHaveAttribute('data-error-line', 'true');
    const current = list.querySelector('[aria-current="true"]')!;
    expect(current).toHaveTextContent('handle3900 — src/app3900.ts:3901');
    expect(screen.queryByText(/boom_9900\(\)/)).toBeNull();
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(60);
    // The list was asked to scroll to the current row (row 121 of 200, about 24 px a row).
    expect(scrolls.at(-1)).toBeGreaterThan(100 * 24);
    fireEvent.click(screen.getByRole('button', { name: 'Previous in-app frame' }));
    expect(await screen.findByText(/boom_4000\(\)/)).toHaveAttribute('data-error-line', 'true');
  });

  it('renders a window of the breadcrumbs, serialising a crumb’s data only when it is opened', async () => {
    setup(deepEvent());
    await screen.findByRole('list', { name: 'Frames of RangeError, newest first' });
    fireEvent.click(screen.getByRole('button', { name: 'Breadcrumbs' }));
    const list = await screen.findByRole('list', { name: 'Breadcrumbs, oldest first' });
    expect(screen.getByText('10,000 breadcrumbs, oldest first')).toBeInTheDocument();
    const items = within(list).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(3);
    expect(items.length).toBeLessThan(60);
    expect(items[0]).toHaveAttribute('aria-setsize', '10000');
    expect(within(list).getByText('log line 0')).toBeInTheDocument();
    expect(within(list).queryByText('log line 9999')).toBeNull();
    expect(list.textContent).not.toContain('/api/orders/0');
    const toggle = within(items[0]!).getByRole('button', { name: '▸ data' });
    fireEvent.click(toggle);
    expect(within(list).getByRole('button', { name: '▾ hide data' })).toHaveAttribute('aria-expanded', 'true');
    expect(items[0]).toHaveTextContent('"url": "/api/orders/0"');
  });
});

describe('long fields', () => {
  const MB = 1_000_000;
  // An email straddles the 2,000-character cut; another sits far past it.
  const huge =
    'a '.repeat(995) +
    'x jane.doe@example.com ' +
    'b'.repeat(MB - 2013 - 50) +
    ' late.user@example.org ' +
    'c'.repeat(27);

  it('shows a 1 MB message capped, says how much was cut, masks across the cut, and expands on request', async () => {
    setup(deepEvent({ message: huge }));
    const notice = await screen.findByRole('button', { name: /more characters cut — show all 1,000,000$/ });
    expect(notice).toHaveAttribute('aria-expanded', 'false');
    const field = notice.parentElement!;
    expect(field.textContent!.length).toBeLessThan(2_200);
    expect(field).not.toHaveTextContent('jane.doe@example.com');
    expect(within(field).getByRole('button', { name: 'Reveal hidden email' })).toBeInTheDocument();
    expect(field.textContent).not.toContain('late.user');
    const cut = Number(notice.textContent!.match(/… ([\d,]+) more/)![1]!.replace(/,/g, ''));
    // The masked email across the cut is shown whole: the view ends where it ends.
    expect(cut).toBe(MB - (huge.indexOf('jane.doe@example.com') + 'jane.doe@example.com'.length));
    fireEvent.click(notice);
    const less = within(field).getByRole('button', { name: 'show only the first 2,000 characters' });
    expect(less).toHaveAttribute('aria-expanded', 'true');
    expect(field.textContent!.length).toBeGreaterThan(MB);
    expect(within(field).getAllByRole('button', { name: 'Reveal hidden email' })).toHaveLength(2);
    fireEvent.click(less);
    expect(field.textContent!.length).toBeLessThan(2_200);
  });

  it('caps a 100 KB title, frame names and source lines as text, never as HTML', async () => {
    const big = '<img src=x onerror="window.__pwned=1">' + 'y'.repeat(100_000);
    const ev = deepEvent();
    const exc = (ev.entries[0]!.data as any).values[0];
    exc.stacktrace.frames = [
      {
        function: big,
        filename: big,
        lineNo: 2,
        inApp: true,
        context: [
          [1, big],
          [2, big],
        ],
      },
    ];
    setup(ev, { ...issueFixture, title: big });
    const heading = await screen.findByRole('heading', { name: /^<img src=x onerror/ });
    expect(heading.textContent!.length).toBeLessThan(2_200);
    expect(within(heading).getByRole('button', { name: /98,0\d\d more characters cut/ })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Frames of RangeError, newest first' });
    expect(list.textContent!.length).toBeLessThan(6_000 + 1_000);
    expect(list).toHaveTextContent(/more characters cut/);
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('helpers', () => {
  it('frameRows collapses library runs unless opened or holding the current frame', () => {
    const f = (inApp: boolean) => ({ inApp });
    const groups = groupFrames([f(true), f(false), f(false), f(true), f(false)]);
    expect(frameRows(groups, new Set(), 0)).toEqual([
      { kind: 'frame', index: 0, inApp: true },
      { kind: 'library', start: 1, count: 2 },
      { kind: 'frame', index: 3, inApp: true },
      { kind: 'library', start: 4, count: 1 },
    ]);
    expect(frameRows(groups, new Set([1]), 0).map((r) => r.kind)).toEqual([
      'frame',
      'frame',
      'frame',
      'frame',
      'library',
    ]);
    expect(frameRows(groups, new Set(), 4).at(-1)).toEqual({ kind: 'frame', index: 4, inApp: false });
  });

  it('shownSegments shows a prefix of the text, at least the limit, with no finding split', () => {
    const rules = { email: true };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(' a@b.io '), fc.string({ maxLength: 40 }))),
        fc.integer({ min: 1, max: 300 }),
        (parts, limit) => {
          const text = parts.join('');
          const { segments, shown, total } = shownSegments(text, rules, limit);
          const joined = segments.map((s) => s.text).join('');
          expect(joined).toBe(text.slice(0, shown));
          expect(total).toBe(text.length);
          expect(shown).toBeGreaterThanOrEqual(Math.min(limit, text.length));
          // Past the limit only by a finding kept whole.
          if (shown > limit) expect(segments.at(-1)!.finding).toBeDefined();
          const full = shownSegments(text, rules, null)
            .segments.filter((s) => s.finding)
            .map((s) => s.text);
          for (const s of segments.filter((x) => x.finding)) expect(full).toContain(s.text);
        },
      ),
    );
  });
});
