import { describe, expect, it } from 'vitest';
import { createLimiter, parseRetryAfter, type LimiterState } from './ratelimit';

function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}

const res = (status: number, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : '{}', { status, headers });

describe('limiter', () => {
  it('retries a GET after a 429, waiting out Retry-After and announcing retryAt', async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ ...clock, random: () => 0 });
    const seen: LimiterState[] = [];
    limiter.subscribe((s) => seen.push(s));
    const answers = [res(429, { 'Retry-After': '12' }), res(200)];
    let calls = 0;
    const start = clock.now();
    const out = await limiter.run(async () => answers[calls++]!, { retryable: true });
    expect(out.status).toBe(200);
    expect(calls).toBe(2);
    expect(clock.sleeps[0]).toBe(12_000);
    const limited = seen.find((s) => s.limited);
    expect(limited?.retryAt).toBe(start + 12_000);
    expect(limiter.state().limited).toBe(false);
  });

  it('does not retry writes', async () => {
    const clock = fakeClock();
    const limiter = createLimiter(clock);
    let calls = 0;
    const out = await limiter.run(async () => (calls++, res(429, { 'Retry-After': '3' })), { retryable: false });
    expect(out.status).toBe(429);
    expect(calls).toBe(1);
    expect(limiter.state().retryAt).toBe(clock.now() + 3000);
  });

  it('bounds retries of 5xx with growing jittered backoff', async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ ...clock, maxRetries: 3, baseDelayMs: 100, random: () => 1 });
    let calls = 0;
    const out = await limiter.run(async () => (calls++, res(503)), { retryable: true });
    expect(out.status).toBe(503);
    expect(calls).toBe(4);
    expect(clock.sleeps).toEqual([100, 200, 400]);
  });

  it('retries network errors but not other throws', async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ ...clock, random: () => 0.5 });
    let calls = 0;
    const out = await limiter.run(
      async () => {
        if (calls++ === 0) throw new TypeError('Failed to fetch');
        return res(200);
      },
      { retryable: true },
    );
    expect(out.status).toBe(200);
    await expect(
      limiter.run(
        async () => {
          throw new RangeError('bug');
        },
        { retryable: true },
      ),
    ).rejects.toThrow('bug');
  });

  it('holds requests once the window is used up until it resets', async () => {
    const clock = fakeClock();
    const limiter = createLimiter({ ...clock, random: () => 0 });
    const resetSec = Math.floor(clock.now() / 1000) + 30;
    await limiter.run(
      async () =>
        res(200, {
          'X-Sentry-Rate-Limit-Remaining': '0',
          'X-Sentry-Rate-Limit-Reset': String(resetSec),
          'X-Sentry-Rate-Limit-ConcurrentRemaining': '2',
        }),
      { retryable: true },
    );
    expect(limiter.state()).toMatchObject({
      limited: true,
      remaining: 0,
      concurrentRemaining: 2,
      resetAt: resetSec * 1000,
    });
    await limiter.run(async () => res(200, { 'X-Sentry-Rate-Limit-Remaining': '39' }), { retryable: true });
    expect(clock.now()).toBeGreaterThanOrEqual(resetSec * 1000);
  });

  it('caps concurrency', async () => {
    const limiter = createLimiter({ maxConcurrent: 2 });
    let active = 0;
    let peak = 0;
    const task = async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return res(200);
    };
    await Promise.all(Array.from({ length: 6 }, () => limiter.run(task, { retryable: true })));
    expect(peak).toBe(2);
    expect(limiter.state()).toMatchObject({ active: 0, queued: 0 });
  });

  it('lets a queued request be cancelled', async () => {
    const limiter = createLimiter({ maxConcurrent: 1 });
    let free!: () => void;
    const first = limiter.run(() => new Promise<Response>((r) => (free = () => r(res(200)))), { retryable: true });
    const ctrl = new AbortController();
    const second = limiter.run(async () => res(200), { retryable: true, signal: ctrl.signal });
    await Promise.resolve();
    expect(limiter.state().queued).toBe(1);
    ctrl.abort(new Error('gone'));
    await expect(second).rejects.toThrow('gone');
    free();
    expect((await first).status).toBe(200);
    expect(limiter.state().queued).toBe(0);
  });

  it('parses both forms of Retry-After', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});
