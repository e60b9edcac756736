// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { fakeBackground, makeIssue, renderPage } from '../triage/testing';
import { PopupApp } from './PopupApp';

let restore = () => {};
afterEach(() => {
  restore();
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

function setup(settings: Settings) {
  const bg = fakeBackground({
    'settings.get': () => ({ ok: true, data: settings }),
    'auth.status': () => ({ ok: true, data: { via: 'token', sentryUrl: 'https://sentry.io', valid: true, scopes: ['event:read'], missingRead: [], missingWrite: [] } }),
    'llm.status': () => ({ ok: false, error: { kind: 'llm', message: 'Ollama is not running.' } }),
    'orgs.list': () => ({ ok: true, data: [{ id: '1', slug: 'acme', name: 'Acme' }] }),
    'projects.list': () => ({ ok: true, data: [] }),
    'settings.set': (req) => ({ ok: true, data: { ...settings, ...req.patch } }),
    'project.userBase': () => ({ ok: true, data: { count: null, source: 'sentry', reason: 'no users' } }),
    'issues.list': () => ({ ok: true, data: { issues: [makeIssue(1), makeIssue(2)], nextCursor: null, prevCursor: null, hits: 2 } }),
  });
  restore = bg.restore;
  renderPage(<PopupApp />);
  return bg;
}

describe('popup', () => {
  it('triages the Sentry org and projects of the active tab', async () => {
    // The fake browser cannot make a tab active, so the active-tab query answers directly.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ url: 'https://acme.sentry.io/issues/?project=42&project=7' } as never]);
    const bg = setup(DEFAULT_SETTINGS);
    await screen.findByText('Error number 1');
    expect(screen.getByText('(from this tab)')).toBeInTheDocument();
    expect(bg.of('issues.list')[0]).toMatchObject({ target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' }, project: ['42', '7'], limit: 25, maxPages: 1 });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('falls back to the organization in settings, on the token’s Sentry', async () => {
    const bg = setup({ ...DEFAULT_SETTINGS, sentry: { ...DEFAULT_SETTINGS.sentry, org: 'acme' } });
    await screen.findByText('Error number 2');
    expect(screen.getByText('(from Settings)')).toBeInTheDocument();
    expect(bg.of('issues.list')[0]!.target).toEqual({ apiBase: 'https://sentry.io/api/0', org: 'acme' });
  });

  it('opens Settings when there is no org to triage', async () => {
    const bg = setup(DEFAULT_SETTINGS);
    await screen.findByText('Token works for https://sentry.io.');
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true'));
    expect(screen.getByText('Ollama is not running.')).toBeInTheDocument();
    expect(bg.of('issues.list')).toHaveLength(0);
    // Picking an organization in Settings re-targets Triage.
    fireEvent.change(await screen.findByLabelText('Organization'), { target: { value: 'acme' } });
    await waitFor(() => expect(bg.of('issues.list')).toHaveLength(1));
    expect(bg.of('settings.set')[0]!.patch).toEqual({ sentry: { ...DEFAULT_SETTINGS.sentry, org: 'acme', project: '' } });
    expect(bg.of('issues.list')[0]!.target).toEqual({ apiBase: 'https://sentry.io/api/0', org: 'acme' });
  });
});
