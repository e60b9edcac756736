// The background's queue of model calls: one at a time per model server unless the user allows more (a laptop's GPU
// runs one model call well and several badly), the rows in view before the rows near it, one call for the same key
// however many pages ask, and a page's work dropped when the user leaves it (its owner cancels).

export interface Job<T> {
  /** Same key, same work: a second ask joins the first. */
  key: string;
  owner: string;
  /** Which server the call goes to: each has its own limit. */
  server: string;
  /** Lower runs first (0 = in view); the same priority runs in order of asking. */
  priority: number;
  run(signal: AbortSignal): Promise<T>;
}

export class CancelledError extends Error {
  readonly kind = 'cancelled';
  constructor() {
    super('The page that asked for this was left, so Dexter dropped it.');
  }
}

interface Entry {
  job: Job<unknown>;
  owners: Set<string>;
  seq: number;
  controller: AbortController;
  promise: Promise<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  running: boolean;
}

export class ModelQueue {
  private entries = new Map<string, Entry>();
  private running = new Map<string, number>();
  private seq = 0;
  /** When each owner (or owner prefix: a tab) last left, for asks still preparing their job when it did. */
  private left = new Map<string, number>();

  constructor(private readonly limit: (server: string) => number) {}

  /** Jobs waiting and running (for tests and the diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  enqueue<T>(job: Job<T>): Promise<T> {
    const had = this.entries.get(job.key);
    if (had) {
      had.owners.add(job.owner);
      had.job.priority = Math.min(had.job.priority, job.priority); // a row scrolled into view moves up
      return had.promise as Promise<T>;
    }
    let resolve!: (v: unknown) => void, reject!: (e: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => ((resolve = res), (reject = rej)));
    this.entries.set(job.key, {
      job: job as Job<unknown>,
      owners: new Set([job.owner]),
      seq: this.seq++,
      controller: new AbortController(),
      promise,
      resolve,
      reject,
      running: false,
    });
    this.pump(job.server);
    return promise as Promise<T>;
  }

  /** Whether `owner` left after `since` (an ask that was still fetching what its job needs then must not run). */
  leftSince(owner: string, since: number): boolean {
    for (const [who, at] of this.left) if (at >= since && (owner === who || owner.startsWith(who))) return true;
    return false;
  }

  private remember(who: string, now: number): void {
    this.left.set(who, now);
    if (this.left.size > 200) this.left.delete(this.left.keys().next().value!); // only recent leaves matter
  }

  /** The owner left: its waiting jobs go (unless another owner still wants them); its running ones are aborted. */
  cancelOwner(owner: string, now = Date.now()): number {
    this.remember(owner, now);
    let dropped = 0;
    for (const [key, e] of this.entries) {
      if (!e.owners.delete(owner) || e.owners.size) continue;
      dropped++;
      this.entries.delete(key);
      e.controller.abort();
      e.reject(new CancelledError());
      if (e.running) this.finish(e.job.server);
    }
    return dropped;
  }

  /** Every owner starting with `prefix` left (a closed tab). */
  cancelOwnerPrefix(prefix: string, now = Date.now()): number {
    this.remember(prefix, now);
    const owners = new Set(
      [...this.entries.values()].flatMap((e) => [...e.owners]).filter((o) => o.startsWith(prefix)),
    );
    let n = 0;
    for (const o of owners) n += this.cancelOwner(o);
    return n;
  }

  private pump(server: string): void {
    while ((this.running.get(server) ?? 0) < Math.max(1, this.limit(server))) {
      let next: Entry | undefined;
      for (const e of this.entries.values()) {
        if (e.running || e.job.server !== server) continue;
        if (!next || e.job.priority < next.job.priority || (e.job.priority === next.job.priority && e.seq < next.seq))
          next = e;
      }
      if (!next) return;
      const e = next;
      e.running = true;
      this.running.set(server, (this.running.get(server) ?? 0) + 1);
      e.job.run(e.controller.signal).then(
        (v) => this.settle(e, () => e.resolve(v)),
        (err) => this.settle(e, () => e.reject(err)),
      );
    }
  }

  private settle(e: Entry, done: () => void): void {
    if (this.entries.get(e.job.key) !== e) return; // cancelled: already rejected and its slot given back
    this.entries.delete(e.job.key);
    done();
    this.finish(e.job.server);
  }

  private finish(server: string): void {
    this.running.set(server, Math.max(0, (this.running.get(server) ?? 1) - 1));
    this.pump(server);
  }
}
