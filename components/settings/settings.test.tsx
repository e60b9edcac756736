// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { AuthStatus, LlmStatus } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground, renderPage } from '../triage/testing';
import { SettingsContext } from './context';
import { checkSentryUrl } from './sentryUrl';
import { percentToShare } from './ListSection';
import { budgetFromText, contextLine } from './LlmLimits';
import { SettingsView } from './SettingsView';
import { createSettingsStore } from './store';

let restore = () => {};
afterEach(() => restore());

const noToken: AuthStatus = { via: null, sentryUrl: null, valid: false, scopes: [], missingRead: [], missingWrite: [] };
const llmOk: LlmStatus = {
  provider: 'ollama',
  url: 'http://127.0.0.1:11434',
  reachable: true,
  postAllowed: true,
  models: ['llama3.2:3b', 'qwen2.5:7b'],
  model: 'llama3.2:3b',
  modelMissing: false,
  originRuleActive: true,
};

function setup(answers: Parameters<typeof fakeBackground>[0]) {
  const bg = fakeBackground({
    'settings.get': () => ({ ok: true, data: DEFAULT_SETTINGS }),
    'auth.status': () => ({ ok: true, data: noToken }),
    'llm.status': () => ({ ok: true, data: llmOk }),
    'orgs.list': () => ({ ok: true, data: [{ id: '1', slug: 'acme', name: 'Acme Inc' }] }),
    'settings.set': (req) => ({ ok: true, data: { ...DEFAULT_SETTINGS, ...req.patch } }),
    ...answers,
  });
  restore = bg.restore;
  const store = createSettingsStore();
  renderPage(
    <SettingsContext.Provider value={store}>
      <SettingsView />
    </SettingsContext.Provider>,
  );
  return { bg, store };
}

