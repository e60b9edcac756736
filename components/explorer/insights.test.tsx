// @vitest-environment happy-dom
// The Explorer's parts of issue #17: the summary column (only the rows in view ask; filterable by cause) and the digest
// view with the Explorer's exports.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDigest } from '@/lib/digest/build';
import { digestMarkdown } from '@/lib/digest/format';
import type { MessageInputOf, ReplyOf } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { setOwnerConnector } from '../triage/summaryPort';
import { fakeBackground, makeIssue, pagedIssues, renderPage, summaryOf } from '../triage/testing';
import { exportDigest } from './digestExport';
import { ExplorerApp } from './ExplorerApp';

// happy-dom does no layout: the table's scroll box is 600 px high (15 rows of 40 px).
const proto = HTMLElement.prototype;
beforeAll(() => Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 600 }));
afterAll(() => delete (proto as any).clientHeight);
let restore: (() => void)[] = [];
afterEach(() => {
  restore.forEach((r) => r());
  restore = [];
  location.hash = '';
  vi.restoreAllMocks();
});

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
const issues = Array.from({ length: 500 }, (_, i) => makeIssue(i + 1));
/** One issue in three fails over the network, the others in the database. */
const causeOf = (id: string) => (Number(id) % 3 ? 'database' : 'network') as 'network' | 'database';

function open(more: Parameters<typeof fakeBackground>[0] = {}, settings: Settings = DEFAULT_SETTINGS, view = '') {
  location.hash =
    '#' +
    new URLSearchParams({
      q: 'is:unresolved',
      apiBase: target.apiBase,
      org: target.org,
      ...(view ? { view } : {}),
    }).toString();
  const bg = fakeBackground({
    'settings.get': () => ({ ok: true, data: settings }),
    'auth.status': () => ({
      ok: true,
      data: {
        via: 'session',
        sentryUrl: 'https://sentry.io',
        valid: true,
        scopes: [],
        missingRead: [],
        missingWrite: [],
      },
    }),
    'issues.page': pagedIssues(issues),
    'project.userBase': () => ({ ok: true, data: { count: 1000, source: 'sentry' } }),
    'summary.get': (req) => ({
      ok: true,
      data: summaryOf(req.issueId, { cause: causeOf(req.issueId), summary: `Why ${req.issueId} fails` }),
    }),
    'summary.cancel': () => ({ ok: true, data: 1 }),
    ...more,
  });
  restore.push(
    bg.restore,
    setOwnerConnector(() => ({ alive: () => true })),
  );
  renderPage(<ExplorerApp />);
  return bg;
}
const loaded = () => screen.findByText('500 of 500 issues', {}, { timeout: 10_000 });
const bodyRows = () => within(screen.getByRole('grid')).getAllByRole('row').slice(1);
const rowIds = () => bodyRows().map((r) => r.id.replace('explorer-row-', ''));

describe('the Explorer’s summary column', () => {
  it('asks only for the rows in view (the mounted ones around them after), and shows the line, cause and confidence', async () => {
    const bg = open();
    await loaded();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Summary');
    expect(bg.of('summary.get')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(bg.of('summary.get').length).toBeGreaterThan(0));
    const shown = rowIds();
    const asked = bg.of('summary.get');
    // 600 px of 40 px rows: the first 15 are in view and asked first; the overscan rows after them are "near".
    expect(asked.filter((m) => m.priority === 'view').map((m) => m.issueId)).toEqual(shown.slice(0, 15));
    expect(asked.filter((m) => m.priority === 'near').map((m) => m.issueId)).toEqual(shown.slice(15));
    expect(asked.length).toBeLessThan(30);
    const first = document.getElementById(`explorer-row-${shown[0]}`)!;
    await waitFor(() => expect(first).toHaveTextContent(`Why ${shown[0]} fails`));
    expect(first).toHaveTextContent(`${causeOf(shown[0]!)} · 80%`);
  });

  it('asks for the rows scrolled to, and drops those scrolled past before their answer came', async () => {
    const bg = open({ 'summary.get': () => new Promise<ReplyOf<'summary.get'>>(() => {}) });
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(bg.of('summary.get').length).toBeGreaterThan(0));
    const before = new Set(bg.of('summary.get').map((m) => m.issueId));
    const scroller = screen.getByRole('rowgroup', { name: 'Issues (scroll)' });
    act(() => {
      scroller.scrollTop = 40 * 200;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(bg.of('summary.cancel').length).toBeGreaterThan(0));
    const later = bg
      .of('summary.get')
      .map((m) => m.issueId)
      .filter((id) => !before.has(id));
    expect(later.length).toBeGreaterThan(10);
    expect(rowIds()).toEqual(expect.arrayContaining(later));
    const cancelled = bg.of('summary.cancel').map((m) => m.owner.replace(/^explorer-\w+-(\d+)-row$/, '$1'));
    expect(new Set(cancelled)).toEqual(before);
  });

  it('filters the loaded issues by suspected cause, and to those not summarised', async () => {
    open();
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    const select = screen.getByLabelText('Suspected cause');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Any',
      'code defect',
      'bad input',
      'failed request to a dependency',
      'database',
      'resource exhaustion',
      'configuration',
      'network',
      'unknown',
      'Not summarised',
    ]);
    const inView = rowIds().slice(0, 15);
    await waitFor(() =>
      expect(document.getElementById(`explorer-row-${inView[14]}`)).toHaveTextContent(`Why ${inView[14]} fails`),
    );
    fireEvent.change(select, { target: { value: 'network' } });
    await waitFor(() => expect(rowIds().every((id) => causeOf(id) === 'network')).toBe(true));
    expect(rowIds().length).toBeGreaterThan(3);
    expect(screen.getByText(/^\d+ of 500 issues$/).textContent).not.toBe('500 of 500 issues');
    fireEvent.change(select, { target: { value: 'none' } });
    await waitFor(() => expect(rowIds()).not.toContain(inView[0]));
    fireEvent.change(select, { target: { value: '' } });
    await screen.findByText('500 of 500 issues');
  });

  it('summarises by itself with automatic summaries on, and drops what waits when the digest is shown instead', async () => {
    const bg = open(
      {
        'summary.get': () => new Promise<ReplyOf<'summary.get'>>(() => {}),
        'digest.build': () => ({ ok: true, data: { digest: buildDigest([], 24, Date.now()), narrative: null } }),
      },
      { ...DEFAULT_SETTINGS, insights: { ...DEFAULT_SETTINGS.insights, autoSummaries: true } },
    );
    await loaded();
    await waitFor(() => expect(bg.of('summary.get').length).toBeGreaterThan(15));
    fireEvent.click(screen.getByRole('tab', { name: 'Digest' }));
    await waitFor(() => expect(bg.of('summary.cancel')).toHaveLength(bg.of('summary.get').length));
  });
});

