// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground } from '../triage/testing';
import { PanelApp } from './PanelApp';
import { reportPanelHeight } from './panelHeight';
import { parsePanelHash, parsePanelLook } from './panelRoute';
import { fakeExplainPorts, llmStatus, renderPanel } from './testing';

const base = 'apiBase=https%3A%2F%2Facme.sentry.io%2Fapi%2F0&org=acme&issueId=4242';
const restores: (() => void)[] = [];
afterEach(() => restores.splice(0).forEach((r) => r()));

describe('parsePanelHash', () => {
  it('reads the explain, deadlock and selection views', () => {
    expect(parsePanelHash(`#view=explain&${base}&autostart=1`)).toEqual({
      view: 'explain',
      target: { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' },
      issueId: '4242',
      eventId: 'recommended',
      autostart: true,
    });
    expect(parsePanelHash(`#view=deadlock&${base}&eventId=0123456789abcdef0123456789abcdef`)).toMatchObject({
      view: 'deadlock',
      issueId: '4242',
      eventId: '0123456789abcdef0123456789abcdef',
    });
    expect(parsePanelHash(`#view=explain&${base}&eventId=oldest`)).toMatchObject({ eventId: 'oldest' });
    expect(parsePanelHash(`#view=explain&${base}&eventId=..%2F..%2Fx`)).toMatchObject({ view: 'invalid' });
    expect(parsePanelHash('#view=selection&nonce=0b6a4c1e-9f7d-4c52-8a31-2f5e7d9b1c00')).toEqual({
      view: 'selection',
      nonce: '0b6a4c1e-9f7d-4c52-8a31-2f5e7d9b1c00',
    });
  });

  it('turns malformed links into an invalid route with a reason', () => {
    for (const hash of [
      '',
      '#view=nope',
      '#view=explain&org=acme&issueId=1',
      `#view=explain&apiBase=javascript%3Aalert(1)&org=acme&issueId=1`,
      '#view=deadlock&apiBase=https%3A%2F%2Fa.io&org=acme&issueId=12a',
      '#view=selection&nonce=x',
    ]) {
      const route = parsePanelHash(hash);
      expect(route.view, hash).toBe('invalid');
    }
  });

  it('reads Sentry’s theme', () => {
    expect(parsePanelLook('#view=explain&theme=dark', true)).toEqual({ theme: 'dark', embedded: true });
    expect(parsePanelLook('#theme=purple', false).theme).toBe('auto');
  });
});

describe('reportPanelHeight', () => {
  it('posts only the height to the parent, and nothing when not framed', () => {
    const postMessage = vi.fn();
    const fakeWin = { parent: { postMessage }, document: { body: { scrollHeight: 321.4 } } } as unknown as Window;
    const stop = reportPanelHeight(fakeWin);
    expect(postMessage).toHaveBeenCalledWith({ dexterPanelHeight: 322 }, '*');
    expect(Object.keys(postMessage.mock.calls[0]![0])).toEqual(['dexterPanelHeight']);
    stop();
    const alone = { document: { body: { scrollHeight: 5 } } } as any;
    alone.parent = alone;
    alone.parent.postMessage = vi.fn();
    reportPanelHeight(alone)();
    expect(alone.postMessage).not.toHaveBeenCalled();
  });
});

describe('PanelApp', () => {
  it('auto-starts an explain route and shows invalid links as an error', () => {
    const bg = fakeBackground({
      'llm.status': () => ({ ok: true, data: llmStatus('m') }),
      'settings.get': () => ({ ok: true, data: DEFAULT_SETTINGS }),
    });
    const ports = fakeExplainPorts();
    restores.push(bg.restore, ports.restore);
    renderPanel(
      <PanelApp route={parsePanelHash(`#view=explain&${base}&autostart=1`)} look={{ theme: 'dark', embedded: true }} />,
    );
    expect(ports.last()?.sent[0]).toMatchObject({ type: 'start', issueId: '4242' });
    renderPanel(<PanelApp route={parsePanelHash('#view=zzz')} look={{ theme: 'light', embedded: false }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/Unknown panel view/);
  });
});
