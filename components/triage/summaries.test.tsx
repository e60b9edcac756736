// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageInputOf, ReplyOf } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { TriageContext } from './context';
import { rowsInView } from './inView';
import { createTriageStore } from './store';
import { createSummaryStore, matchesCause, type SummaryStore } from './summaries';
import { SummaryContext } from './summaryContext';
import { setOwnerConnector } from './summaryPort';
import { fakeBackground, makeIssue, pagedIssues, renderPage, summaryOf } from './testing';
import { TriageView } from './TriageView';
import type { Place } from './target';

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const place: Place = {
  target,
  projects: [],
  link: { webBase: 'https://acme.sentry.io', org: 'acme', hosting: 'saas' },
  source: 'tab',
};

/** summary.get answers that wait until the test lets them through; summary.cancel answers 1. */
function gatedSummaries(
  answer: (req: MessageInputOf<'summary.get'>) => ReplyOf<'summary.get'> = (req) => ({
    ok: true,
    data: summaryOf(req.issueId),
  }),
) {
  const waiting = new Map<string, () => void>();
  return {
    'summary.get': (req: MessageInputOf<'summary.get'>) =>
      new Promise<ReplyOf<'summary.get'>>((resolve) => waiting.set(req.issueId, () => resolve(answer(req)))),
    'summary.cancel': (): ReplyOf<'summary.cancel'> => ({ ok: true, data: 1 }),
    release: async (id: string) => act(async () => waiting.get(id)!()),
  };
}