describe('the Explorer’s digest', () => {
  const now = Date.now();
  const hostile = '=HYPERLINK("https://evil.example","x")';
  const digest = buildDigest(
    [
      {
        ...makeIssue(1),
        shortId: 'APP-1',
        title: hostile,
        substatus: 'escalating',
        lastSeen: new Date(now - 60_000).toISOString(),
      },
      {
        ...makeIssue(2),
        shortId: 'APP-2',
        title: 'Error number 2',
        lastSeen: new Date(now - 60_000).toISOString(),
        firstSeen: new Date(now - 3_600_000).toISOString(),
      },
    ],
    24,
    now,
  );

  it('is asked for only when shown, opens from the link’s view=digest, and exports CSV, JSON and Markdown', async () => {
    const files: { name: string; blob: Blob }[] = [];
    let lastBlob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((lastBlob = b as Blob), 'blob:dexter'));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      files.push({ name: this.download, blob: lastBlob! });
    });
    const answer = (req: MessageInputOf<'digest.build'>): ReplyOf<'digest.build'> => ({
      ok: true,
      data: { digest: { ...digest, hours: req.hours }, narrative: null },
    });
    const bg = open({ 'digest.build': answer }, DEFAULT_SETTINGS, 'digest');
    expect(await screen.findByRole('tab', { name: 'Digest' })).toHaveAttribute('aria-selected', 'true');
    await screen.findByText(/^2 issues seen/);
    expect(bg.of('digest.build')).toEqual([{ type: 'digest.build', target, hours: 24, narrative: false }]);
    // The menu's CSV, as a user picks it (the other two formats: exportDigest below, the same call).
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Export digest' })));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    await waitFor(() => expect(files).toHaveLength(1));
    exportDigest('json', { digest, narrative: null }, (id) => `https://acme.sentry.io/issues/${id}/`);
    exportDigest('md', { digest, narrative: null }, (id) => `https://acme.sentry.io/issues/${id}/`);
    expect(files.map((f) => f.name.replace(/\d{4}-.*\./, 'STAMP.'))).toEqual([
      'dexter-digest-24h-STAMP.csv',
      'dexter-digest-24h-STAMP.json',
      'dexter-digest-24h-STAMP.md',
    ]);
    const csv = Papa.parse<string[]>((await files[0]!.blob.text()).trim()).data;
    expect(csv[0]).toEqual([
      'shortId',
      'title',
      'project',
      'release',
      'level',
      'events',
      'users',
      'priority',
      'isNew',
      'substatus',
      'lists',
      'firstSeen',
      'lastSeen',
      'link',
    ]);
    const app1 = csv.find((r) => r[0] === 'APP-1')!;
    expect(app1[1]).toBe(`'${hostile}`); // a formula is defused
    expect(app1[10]).toBe('top; escalating');
    expect(app1[13]).toBe('https://acme.sentry.io/issues/1001/');
    expect(csv.find((r) => r[0] === 'APP-2')![8]).toBe('yes');
    expect(JSON.parse(await files[1]!.blob.text())).toEqual({ digest, narrative: null });
    expect(await files[2]!.blob.text()).toBe(digestMarkdown(digest, null));
  });

  it('leaves the digest unasked in an Explorer opened on the issues', async () => {
    const bg = open({ 'digest.build': () => ({ ok: true, data: { digest, narrative: null } }) });
    await loaded();
    expect(bg.of('digest.build')).toHaveLength(0);
    fireEvent.click(screen.getByRole('tab', { name: 'Digest' }));
    await screen.findByText(/^2 issues seen/);
    // Back to the issues and to the digest again: still the one digest view, not asked again.
    fireEvent.click(screen.getByRole('tab', { name: 'Issues' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Digest' }));
    expect(bg.of('digest.build')).toHaveLength(1);
  });
});
