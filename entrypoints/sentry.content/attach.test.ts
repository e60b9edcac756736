// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachToIssuePage, attachWhere, issuePanelSpot } from './attach';

const tick = () => new Promise((r) => setTimeout(r, 0));
const mounted = () => document.querySelectorAll('.mine').length;
function mountMine(at: { parent: Element; before: Node | null }, signal: AbortSignal): Node {
  const node = document.createElement('div');
  node.className = 'mine';
  at.parent.insertBefore(node, at.before);
  signal.addEventListener('abort', () => node.remove(), { once: true });
  return node;
}

describe('attachWhere', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('mounts when Sentry draws the anchor later, once, and again when Sentry replaces that part of the page', async () => {
    document.body.innerHTML = '<main><div data-test-id="loading-indicator"></div></main>';
    const page = new AbortController();
    const done = attachWhere(page.signal, issuePanelSpot, mountMine);
    expect(mounted()).toBe(0);
    // Sentry's client draws the issue page.
    document.querySelector('main')!.innerHTML =
      '<header data-sentry-element="Header">Title</header><div data-test-id="group-event-details">event</div>';
    await expect(done).resolves.toBe(true);
    expect(mounted()).toBe(1);
    expect(document.querySelector('.mine + [data-test-id="group-event-details"]')).not.toBeNull();
    // More of Sentry's changes: still one.
    document.querySelector('header')!.textContent = 'Resolved';
    document.querySelector('main')!.append(document.createElement('aside'));
    await tick();
    expect(mounted()).toBe(1);
    // Sentry redraws the page part that held Dexter's node: mounted again where the anchor now is.
    document.querySelector('main')!.innerHTML =
      '<header data-sentry-element="Header">Title</header><div data-test-id="group-event-details">event 2</div>';
    await tick();
    expect(mounted()).toBe(1);
    expect(document.querySelector('.mine')!.nextElementSibling!.textContent).toBe('event 2');
    // Leaving the page unmounts it and stops watching.
    page.abort();
    expect(mounted()).toBe(0);
    document.querySelector('main')!.innerHTML = '<header data-sentry-element="Header">x</header>';
    await tick();
    expect(mounted()).toBe(0);
  });

  it('mounts after the header when the event is not drawn yet, and does not move when the event comes', async () => {
    document.body.innerHTML = '<main><header data-sentry-element="Header">T</header></main>';
    const page = new AbortController();
    await attachWhere(page.signal, issuePanelSpot, mountMine);
    expect(document.querySelector('header + .mine')).not.toBeNull();
    const first = document.querySelector('.mine');
    document.querySelector('main')!.append(Object.assign(document.createElement('div'), { textContent: 'event' }));
    await tick();
    expect(document.querySelector('.mine')).toBe(first);
    page.abort();
  });

  it('resolves false when the page is left before Sentry drew it; a failing mount breaks nothing', async () => {
    const page = new AbortController();
    const done = attachWhere(page.signal, issuePanelSpot, mountMine);
    page.abort();
    await expect(done).resolves.toBe(false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<header data-sentry-element="Header">T</header>';
    const other = new AbortController();
    const failing = attachWhere(other.signal, issuePanelSpot, () => {
      throw new Error('boom');
    });
    await tick();
    expect(warn).toHaveBeenCalled();
    other.abort();
    await expect(failing).resolves.toBe(false);
    warn.mockRestore();
  });

  it('tells the page report when Sentry’s hooks never appear, and clears it when they do', async () => {
    vi.useFakeTimers();
    const page = new AbortController();
    const ctx = { signal: page.signal, trouble: vi.fn(), fine: vi.fn() };
    const done = attachToIssuePage(ctx, mountMine);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ctx.trouble).toHaveBeenCalledOnce();
    expect(ctx.trouble.mock.calls[0]![0].missing).toEqual([
      '[data-test-id="group-event-details"]',
      'header[data-sentry-element="Header"], main header',
    ]);
    vi.useRealTimers();
    document.body.innerHTML = '<main><header data-sentry-element="Header">late</header></main>';
    await expect(done).resolves.toBe(true);
    expect(ctx.fine).toHaveBeenCalled();
    page.abort();
  });
});
