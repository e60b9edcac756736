// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { fakeBackground, makeIssue, pagedIssues, renderPage } from '../triage/testing';
import { buildDigest } from '@/lib/digest/build';
import type { MessageInputOf, ReplyOf } from '@/lib/messages';
import { PopupApp } from './PopupApp';
import type { PageReport } from '@/lib/diagnostics';

let restore = () => {};
afterEach(() => {
  restore();
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

function setup(settings: Settings, report: PageReport | null = null, more: Parameters<typeof fakeBackground>[0] = {}) {
  const bg = fakeBackground({
    'page.status': () => ({ ok: true, data: report }),
    'settings.get': () => ({ ok: true, data: settings }),
    'auth.status': () => ({
      ok: true,
      data: {
        via: 'token',
        sentryUrl: 'https://sentry.io',
        valid: true,
        scopes: ['event:read'],
        missingRead: [],
        missingWrite: [],
      },
    }),
    'llm.status': () => ({ ok: false, error: { kind: 'llm', message: 'Ollama is not running.' } }),
    'orgs.list': () => ({ ok: true, data: [{ id: '1', slug: 'acme', name: 'Acme' }] }),
    'projects.list': () => ({ ok: true, data: [] }),
    'settings.set': (req) => ({ ok: true, data: { ...settings, ...req.patch } }),
    'project.userBase': () => ({ ok: true, data: { count: null, source: 'sentry', reason: 'no users' } }),
    'issues.page': pagedIssues([makeIssue(1), makeIssue(2)]),
    ...more,
  });
  restore = bg.restore;
  renderPage(<PopupApp />);
  return bg;
}

describe('popup', () => {
  it('triages the Sentry org and projects of the active tab', async () => {
    // The fake browser cannot make a tab active, so the active-tab query answers directly.
    const query = vi
      .spyOn(fakeBrowser.tabs, 'query')
      .mockResolvedValue([{ url: 'https://acme.sentry.io/issues/?project=42&project=7' } as never]);
    const bg = setup(DEFAULT_SETTINGS);
    await screen.findByText('Error number 1');
    expect(screen.getByText('(from this tab)')).toBeInTheDocument();
    // Sorted by priority: the set is fetched in pages of 100 to be ranked, in the triage window.
    expect(bg.of('issues.page')[0]).toMatchObject({
      target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
      project: ['42', '7'],
      limit: 100,
      period: '14d',
    });
    expect(screen.getByText('Ranked all 2 unresolved (last 14 days).')).toBeInTheDocument();
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('falls back to the organization in settings, on the token’s Sentry', async () => {
    const bg = setup({ ...DEFAULT_SETTINGS, sentry: { ...DEFAULT_SETTINGS.sentry, org: 'acme' } });
    await screen.findByText('Error number 2');
    expect(screen.getByText('(from Settings)')).toBeInTheDocument();
    expect(bg.of('issues.page')[0]!.target).toEqual({ apiBase: 'https://sentry.io/api/0', org: 'acme' });
  });

  it('opens Settings when there is no org to triage', async () => {
    const bg = setup(DEFAULT_SETTINGS);
    await screen.findByText('Token works for https://sentry.io.');
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true'));
    expect(screen.getByText('Ollama is not running.')).toBeInTheDocument();
    expect(bg.of('issues.page')).toHaveLength(0);
    // Picking an organization in Settings re-targets Triage.
    fireEvent.change(await screen.findByLabelText('Organization'), { target: { value: 'acme' } });
    await waitFor(() => expect(bg.of('issues.page')).toHaveLength(1));
    expect(bg.of('settings.set')[0]!.patch).toEqual({
      sentry: { ...DEFAULT_SETTINGS.sentry, org: 'acme', project: '' },
    });
    expect(bg.of('issues.page')[0]!.target).toEqual({ apiBase: 'https://sentry.io/api/0', org: 'acme' });
  });

  it('says which features could not run on the tab’s page, and copies the diagnostics', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 7, url: 'https://acme.sentry.io/issues/1/' } as never,
    ]);
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void writes.push(t) },
    });
    const report: PageReport = {
      pattern: 'https://:org.sentry.io/issues/:id/',
      kind: 'issue',
      sentryVersion: 'backend@57be8a1',
      at: Date.now(),
      troubles: [
        {
          feature: 'explain-button',
          label: '“Explain with AI” on issue pages',
          missing: ['[data-test-id="group-event-details"]'],
          message: 'Sentry’s issue header and event details were not found on this page.',
        },
      ],
    };
    const bg = setup(DEFAULT_SETTINGS, report);
    const notice = await screen.findByTestId('page-notice');
    expect(bg.of('page.status')[0]).toEqual({ type: 'page.status', tabId: 7 });
    expect(notice).toHaveTextContent(
      '“Explain with AI” on issue pages: Sentry’s issue header and event details were not found',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    await waitFor(() => expect(writes[0]).toContain('Sentry release: backend@57be8a1'));
    expect(writes[0]).toContain('missing: [data-test-id="group-event-details"]');
  });

  it('shows no notice when the page reported nothing wrong', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, url: 'https://acme.sentry.io/issues/' } as never]);
    const bg = setup(DEFAULT_SETTINGS, null);
    await screen.findByText('Error number 1');
    expect(bg.of('page.status')).toHaveLength(1);
    expect(screen.queryByTestId('page-notice')).toBeNull();
  });

  it('summarises the rows in view by itself with automatic summaries on, and drops what waits when the popup goes', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ url: 'https://acme.sentry.io/issues/' } as never]);
    const waiting: string[] = [];
    const bg = setup({ ...DEFAULT_SETTINGS, insights: { ...DEFAULT_SETTINGS.insights, autoSummaries: true } }, null, {
      'summary.get': (req: MessageInputOf<'summary.get'>) =>
        new Promise<ReplyOf<'summary.get'>>(() => void waiting.push(req.issueId)),
      'summary.cancel': () => ({ ok: true, data: 1 }),
    });
    await screen.findByText('Error number 1');
    await waitFor(() => expect(bg.of('summary.get')).toHaveLength(2));
    expect(screen.getByRole('button', { name: 'Summarize' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getAllByText('✦ summarizing…')).toHaveLength(2);
    // The popup closing: its page hides.
    dispatchEvent(new Event('pagehide'));
    expect(
      bg
        .of('summary.cancel')
        .map((m) => m.owner)
        .sort(),
    ).toEqual(
      bg
        .of('summary.get')
        .map((m) => m.owner)
        .sort(),
    );
  });

  it('has a Digest tab for the tab’s organization; leaving Triage for it drops the summaries still waiting', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ url: 'https://acme.sentry.io/issues/' } as never]);
    const digest = buildDigest([{ ...makeIssue(1), shortId: 'APP-1', title: 'Error number 1' }], 24, Date.now());
    const bg = setup(DEFAULT_SETTINGS, null, {
      'summary.get': () => new Promise<ReplyOf<'summary.get'>>(() => {}),
      'summary.cancel': () => ({ ok: true, data: 1 }),
      'digest.build': () => ({ ok: true, data: { digest, narrative: null } }),
    });
    await screen.findByText('Error number 1');
    fireEvent.click(screen.getByRole('button', { name: 'Summarize' }));
    await waitFor(() => expect(bg.of('summary.get')).toHaveLength(2));
    fireEvent.click(screen.getByRole('tab', { name: 'Digest' }));
    await screen.findByText(/^1 issues seen/);
    expect(bg.of('digest.build')[0]).toEqual({
      type: 'digest.build',
      target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
      hours: 24,
      narrative: false,
    });
    expect(bg.of('summary.cancel')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Copy as Markdown' })).toBeInTheDocument();
  });
});
