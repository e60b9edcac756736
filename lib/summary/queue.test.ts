import { describe, expect, it } from 'vitest';
import { CancelledError, ModelQueue } from './queue';

function deferred() {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ModelQueue', () => {
  it('runs one call at a time per server, rows in view first, in order of asking', async () => {
    const q = new ModelQueue(() => 1);
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const job = (key: string, priority: number, server = 's') =>
      q.enqueue({
        key,
        owner: 'page',
        server,
        priority,
        run: () => (order.push(key), (gates.set(key, deferred()), gates.get(key)!.promise)),
      });
    const a = job('a', 1);
    const b = job('b', 1);
    const c = job('c', 0); // in view: jumps the queue but not the running call
    const other = job('x', 1, 'other-server'); // another server is not held up
    expect(order).toEqual(['a', 'x']);
    gates.get('a')!.resolve('A');
    await a;
    await Promise.resolve();
    expect(order).toEqual(['a', 'x', 'c']);
    gates.get('c')!.resolve('C');
    await c;
    await Promise.resolve();
    expect(order.at(-1)).toBe('b');
    gates.get('b')!.resolve('B');
    gates.get('x')!.resolve('X');
    expect(await Promise.all([b, other])).toEqual(['B', 'X']);
  });

  it('allows more at once when the setting says so, and joins the same key', async () => {
    const q = new ModelQueue(() => 2);
    let started = 0;
    const gate = deferred();
    const run = () => (started++, gate.promise);
    const p1 = q.enqueue({ key: 'k1', owner: 'a', server: 's', priority: 0, run });
    const p2 = q.enqueue({ key: 'k1', owner: 'b', server: 's', priority: 0, run });
    q.enqueue({ key: 'k2', owner: 'a', server: 's', priority: 0, run });
    q.enqueue({ key: 'k3', owner: 'a', server: 's', priority: 0, run });
    expect(started).toBe(2);
    gate.resolve('done');
    expect(await p1).toBe('done');
    expect(await p2).toBe('done');
  });

  it('drops a page’s work when it is left, but not work another page still wants', async () => {
    const q = new ModelQueue(() => 1);
    let aborted = false;
    const running = q.enqueue({
      key: 'r',
      owner: 'page1',
      server: 's',
      priority: 0,
      run: (signal) =>
        new Promise((_, rej) => signal.addEventListener('abort', () => ((aborted = true), rej(new Error('aborted'))))),
    });
    const waiting = q.enqueue({ key: 'w', owner: 'page1', server: 's', priority: 0, run: async () => 'w' });
    const shared = q.enqueue({ key: 's', owner: 'page1', server: 's', priority: 0, run: async () => 'shared' });
    q.enqueue({ key: 's', owner: 'page2', server: 's', priority: 0, run: async () => 'shared' });
    expect(q.cancelOwner('page1')).toBe(2);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    expect(aborted).toBe(true);
    expect(await shared).toBe('shared');
    expect(q.size).toBe(0);
  });

  it('remembers who left, so an ask still preparing its job (fetching the event) does not run after its page is gone', () => {
    const q = new ModelQueue(() => 1);
    q.cancelOwner('7|page-a', 1000);
    q.cancelOwnerPrefix('9|', 2000); // tab 9 loaded a new document
    expect(q.leftSince('7|page-a', 900)).toBe(true);
    expect(q.leftSince('7|page-a', 1100)).toBe(false); // asked after it left: a new visit
    expect(q.leftSince('7|page-b', 900)).toBe(false);
    expect(q.leftSince('9|page-c', 1500)).toBe(true);
    expect(q.leftSince('9|page-d', 2500)).toBe(false);
  });
});
