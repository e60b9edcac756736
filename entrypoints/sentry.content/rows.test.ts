// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_ROWS, ensureHosts, findRows, rowSlot } from './rows';

function list(n: number): void {
  document.body.innerHTML = Array.from({ length: n }, (_, i) => `
    <div data-test-id="group"><input aria-label="Select Issue" id="${100 + i}" type="checkbox">
      <div data-test-id="event-issue-header"><a data-issue-title-link href="/issues/${100 + i}/">Error ${i}</a></div>
    </div>`).join('');
}
const hosts = () => document.querySelectorAll('dexter-row').length;

describe('ensureHosts', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('reserves the first rows at once and the others later, once each', async () => {
    vi.useFakeTimers();
    list(60);
    const rows = findRows();
    const signal = new AbortController().signal;
    // Each of the three list features asks for every row's host.
    for (let k = 0; k < 3; k++) ensureHosts(rows, signal);
    expect(hosts()).toBe(FIRST_ROWS);
    await vi.runAllTimersAsync();
    expect(hosts()).toBe(60);
    expect(rows.every((r) => r.el.querySelectorAll('dexter-row').length === 1)).toBe(true);
    expect(rows.map((r) => r.el.querySelector<HTMLElement>('dexter-row')!.dataset.issueId)).toEqual(rows.map((r) => r.id));
  });

  it('leaves the rest alone once the page has moved on', async () => {
    vi.useFakeTimers();
    list(30);
    const controller = new AbortController();
    ensureHosts(findRows(), controller.signal);
    controller.abort();
    await vi.runAllTimersAsync();
    expect(hosts()).toBe(FIRST_ROWS);
  });

  it('a row drawn before its turn gets its host then, and no second one later', async () => {
    vi.useFakeTimers();
    list(20);
    const rows = findRows();
    ensureHosts(rows, new AbortController().signal);
    const last = rows.at(-1)!;
    rowSlot(last, 'list-priority').textContent = 'P50';
    await vi.runAllTimersAsync();
    expect(last.el.querySelectorAll('dexter-row')).toHaveLength(1);
    expect(last.el.querySelector('dexter-row')!.shadowRoot!.querySelector('[data-slot="list-priority"]')!.textContent).toBe('P50');
  });
});
