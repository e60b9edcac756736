// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PromptPreview } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground } from '../triage/testing';
import { ExplainView, type ExplainSource } from './ExplainView';
import { fakeExplainPorts, llmStatus, renderPanel } from './testing';

const source = {
  kind: 'issue',
  target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
  issueId: '4242',
  eventId: 'latest',
} satisfies ExplainSource;
const restores: (() => void)[] = [];
afterEach(() => restores.splice(0).forEach((r) => r()));

function setup(answers: Parameters<typeof fakeBackground>[0] = {}, src: ExplainSource = source, autostart = false) {
  const bg = fakeBackground({
    'llm.status': () => ({ ok: true, data: llmStatus('llama3.2:3b') }),
    'settings.get': () => ({ ok: true, data: DEFAULT_SETTINGS }),
    ...answers,
  });
  const ports = fakeExplainPorts();
  restores.push(bg.restore, ports.restore);
  renderPanel(<ExplainView source={src} autostart={autostart} />);
  return { bg, ports };
}

const prompt = {
  type: 'prompt' as const,
  tokens: 1234,
  model: 'llama3.2:3b',
  scrubbed: { email: 2, ip: 1 },
  deadlock: false,
};

describe('ExplainView', () => {
  it('starts the stream and shows tokens in the order they arrive', async () => {
    const { ports } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
    const port = ports.last()!;
    expect(port.sent).toEqual([
      { type: 'start', target: source.target, issueId: '4242', eventId: 'latest', regenerate: false },
    ]);
    expect(screen.getByTestId('phase').textContent).toMatch(/Connecting/);
    port.emit(prompt);
    expect(screen.getByTestId('phase').textContent).toMatch(/model may be loading/);
    expect(screen.getByTestId('phase').textContent).toMatch(/3 personal details scrubbed/);
    for (const text of ['The ', '**null** ', 'pointer', ' comes from `user.id`.']) port.emit({ type: 'token', text });
    expect(screen.getByTestId('answer').textContent).toBe('The null pointer comes from user.id.');
    expect(screen.getByTestId('answer').querySelector('strong')?.textContent).toBe('null');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    port.emit({ type: 'done', text: 'Final **answer**.', cached: false, model: 'llama3.2:3b' });
    expect(screen.getByTestId('answer').textContent).toBe('Final answer.');
    expect(screen.getByTestId('phase').textContent).toMatch(/Fresh answer/);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(port.disconnected).toBe(true);
  });

  it('cancel sends {type:"cancel"} and says how to ask again', () => {
    const { ports } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
    const port = ports.last()!;
    port.emit(prompt);
    port.emit({ type: 'token', text: 'partial' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(port.sent.at(-1)).toEqual({ type: 'cancel' });
    expect(port.disconnected).toBe(true);
    expect(screen.getByTestId('phase').textContent).toMatch(/Cancelled/);
    port.emit({ type: 'token', text: ' late' });
    expect(screen.getByTestId('answer').textContent).toBe('partial');
  });

  it('shows an error message and its next step as text, with Retry starting a new stream', () => {
    const { ports } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
    const nextStep = 'Run: launchctl setenv OLLAMA_ORIGINS "chrome-extension://*" and restart Ollama.';
    ports
      .last()!
      .emit({ type: 'error', error: { kind: 'llm', message: 'Ollama refused the request (403).', nextStep } });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Ollama refused the request (403).');
    expect(screen.getByTestId('next-step').textContent).toBe(nextStep);
    expect(screen.getAllByRole('button', { name: 'Copy' }).length).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(ports.ports.length).toBe(2);
    expect(ports.last()!.sent[0]).toMatchObject({ type: 'start', issueId: '4242' });
  });

  it('turns a port that disconnects mid-stream into an error with Retry', () => {
    const { ports } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
    ports.last()!.emit({ type: 'token', text: 'half an ans' });
    ports.last()!.drop();
    expect(screen.getByRole('alert').textContent).toMatch(/connection to Dexter’s background was lost/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('keeps a finished answer on screen when the background could not store it, and says so quietly', () => {
    const { ports } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
    const port = ports.last()!;
    port.emit(prompt);
    port.emit({ type: 'token', text: 'The whole ' });
    port.emit({ type: 'done', text: 'The whole answer.', cached: false, model: 'llama3.2:3b', saved: false });
    expect(screen.getByTestId('answer').textContent).toBe('The whole answer.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('phase').textContent).toMatch(
      /Fresh answer\..*Not kept for next time: Dexter’s storage is full\./,
    );
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
  });

  it('shows a cached answer as saved, and Regenerate asks for a fresh one', () => {
    const { ports } = setup({}, source, true);
    const port = ports.last()!;
    expect(port.sent[0]).toMatchObject({ type: 'start', regenerate: false });
    port.emit({ type: 'done', text: 'Cached explanation.', cached: true, model: 'qwen2.5:7b' });
    expect(screen.getByTestId('answer').textContent).toBe('Cached explanation.');
    expect(screen.getByTestId('phase').textContent).toMatch(/Saved answer/);
    expect(screen.getByTestId('model').textContent).toBe('qwen2.5:7b');
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(ports.last()!.sent[0]).toMatchObject({ type: 'start', regenerate: true });
  });

  it('starts a context-menu selection with its nonce', () => {
    const nonce = '0b6a4c1e-9f7d-4c52-8a31-2f5e7d9b1c00';
    const { ports } = setup({}, { kind: 'selection', nonce }, true);
    expect(ports.last()!.sent).toEqual([{ type: 'start-selection', nonce }]);
    expect(screen.queryByRole('button', { name: 'Preview prompt' })).toBeNull();
  });

  it('previews the prompt with token budget, dropped sections and scrub counts per rule', async () => {
    const preview: PromptPreview = {
      version: 'v3',
      system: 'You are Dexter.',
      user: 'Issue: TypeError at [email]',
      tokens: 4100,
      budget: 4000,
      dropped: ['breadcrumbs'],
      scrubReport: { email: 3, creditcard: 1, ip: 0 },
    };
    const { bg } = setup({ 'prompt.preview': () => ({ ok: true, data: preview }) });
    fireEvent.click(screen.getByRole('button', { name: 'Preview prompt' }));
    await waitFor(() => expect(screen.getByTestId('scrub-report')).toBeInTheDocument());
    const rows = [...screen.getByTestId('scrub-report').querySelectorAll('tr')].map((tr) => tr.textContent);
    expect(rows).toEqual(['email3', 'creditcard1']);
    expect(screen.getByTestId('token-count').textContent).toBe('≈ 4100 / 4000 tokens');
    expect(screen.getByText('breadcrumbs')).toBeInTheDocument();
    expect(screen.getByText('Issue: TypeError at [email]')).toBeInTheDocument();
    expect(bg.of('prompt.preview')[0]).toMatchObject({ issueId: '4242', eventId: 'latest', target: source.target });
  });

  it('posts the answer as a Sentry comment only after confirmation', async () => {
    const { ports, bg } = setup({
      'issue.comment': () => ({ ok: true, data: { id: '1', data: { text: 'Because X.' } } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
    ports.last()!.emit({ type: 'done', text: 'Because X.', cached: false, model: 'm' });
    fireEvent.click(screen.getByRole('button', { name: 'Post to Sentry as a comment' }));
    expect(bg.of('issue.comment').length).toBe(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Post comment' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Posted to Sentry' })).toBeDisabled());
    expect(bg.of('issue.comment')[0]?.text).toMatch(/^Because X\.\n\n— explained by Dexter with m/);
  });

  it('never spins forever: a silent stream becomes an error after the stall limit plus a margin', async () => {
    vi.useFakeTimers();
    try {
      const { ports } = setup({
        'settings.get': () => ({
          ok: true,
          data: { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, stallSeconds: 10 } },
        }),
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(0);
      });
      fireEvent.click(screen.getByRole('button', { name: 'Explain with AI' }));
      ports.last()!.emit(prompt);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(39_000);
      });
      expect(screen.queryByRole('alert')).toBeNull();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(2_000);
      });
      expect(screen.getByRole('alert').textContent).toMatch(/No answer from the model for 40 s/);
      expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});
