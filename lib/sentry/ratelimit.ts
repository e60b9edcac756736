// One limiter in front of every Sentry request: caps concurrency, honours Sentry's rate-limit headers and 429
// Retry-After, and retries idempotent requests a bounded number of times with jittered backoff.
// Header names from Sentry's docs (docs.sentry.io/api/ratelimits/): X-Sentry-Rate-Limit-Remaining,
// -Reset (UTC epoch seconds), -ConcurrentRemaining, -Limit, -ConcurrentLimit.

export interface LimiterState {
  /** True while requests are held back because Sentry said so (429, or no requests left in the window). */
  limited: boolean;
  /** Epoch ms when held-back requests go again; null when not limited. */
  retryAt: number | null;
  remaining: number | null;
  resetAt: number | null;
  concurrentRemaining: number | null;
  active: number;
  queued: number;
}

export interface RunOptions {
  /** Only idempotent requests (GET) are retried; writes get one attempt. */
  retryable: boolean;
  signal?: AbortSignal;
}

/** What the limiter reads of an answer: a fetch Response, or the client's already-read copy of one. */
export type Answer = Pick<Response, 'status' | 'headers'>;

export interface Limiter {
  run<R extends Answer>(send: () => Promise<R>, opts: RunOptions): Promise<R>;
  state(): LimiterState;
  /** Called on every state change; returns an unsubscribe function. */
  subscribe(listener: (state: LimiterState) => void): () => void;
}

export interface LimiterOptions {
  now?: () => number;
  /** Waits `ms`; rejects when the signal aborts. Injected so tests move a fake clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  maxConcurrent?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

// 500 too: a GET is safe to repeat and the retries are bounded; a lasting 500 still surfaces as unavailable.
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function intHeader(h: Headers, name: string): number | null {
  const v = h.get(name);
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function createLimiter(opts: LimiterOptions = {}): Limiter {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const maxConcurrent = opts.maxConcurrent ?? 4;
  const maxRetries = opts.maxRetries ?? 3;
  const baseDelayMs = opts.baseDelayMs ?? 500;
  const maxDelayMs = opts.maxDelayMs ?? 30_000;

  let active = 0;
  const waiting: (() => void)[] = [];
  let blockedUntil = 0;
  let remaining: number | null = null;
  let resetAt: number | null = null;
  let concurrentRemaining: number | null = null;
  const listeners = new Set<(s: LimiterState) => void>();

  const state = (): LimiterState => {
    const limited = blockedUntil > now();
    return {
      limited,
      retryAt: limited ? blockedUntil : null,
      remaining,
      resetAt,
      concurrentRemaining,
      active,
      queued: waiting.length,
    };
  };
  const emit = () => {
    const s = state();
    for (const l of listeners) l(s);
  };

  async function acquire(signal?: AbortSignal): Promise<void> {
    if (active < maxConcurrent) {
      active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        active++;
        resolve();
      };
      const onAbort = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(signal?.reason);
      };
      waiting.push(go);
      signal?.addEventListener('abort', onAbort, { once: true });
      emit();
    });
  }
  function release() {
    active--;
    waiting.shift()?.();
  }

  function observe(res: Answer) {
    const h = res.headers;
    remaining = intHeader(h, 'X-Sentry-Rate-Limit-Remaining') ?? remaining;
    const reset = intHeader(h, 'X-Sentry-Rate-Limit-Reset');
    if (reset !== null) resetAt = reset * 1000;
    concurrentRemaining = intHeader(h, 'X-Sentry-Rate-Limit-ConcurrentRemaining') ?? concurrentRemaining;
    let until = 0;
    if (res.status === 429) {
      const retryAfter = parseRetryAfter(h.get('Retry-After'), now());
      until = now() + (retryAfter ?? (resetAt !== null ? Math.max(0, resetAt - now()) : baseDelayMs));
    } else if (remaining === 0 && resetAt !== null) {
      until = resetAt; // the window is used up: hold the next requests until it resets
    }
    if (until > blockedUntil) blockedUntil = until;
    emit();
  }

  const backoff = (attempt: number) => {
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return cap / 2 + (random() * cap) / 2; // "equal jitter": never zero, never in lockstep
  };

  async function run<R extends Answer>(send: () => Promise<R>, { retryable, signal }: RunOptions): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      const wait = blockedUntil - now();
      if (wait > 0) await sleep(wait + random() * 250, signal);
      await acquire(signal);
      emit();
      let res: R;
      try {
        res = await send();
      } catch (err) {
        release();
        emit();
        if (!retryable || attempt >= maxRetries || signal?.aborted || !isTransient(err)) throw err;
        await sleep(backoff(attempt), signal);
        continue;
      }
      release();
      observe(res);
      if (!retryable || attempt >= maxRetries || !RETRY_STATUSES.has(res.status)) return res;
      // 429 already moved blockedUntil; a 5xx waits out a backoff before trying again.
      if (res.status !== 429) await sleep(backoff(attempt), signal);
    }
  }

  return {
    run,
    state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Errors worth a retry: network failures and timeouts, not cancellations or programming errors. */
function isTransient(err: unknown): boolean {
  const kind = (err as { kind?: string } | null)?.kind;
  if (kind) return kind === 'unavailable';
  return err instanceof TypeError; // fetch's network error
}