describe('settings form', () => {
  it('saves a token for the chosen Sentry and shows the scopes it lacks', async () => {
    let auth = noToken;
    const { bg } = setup({
      'auth.status': () => ({ ok: true, data: auth }),
      'auth.set': (req) => {
        auth = {
          via: 'token',
          sentryUrl: req.sentryUrl,
          valid: true,
          scopes: ['org:read', 'project:read'],
          missingRead: ['event:read'],
          missingWrite: ['event:write', 'project:write'],
        };
        return { ok: true, data: null };
      },
    });
    await screen.findByText(/Not signed in/);
    fireEvent.change(screen.getByLabelText(/Auth token/), { target: { value: 'sntryu_abcdef0123456789' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save token' }));
    await screen.findByText(/Token works for https:\/\/sentry.io/);
    expect(bg.of('auth.set')[0]).toEqual({
      type: 'auth.set',
      token: 'sntryu_abcdef0123456789',
      sentryUrl: 'https://sentry.io',
    });
    expect(screen.getByText('Missing for reading issues: event:read')).toBeInTheDocument();
    expect(screen.getByText(/Cannot resolve or ignore — missing: event:write or project:write/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/Auth token/)).toHaveValue(''));
  });

  it('says when the token is rejected, with the next step', async () => {
    setup({
      'auth.status': () => ({
        ok: true,
        data: {
          ...noToken,
          via: 'token',
          sentryUrl: 'https://sentry.io',
          error: { kind: 'auth', message: 'Sentry rejected the token (401).', nextStep: 'Create a new token.' },
        },
      }),
    });
    await screen.findByText(/The token is invalid or expired/);
    expect(screen.getByText('Create a new token.')).toBeInTheDocument();
  });

  it('says Dexter reads through the sentry.io login in session mode, and loads the organizations', async () => {
    const { bg } = setup({
      'auth.status': () => ({ ok: true, data: { ...noToken, via: 'session', sentryUrl: 'https://sentry.io' } }),
    });
    await screen.findByText(/Reading through your sentry.io login/);
    await screen.findByRole('option', { name: 'Acme Inc' });
    expect(bg.of('orgs.list')).toHaveLength(1);
  });

  it('shows the Ollama status: ready, unreachable, forbidden, model missing', async () => {
    const { store } = setup({});
    await screen.findByText('Ready: llama3.2:3b at http://127.0.0.1:11434');
    store.setState({ llm: { ...llmOk, reachable: false } });
    await screen.findByText(/Cannot reach http:\/\/127.0.0.1:11434. Is Ollama running/);
    store.setState({
      llm: {
        ...llmOk,
        postAllowed: false,
        error: { kind: 'llm', message: 'The model server answered 403.', detail: { kind: 'origin-blocked' } },
      },
    });
    await screen.findByText(/refused \(403\)/);
    store.setState({
      llm: {
        ...llmOk,
        postAllowed: false,
        error: {
          kind: 'llm',
          message: 'The model server at http://127.0.0.1:18080 answered 401: Invalid API Key.',
          nextStep: "Check the API key in Dexter's settings.",
          detail: { kind: 'http-error' },
        },
      },
    });
    await screen.findByText('Reachable, but the server refused Dexter’s test request.');
    expect(screen.getByText(/answered 401: Invalid API Key/)).toBeInTheDocument();
    store.setState({ llm: { ...llmOk, model: 'mistral', modelMissing: true } });
    await screen.findByText('Model “mistral” is not installed. Available: llama3.2:3b, qwen2.5:7b');
  });

  it('saves a picked model as a whole llm section and checks the model again', async () => {
    const { bg } = setup({});
    await screen.findByText(/Ready:/);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'qwen2.5:7b' } });
    await waitFor(() => expect(bg.of('settings.set')).toHaveLength(1));
    expect(bg.of('settings.set')[0]!.patch).toEqual({ llm: { ...DEFAULT_SETTINGS.llm, model: 'qwen2.5:7b' } });
    await waitFor(() => expect(bg.of('llm.status')).toHaveLength(2));
  });

  it('turns a feature off', async () => {
    const { bg } = setup({});
    fireEvent.click(await screen.findByLabelText(/^Sparklines on the issue list/));
    await waitFor(() =>
      expect(bg.of('settings.set')[0]?.patch).toEqual({
        features: { ...DEFAULT_SETTINGS.features, 'list-sparkline': false },
      }),
    );
  });

  it('turns reading through the sentry.io session off', async () => {
    const { bg } = setup({});
    const session = await screen.findByLabelText(/^Read through my sentry\.io session/);
    expect(session).toBeChecked();
    fireEvent.click(session);
    await waitFor(() =>
      expect(bg.of('settings.set')[0]?.patch).toEqual({ sentry: { ...DEFAULT_SETTINGS.sentry, useSession: false } }),
    );
  });

  it('sets local-AI triage: automatic summaries, calls at once, and an embedding model from the server’s list', async () => {
    const { bg } = setup({});
    fireEvent.click(await screen.findByLabelText(/^Summarise the rows in view automatically/));
    await waitFor(() =>
      expect(bg.of('settings.set')[0]?.patch).toEqual({
        insights: { ...DEFAULT_SETTINGS.insights, autoSummaries: true },
      }),
    );
    const calls = screen.getByLabelText(/^Summary calls at once per model server/);
    fireEvent.change(calls, { target: { value: '9' } }); // beyond what a server should be asked: not saved
    fireEvent.blur(calls);
    fireEvent.change(calls, { target: { value: '2' } });
    fireEvent.blur(calls);
    await waitFor(() => expect(bg.of('settings.set')).toHaveLength(2));
    expect(bg.of('settings.set')[1]!.patch).toMatchObject({ insights: { concurrency: 2 } });
    const embed = screen.getByLabelText(/^Embedding model for similar issues/);
    expect([...embed.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'None (model-free similarity)',
      'llama3.2:3b',
      'qwen2.5:7b',
    ]);
    fireEvent.change(embed, { target: { value: 'qwen2.5:7b' } });
    await waitFor(() => expect(bg.of('settings.set')).toHaveLength(3));
    expect(bg.of('settings.set')[2]!.patch).toMatchObject({ insights: { embedModel: 'qwen2.5:7b' } });
  });
});