let restore: (() => void)[] = [];
afterEach(() => {
  restore.forEach((r) => r());
  restore = [];
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function background(answers: Parameters<typeof fakeBackground>[0]) {
  const bg = fakeBackground(answers);
  restore.push(bg.restore);
  const owners: string[] = [];
  restore.push(setOwnerConnector((owner) => (owners.push(owner), { alive: () => true })));
  return { ...bg, owners };
}

describe('the summary store', () => {
  it('asks the rows in view first, then those near, each under its own owner, and names the page once to the background', async () => {
    const g = gatedSummaries();
    const bg = background(g);
    const store = createSummaryStore('popup', { target, on: true });
    store.getState().want(['1', '2'], ['3']);
    expect(bg.of('summary.get').map((m) => [m.issueId, m.priority])).toEqual([
      ['1', 'view'],
      ['2', 'view'],
      ['3', 'near'],
    ]);
    const page = bg.owners[0]!;
    expect(page).toMatch(/^popup-[0-9a-z]{8}$/);
    expect(bg.of('summary.get').map((m) => m.owner)).toEqual([`${page}-1-row`, `${page}-2-row`, `${page}-3-row`]);
    expect(bg.owners).toHaveLength(1);
    // A near row that comes into view is asked again as "view" (the background moves it up); the others are not.
    store.getState().want(['3'], ['1', '2']);
    expect(
      bg
        .of('summary.get')
        .slice(3)
        .map((m) => [m.issueId, m.priority]),
    ).toEqual([['3', 'view']]);
    await g.release('1');
    expect(store.getState().entries['1']).toEqual({ state: 'done', summary: summaryOf('1') });
  });

  it('cancels a row that left before its answer came, and asks it again when it comes back', async () => {
    const bg = background({
      ...gatedSummaries(),
      'summary.get': () => ({
        ok: false,
        error: { kind: 'cancelled', message: 'The page that asked for this was left.' },
      }),
    });
    const store = createSummaryStore('explorer', { target, on: true });
    store.getState().want(['1', '2']);
    store.getState().want(['2', '3']);
    expect(bg.of('summary.cancel')).toEqual([{ type: 'summary.cancel', owner: bg.of('summary.get')[0]!.owner }]);
    expect(store.getState().entries['1']).toBeUndefined();
    await waitFor(() => expect(store.getState().entries['2']).toBeUndefined()); // its answer: cancelled, no failure
    expect(store.getState().error).toBeNull();
    store.getState().want(['1']);
    expect(bg.of('summary.get').filter((m) => m.issueId === '1')).toHaveLength(2);
  });

  it('keeps a failure on its row and says it once; turning summaries on again retries', async () => {
    let fail = true;
    const bg = background({
      'summary.cancel': () => ({ ok: true, data: 0 }),
      'summary.get': (req) =>
        fail
          ? {
              ok: false,
              error: { kind: 'llm', message: 'No model is chosen for summaries.', nextStep: 'Pick a model.' },
            }
          : { ok: true, data: summaryOf(req.issueId) },
    });
    const store = createSummaryStore('popup', { target, on: true });
    store.getState().want(['1', '2']);
    await waitFor(() => expect(store.getState().error?.message).toBe('No model is chosen for summaries.'));
    expect(store.getState().entries['1']!.state).toBe('failed');
    store.getState().want(['1', '2']);
    expect(bg.of('summary.get')).toHaveLength(2); // a failed row is not asked at every scroll
    fail = false;
    store.getState().setOn(false);
    store.getState().setOn(true);
    store.getState().want(['1', '2']);
    await waitFor(() => expect(store.getState().entries['2']!.state).toBe('done'));
    expect(store.getState().error).toBeNull();
  });

  it('asks nothing while off, cancels what waits when turned off, and drops answers for another organization', async () => {
    const g = gatedSummaries();
    const bg = background(g);
    const store = createSummaryStore('popup', { target });
    store.getState().want(['1']);
    expect(bg.of('summary.get')).toHaveLength(0);
    store.getState().setOn(true);
    store.getState().want(['1', '2']);
    await g.release('1');
    store.getState().setOn(false);
    expect(bg.of('summary.cancel').map((m) => m.owner)).toEqual([bg.of('summary.get')[1]!.owner]);
    expect(store.getState().entries['1']!.state).toBe('done'); // what came stays
    store.getState().setOn(true);
    store.getState().want(['3']);
    store.getState().setTarget({ ...target, org: 'other' });
    await g.release('3');
    expect(store.getState().entries).toEqual({});
  });

  it('filters by cause, and by “not summarised”', () => {
    const done = { state: 'done' as const, summary: summaryOf('1', { cause: 'network' }) };
    expect(matchesCause(done, 'network')).toBe(true);
    expect(matchesCause(done, 'database')).toBe(false);
    expect(matchesCause(done, 'none')).toBe(false);
    expect(matchesCause(undefined, 'none')).toBe(true);
    expect(matchesCause({ state: 'asking', priority: 'view' }, 'none')).toBe(true);
    expect(matchesCause(undefined, '')).toBe(true);
  });
});

describe('rows in view', () => {
  const rect = (top: number, height: number) =>
    ({
      top,
      bottom: top + height,
      height,
      left: 0,
      right: 100,
      width: 100,
      x: 0,
      y: top,
      toJSON: () => ({}),
    }) as DOMRect;
  it('splits rows by the list’s box, and counts all as in view where nothing is laid out', () => {
    const box = document.createElement('div');
    const els = [0, 1, 2, 3].map((i) =>
      Object.assign(document.createElement('div'), { getBoundingClientRect: () => rect(i * 40, 40) }),
    );
    const rows = els.map((el, i) => ({ id: String(i), el }));
    expect(rowsInView(box, rows)).toEqual({ view: ['0', '1', '2', '3'], near: [] });
    box.getBoundingClientRect = () => rect(0, 90);
    expect(rowsInView(box, rows)).toEqual({ view: ['0', '1', '2'], near: ['3'] });
  });
});

describe('the popup’s Summarize', () => {
  function setup(
    answers: Parameters<typeof fakeBackground>[0],
    summaries: SummaryStore = createSummaryStore('popup', { target }),
  ) {
    const bg = background({
      'project.userBase': () => ({ ok: true, data: { count: 100, source: 'sentry' } }),
      'issues.page': pagedIssues([1, 2, 3].map((n) => makeIssue(n))),
      ...answers,
    });
    const store = createTriageStore({ pageSize: 25, sleep: async () => {} });
    store.getState().setContext(target, DEFAULT_SETTINGS);
    const view = renderPage(
      <TriageContext.Provider value={store}>
        <SummaryContext.Provider value={summaries}>
          <TriageView place={place} />
        </SummaryContext.Provider>
      </TriageContext.Provider>,
    );
    return { bg, store, summaries, view };
  }

  it('summarises the rows in view on demand: the line under the title, the cause as a tag, as text', async () => {
    const hostile = '<img src=x onerror="alert(1)"> DB pool exhausted';
    const { bg, store } = setup({
      'summary.cancel': () => ({ ok: true, data: 0 }),
      'summary.get': (req) => ({
        ok: true,
        data: summaryOf(
          req.issueId,
          req.issueId === '1002'
            ? { summary: hostile }
            : req.issueId === '1003'
              ? { status: 'unknown', cause: 'unknown', summary: '', reason: 'the answer never fitted the schema' }
              : {},
        ),
      }),
    });
    await act(() => store.getState().load());
    expect(bg.of('summary.get')).toHaveLength(0); // on demand: nothing until asked
    const button = screen.getByRole('button', { name: 'Summarize' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    const row = (id: string) => document.getElementById(`issue-row-${id}`)!;
    await waitFor(() => expect(within(row('1001')).getByText('Line for 1001')).toBeInTheDocument());
    // In the order the list shows them (by priority here).
    const shown = within(screen.getByRole('grid'))
      .getAllByRole('row')
      .map((r) => r.id.replace('issue-row-', ''));
    expect(bg.of('summary.get').map((m) => [m.issueId, m.priority, m.target])).toEqual(
      shown.map((id) => [id, 'view', target]),
    );
    const tag = row('1001').querySelector('[data-cause]')!;
    expect(tag).toHaveAttribute('data-cause', 'database');
    expect(tag).toHaveTextContent(/^Suspected cause: database$/); // the words before the tag are for screen readers
    expect(within(row('1001')).getByTestId('summary-line')).toHaveAttribute(
      'title',
      expect.stringMatching(/^Suspected cause: database \(confidence 80%\)\. From llama3\.2:latest/),
    );
    // Under the title, above the culprit.
    const texts = [...row('1001').querySelectorAll('a, p, [data-testid="summary-line"]')].map((e) => e.textContent);
    expect(texts.indexOf('Error number 1')).toBeLessThan(texts.findIndex((t) => t?.includes('Line for 1001')));
    await waitFor(() => expect(within(row('1002')).getByText(hostile)).toBeInTheDocument());
    expect(row('1002').querySelector('img')).toBeNull();
    expect(within(row('1003')).getByText('✦ unknown')).toBeInTheDocument();
  });

  it('asks the rows the list shows before the others on the page, and the next page’s when paged', async () => {
    const issues = Array.from({ length: 30 }, (_, i) => makeIssue(i + 1));
    const g = gatedSummaries();
    // Only the first four rows are inside the list's 160 px.
    const box = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      const m = /^issue-row-10(\d\d)$/.exec(this.id);
      const top = m ? (Number(m[1]) - 1) * 40 : 0;
      return {
        top,
        bottom: top + (m ? 40 : this.getAttribute('role') === 'grid' ? 160 : 0),
        height: m ? 40 : this.getAttribute('role') === 'grid' ? 160 : 0,
        left: 0,
        right: 400,
        width: 400,
        x: 0,
        y: top,
        toJSON: () => ({}),
      } as DOMRect;
    });
    const { bg, store } = setup({ ...g, 'issues.page': pagedIssues(issues) });
    await act(() => store.getState().setSort('date'));
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(bg.of('summary.get')).toHaveLength(25));
    const asked = bg.of('summary.get');
    expect(asked.slice(0, 4).map((m) => [m.issueId, m.priority])).toEqual([
      ['1001', 'view'],
      ['1002', 'view'],
      ['1003', 'view'],
      ['1004', 'view'],
    ]);
    expect(new Set(asked.slice(4).map((m) => m.priority))).toEqual(new Set(['near']));
    expect(screen.getByText('25 waiting for your model')).toBeInTheDocument();
    // The next page: what still waits of this one is dropped, the new rows are asked.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(bg.of('summary.get').map((m) => m.issueId)).toContain('1026'));
    expect(bg.of('summary.cancel')).toHaveLength(25);
    box.mockRestore();
  });

  it('drops what waits when the list is left', async () => {
    const g = gatedSummaries();
    const { bg, store, view } = setup(g);
    await act(() => store.getState().load());
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(bg.of('summary.get')).toHaveLength(3));
    await g.release('1002');
    view.unmount();
    expect(bg.of('summary.cancel').map((m) => m.owner.replace(/^popup-\w+-/, ''))).toEqual(['1001-row', '1003-row']);
  });

  it('says the model’s trouble once, next to the button', async () => {
    const { store } = setup({
      'summary.cancel': () => ({ ok: true, data: 0 }),
      'summary.get': () => ({
        ok: false,
        error: {
          kind: 'llm',
          message: 'No model is chosen for summaries.',
          nextStep: 'Pick a model in Dexter’s settings.',
        },
      }),
    });
    await act(() => store.getState().load());
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    expect(
      await screen.findByText('No model is chosen for summaries. Pick a model in Dexter’s settings.'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('✦ no summary')).toHaveLength(3);
  });
});
