// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeadlock, type DeadlockReport } from '@/lib/deadlock';
import type { IssueAnalysis } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { fakeBackground } from '../triage/testing';
import { DeadlockGraph } from './DeadlockGraph';
import { DeadlockView } from './DeadlockView';
import { renderPanel } from './testing';
import { layoutWaitGraph } from './waitGraph';

const THREE = `ERROR:  deadlock detected
DETAIL:  Process 9301 waits for ShareLock on transaction 1234; blocked by process 9302.
Process 9302 waits for ExclusiveLock on tuple (0,8) of relation 16385 of database 5; blocked by process 9303.
Process 9303 waits for ShareLock on transaction 1236; blocked by process 9301.
Process 9301: UPDATE accounts SET balance = 0 WHERE email = 'alice@example.com'
Process 9302: UPDATE accounts SET balance = 1 WHERE id = 2
Process 9303: UPDATE accounts SET balance = 2 WHERE id = 3
HINT:  See server log for query details.
CONTEXT:  while updating tuple (0,7) in relation "accounts"`;

function report(text = THREE): DeadlockReport {
  const r = parseDeadlock(text);
  if (!r) throw new Error('fixture did not parse');
  return r;
}

const target = { apiBase: 'https://acme.sentry.io/api/0', org: 'acme' };
let restore = () => {};
afterEach(() => restore());

function setup(analysis: Partial<IssueAnalysis> | null, settings = DEFAULT_SETTINGS) {
  const bg = fakeBackground({
    'issue.analysis': () =>
      analysis
        ? { ok: true, data: { eventId: 'e1', deadlocks: [], isDeadlock: false, hasException: true, ...analysis } }
        : { ok: false, error: { kind: 'not-found', message: 'The issue is gone.', nextStep: 'Reload the page.' } },
    'settings.get': () => ({ ok: true, data: settings }),
  });
  restore = bg.restore;
  renderPanel(<DeadlockView target={target} issueId="77" eventId="0123456789abcdef0123456789abcdef" />);
  return bg;
}

describe('DeadlockGraph', () => {
  it('draws one node per process and one labelled edge per wait, with the cycle and victim marked', () => {
    const r = report();
    const { container } = renderPanel(<DeadlockGraph report={r} />);
    const nodes = container.querySelectorAll('[data-pid]');
    expect([...nodes].map((n) => n.getAttribute('data-pid'))).toEqual(['9301', '9302', '9303']);
    const edges = [...container.querySelectorAll('[data-edge]')];
    expect(edges.map((e) => e.getAttribute('data-edge'))).toEqual(['9301->9302', '9302->9303', '9303->9301']);
    expect(edges.every((e) => e.getAttribute('data-cycle') === 'true')).toBe(true);
    expect(edges.map((e) => e.querySelector('text')?.textContent)).toEqual([
      'ShareLock · transaction 1234',
      'ExclusiveLock · tuple (0,8) of relation 16385',
      'ShareLock · transaction 1236',
    ]);
    const victim = container.querySelector('[data-victim="true"]');
    expect(victim?.getAttribute('data-pid')).toBe('9301');
    expect(victim?.textContent).toContain('received the error');
    expect(container.querySelectorAll('[data-victim="true"]').length).toBe(1);
  });

  it('leaves edges off the cycle unhighlighted', () => {
    const r = report(`ERROR:  deadlock detected
DETAIL:  Process 1 waits for ShareLock on transaction 10; blocked by process 2.
Process 2 waits for ShareLock on transaction 11; blocked by process 1.
Process 3 waits for ShareLock on transaction 12; blocked by process 1.`);
    const { container } = renderPanel(<DeadlockGraph report={r} />);
    expect(container.querySelector('[data-edge="3->1"]')?.getAttribute('data-cycle')).toBe('false');
    expect(container.querySelector('[data-edge="1->2"]')?.getAttribute('data-cycle')).toBe('true');
    expect(container.querySelector('[data-pid="3"]')?.getAttribute('data-cycle')).toBe('false');
  });

  it('keeps nodes apart and inside the picture for 2 to 6 processes', () => {
    for (let n = 2; n <= 6; n++) {
      const lines = Array.from(
        { length: n },
        (_, i) =>
          `Process ${i + 1} waits for ShareLock on transaction ${100 + i}; blocked by process ${((i + 1) % n) + 1}.`,
      );
      const g = layoutWaitGraph(report(`ERROR:  deadlock detected\nDETAIL:  ${lines.join('\n')}`));
      expect(g.nodes.length).toBe(n);
      for (const a of g.nodes) {
        expect(a.x - g.nodeRadius).toBeGreaterThanOrEqual(0);
        expect(a.x + g.nodeRadius).toBeLessThanOrEqual(g.width);
        expect(a.y - g.nodeRadius).toBeGreaterThanOrEqual(0);
        expect(a.y + g.nodeRadius).toBeLessThanOrEqual(g.height);
        for (const b of g.nodes)
          if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(3 * g.nodeRadius);
      }
    }
  });
});

describe('DeadlockView', () => {
  it('shows graph, process table with masked queries, account and recommendations', async () => {
    const bg = setup({ deadlocks: [report()], isDeadlock: true });
    await screen.findByTestId('deadlock-graph');
    expect(bg.of('issue.analysis')[0]).toMatchObject({ issueId: '77', target });
    const table = screen.getByTestId('process-table');
    const victimRow = table.querySelector('tr[data-pid="9301"]') as HTMLElement;
    expect(victimRow.textContent).toContain('received the error');
    expect(victimRow.textContent).toContain('ShareLock on transaction 1234, held by 9302');
    expect(victimRow.textContent).not.toContain('alice@example.com');
    fireEvent.click(within(victimRow).getByRole('button', { name: '[email]' }));
    expect(victimRow.textContent).toContain('alice@example.com');
    expect(table.querySelector('tr[data-pid="9302"]')?.textContent).toContain('row (0,8) of relation 16385');
    expect(screen.getByTestId('account').textContent).toMatch(/9301 → 9302 → 9303 → 9301/);
    expect(screen.getByTestId('account').textContent).toMatch(/aborted process 9301/);
    expect(screen.getByTestId('recommendations').textContent).toMatch(/ORDER BY id FOR UPDATE/);
    expect(screen.queryByTestId('partial')).toBeNull();
  });

  it('shows queries unmasked when the user turned masking off for that category', async () => {
    setup(
      { deadlocks: [report()], isDeadlock: true },
      { ...DEFAULT_SETTINGS, privacy: { ...DEFAULT_SETTINGS.privacy, maskInUi: { email: false } } },
    );
    const table = await screen.findByTestId('process-table');
    expect(table.textContent).toContain('alice@example.com');
  });

  it('says the graph is partial when the text was cut', async () => {
    setup({ deadlocks: [{ ...report(), complete: false }], isDeadlock: true });
    expect((await screen.findByTestId('partial')).textContent).toMatch(/graph is partial/);
  });

  it('explains a deadlock without a graph', async () => {
    setup({ deadlocks: [], isDeadlock: true });
    expect((await screen.findByTestId('no-graph')).textContent).toMatch(/log_lock_waits/);
    expect(screen.queryByTestId('deadlock-graph')).toBeNull();
  });

  it('shows a load error with its next step and retries', async () => {
    const bg = setup(null);
    expect((await screen.findByRole('alert')).textContent).toContain('Reload the page.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(bg.of('issue.analysis').length).toBe(2));
  });
});