describe('the LLM server URL', () => {
  it('asks the browser for that one host and port from the click, then saves the URL and checks it again', async () => {
    const ask = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const { bg } = setup({});
    const input = await screen.findByLabelText('Server URL');
    fireEvent.change(input, { target: { value: 'http://127.0.0.1:18080/v1/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(ask).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:18080/*'] }); // synchronously: the click's gesture
    await waitFor(() => expect(bg.of('settings.set')).toHaveLength(1));
    expect(bg.of('settings.set')[0]!.patch).toEqual({
      llm: { ...DEFAULT_SETTINGS.llm, url: 'http://127.0.0.1:18080/v1' },
    });
    await waitFor(() => expect(bg.of('llm.status')).toHaveLength(2));
    ask.mockRestore();
  });

  it('saves nothing when the browser refuses, and says why', async () => {
    const ask = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const { bg } = setup({});
    fireEvent.change(await screen.findByLabelText('Server URL'), { target: { value: 'http://gpu-box.lan:11434' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(
      'Dexter needs access to http://gpu-box.lan:11434 to talk to the model; the browser did not grant it.',
    );
    expect(bg.of('settings.set')).toHaveLength(0);
    ask.mockRestore();
  });

  it('refuses a URL that is not one, without asking the browser', async () => {
    const ask = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    setup({});
    fireEvent.change(await screen.findByLabelText('Server URL'), { target: { value: '127.0.0.1:1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Enter a full URL/);
    expect(ask).not.toHaveBeenCalled();
    ask.mockRestore();
  });

  it('says access is missing when that is what stops the requests', async () => {
    const { store } = setup({});
    await screen.findByText(/Ready:/);
    store.setState({
      llm: { ...llmOk, url: 'http://gpu-box.lan:11434', hostAccess: false, reachable: false, postAllowed: false },
    });
    await screen.findByText(/Dexter has no access to http:\/\/gpu-box.lan:11434 yet/);
    store.setState({ llm: { ...llmOk, hostAccess: false } }); // a server that sends CORS headers works without it
    await screen.findByText(/Ready:/);
  });
});

describe('the LLM API key', () => {
  it('sends the key once, clears the field, and shows only that one is set', async () => {
    let apiKey: LlmStatus['apiKey'] = 'none';
    const { bg } = setup({
      'settings.get': () => ({
        ok: true,
        data: {
          ...DEFAULT_SETTINGS,
          llm: { ...DEFAULT_SETTINGS.llm, provider: 'openai', url: 'http://127.0.0.1:18080' },
        },
      }),
      'llm.status': () => ({ ok: true, data: { ...llmOk, provider: 'openai', apiKey } }),
      'llm.key.set': () => ((apiKey = 'set'), { ok: true, data: null }),
      'llm.key.clear': () => ((apiKey = 'none'), { ok: true, data: null }),
    });
    const field = await screen.findByLabelText(/API key/);
    expect(screen.getByRole('button', { name: 'Save key' })).toBeDisabled();
    fireEvent.change(field, { target: { value: ' sk-local-123 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await screen.findByText('An API key is set for this server.');
    expect(bg.of('llm.key.set')).toEqual([{ type: 'llm.key.set', apiKey: 'sk-local-123' }]);
    await waitFor(() => expect(field).toHaveValue(''));
    expect(document.body.textContent).not.toContain('sk-local-123');
    fireEvent.click(screen.getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(screen.queryByText('An API key is set for this server.')).toBeNull());
    expect(bg.of('llm.key.clear')).toHaveLength(1);
  });

  it('says when the stored key is for another server; an Ollama without a key shows no field', async () => {
    const { store } = setup({});
    await screen.findByText(/Ready:/);
    expect(screen.queryByLabelText(/API key/)).toBeNull();
    store.setState({ llm: { ...llmOk, apiKey: 'other-server' } });
    await screen.findByText('The stored API key belongs to another server, so Dexter does not send it here.');
  });
});

describe('prompt budget, stall timeout and the model’s context', () => {
  const context = {
    tokens: 8192,
    source: 'ollama-model' as const,
    promptBudget: 5120,
    answerReserve: 2048,
    capped: false,
  };

  it('reads the model’s context back with the budget that follows from it', async () => {
    setup({ 'llm.status': () => ({ ok: true, data: { ...llmOk, context } }) });
    expect((await screen.findByTestId('llm-context')).textContent).toBe(
      'Model context: 8,192 tokens (from the model); prompt budget 5,120, 2,048 kept for the answer',
    );
  });

  it('says when the server does not tell, and when the user’s budget was cut to fit', () => {
    expect(
      contextLine({ tokens: null, source: null, promptBudget: 4000, answerReserve: 2048, capped: false }, 'auto'),
    ).toBe('Model context: unknown (the server does not say); prompt budget 4,000');
    expect(
      contextLine({ tokens: 2048, source: 'vllm', promptBudget: 853, answerReserve: 1024, capped: true }, 12_000),
    ).toBe(
      'Model context: 2,048 tokens (from vLLM); prompt budget 853 — your 12,000 does not fit, 1,024 kept for the answer',
    );
  });

  it('saves a budget as the user’s override, an empty field as automatic, and asks the status again', async () => {
    let settings = DEFAULT_SETTINGS;
    const { bg } = setup({
      'settings.set': (req) => ((settings = { ...settings, ...(req.patch as object) }), { ok: true, data: settings }),
    });
    const field = await screen.findByLabelText(/Prompt budget/);
    expect(field).toHaveValue('');
    fireEvent.change(field, { target: { value: '12000' } });
    fireEvent.blur(field);
    await waitFor(() => expect(bg.of('settings.set')).toHaveLength(1));
    expect(bg.of('settings.set')[0]!.patch).toEqual({ llm: { ...DEFAULT_SETTINGS.llm, promptBudget: 12000 } });
    await waitFor(() => expect(bg.of('llm.status')).toHaveLength(2));
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    await waitFor(() => expect(bg.of('settings.set')).toHaveLength(2));
    expect(bg.of('settings.set')[1]!.patch).toEqual({ llm: { ...DEFAULT_SETTINGS.llm, promptBudget: 'auto' } });
    fireEvent.change(field, { target: { value: '50' } }); // no budget: nothing saved
    fireEvent.blur(field);
    expect(budgetFromText('50')).toBeNull();
    expect(bg.of('settings.set')).toHaveLength(2);
  });

  it('makes the stall timeout a control', async () => {
    const { bg } = setup({});
    const field = await screen.findByLabelText(/Stall timeout/);
    expect(field).toHaveValue('90');
    fireEvent.change(field, { target: { value: '240' } });
    fireEvent.blur(field);
    await waitFor(() =>
      expect(bg.of('settings.set')[0]?.patch).toEqual({ llm: { ...DEFAULT_SETTINGS.llm, stallSeconds: 240 } }),
    );
    fireEvent.change(field, { target: { value: '2' } });
    fireEvent.blur(field);
    expect(bg.of('settings.set')).toHaveLength(1);
  });
});

describe('self-hosted Sentry', () => {
  it('asks the browser for the host from the click, then saves the base', async () => {
    const ask = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const { bg } = setup({});
    const input = await screen.findByLabelText('Sentry URL');
    fireEvent.change(input, { target: { value: 'https://sentry.corp.example/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    expect(ask).toHaveBeenCalledWith({ origins: ['https://sentry.corp.example/*'] });
    await screen.findByText('Access granted to https://sentry.corp.example.');
    expect(bg.of('settings.set')[0]!.patch).toEqual({
      sentry: { ...DEFAULT_SETTINGS.sentry, selfHostedBases: ['https://sentry.corp.example'] },
    });
    ask.mockRestore();
  });

  it('saves nothing when the browser refuses', async () => {
    const ask = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const { bg } = setup({});
    fireEvent.change(await screen.findByLabelText('Sentry URL'), { target: { value: 'https://sentry.corp.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    await screen.findByText(/the browser did not grant it/);
    expect(bg.of('settings.set')).toHaveLength(0);
    ask.mockRestore();
  });
});

describe('checkSentryUrl', () => {
  it('normalises sentry.io and self-hosted bases, refuses the rest', () => {
    expect(checkSentryUrl('https://acme.sentry.io/issues/')).toEqual({
      ok: true,
      base: 'https://sentry.io',
      selfHosted: false,
    });
    expect(checkSentryUrl(' https://sentry.corp.com/sentry/ ')).toEqual({
      ok: true,
      base: 'https://sentry.corp.com/sentry',
      selfHosted: true,
    });
    expect(checkSentryUrl('javascript:alert(1)').ok).toBe(false);
    expect(checkSentryUrl('https://user:pw@sentry.corp.com').ok).toBe(false);
    expect(checkSentryUrl('sentry.corp.com').ok).toBe(false);
  });
  it('reads thresholds typed as percent', () => {
    expect(percentToShare('2.5')).toBe(0.025);
    expect(percentToShare('')).toBeNull();
    expect(percentToShare('150')).toBeNull();
  });
});
