import { describe, expect, it, vi } from 'vitest';
import { createCache, memoryStorage, sizeUpTo } from './cache';

function setup(over: { maxEntries?: number } = {}) {
  let t = 1_000_000;
  const storage = memoryStorage();
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const make = () => createCache({ storage, now: clock.now, ttlMs: 60_000, staleMs: 240_000, ...over });
  return { storage, clock, make };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('cache', () => {
  it('serves fresh entries without loading', async () => {
    const { make, clock } = setup();
    const cache = make();
    const loader = vi.fn(async () => ({ n: 1 }));
    expect(await cache.get('issues:acme', loader)).toEqual({ n: 1 });
    clock.advance(59_000);
    expect(await cache.get('issues:acme', loader)).toEqual({ n: 1 });
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, staleServed: 0, loads: 1, deduped: 0 });
  });

  it('serves stale at once and revalidates behind', async () => {
    const { make, clock } = setup();
    const cache = make();
    await cache.get('k', async () => 'old');
    clock.advance(61_000);
    const onRevalidated = vi.fn();
    const next = deferred<string>();
    const value = await cache.get('k', () => next.promise, { onRevalidated });
    expect(value).toBe('old');
    expect(onRevalidated).not.toHaveBeenCalled();
    next.resolve('new');
    await vi.waitFor(() => expect(onRevalidated).toHaveBeenCalledWith('new'));
    expect(await cache.get('k', async () => 'unused')).toBe('new');
    expect(cache.stats()).toMatchObject({ staleServed: 1, hits: 1, loads: 2 });
  });

  it('keeps the stale value when the refresh fails', async () => {
    const { storage, clock } = setup();
    const onError = vi.fn();
    const cache = createCache({ storage, now: clock.now, ttlMs: 10, staleMs: 100, onError });
    await cache.get('k', async () => 1);
    clock.advance(20);
    expect(
      await cache.get('k', async () => {
        throw new Error('down');
      }),
    ).toBe(1);
    await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    expect(await cache.get('k', async () => 2)).toBe(1); // still within stale window, refresh behind
  });

  it('reloads expired entries', async () => {
    const { make, clock } = setup();
    const cache = make();
    await cache.get('k', async () => 1);
    clock.advance(301_000);
    expect(await cache.get('k', async () => 2)).toBe(2);
    expect(cache.stats()).toMatchObject({ misses: 2, loads: 2 });
  });

  it('de-duplicates concurrent loads of one key', async () => {
    const { make } = setup();
    const cache = make();
    const d = deferred<number>();
    const loader = vi.fn(() => d.promise);
    const all = Promise.all([cache.get('k', loader), cache.get('k', loader), cache.get('k', loader)]);
    await new Promise((r) => setTimeout(r, 0));
    d.resolve(42);
    expect(await all).toEqual([42, 42, 42]);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ loads: 1, deduped: 2, misses: 3 });
  });

  it('starts warm in a new instance over the same storage', async () => {
    const { make } = setup();
    await make().get('issue:1', async () => ({ title: 'boom' }));
    const restarted = make();
    const loader = vi.fn(async () => ({ title: 'again' }));
    expect(await restarted.get('issue:1', loader)).toEqual({ title: 'boom' });
    expect(loader).not.toHaveBeenCalled();
    expect(restarted.stats().hits).toBe(1);
  });

  it('does not read an expired entry back from storage', async () => {
    const { make, clock, storage } = setup();
    await make().get('issue:1', async () => ({ title: 'old' }));
    clock.advance(301_000); // past ttl + stale
    const get = vi.spyOn(storage, 'get');
    expect(await make().get('issue:1', async () => ({ title: 'new' }))).toEqual({ title: 'new' });
    expect(get.mock.calls.map(([k]) => k)).not.toContain('dexter-cache:issue:1');
  });

  it('invalidates by prefix and predicate, also in storage', async () => {
    const { make, storage } = setup();
    const cache = make();
    for (const k of ['issues:acme:a', 'issues:acme:b', 'issue:7', 'projects:acme']) await cache.get(k, async () => k);
    expect(await cache.invalidate('issues:acme')).toBe(2);
    expect(await cache.invalidate((k) => k === 'issue:7')).toBe(1);
    const restarted = make();
    const loader = vi.fn(async () => 'fresh');
    expect(await restarted.get('issues:acme:a', loader)).toBe('fresh');
    expect(await restarted.get('projects:acme', loader)).toBe('projects:acme');
    expect(loader).toHaveBeenCalledTimes(1);
    expect([...storage.data.keys()].some((k) => k.endsWith('issue:7'))).toBe(false);
  });

  it('does not store a load that was invalidated while in flight', async () => {
    const { make } = setup();
    const cache = make();
    const d = deferred<string>();
    const pending = cache.get('issue:1', () => d.promise);
    await new Promise((r) => setTimeout(r, 0));
    await cache.invalidate('issue:');
    d.resolve('before-write');
    expect(await pending).toBe('before-write');
    expect(await cache.get('issue:1', async () => 'after-write')).toBe('after-write');
  });

  it('evicts the oldest entries past maxEntries', async () => {
    const { make, clock, storage } = setup({ maxEntries: 2 });
    const cache = make();
    for (const k of ['a', 'b', 'c']) {
      await cache.get(k, async () => k);
      clock.advance(1);
    }
    const loader = vi.fn(async () => 'reloaded');
    expect(await cache.get('a', loader)).toBe('reloaded');
    expect(storage.data.has('dexter-cache:b')).toBe(false); // 'a' came back, so 'b' is now the oldest
    expect(storage.data.has('dexter-cache:c')).toBe(true);
  });
});

describe('cache with a full storage quota', () => {
  it('still returns what it loaded and serves it from memory', async () => {
    const base = memoryStorage();
    const storage = {
      ...base,
      set: async () => {
        throw new Error('Resource::kQuotaBytes quota exceeded');
      },
    };
    const cache = createCache({ storage, ttlMs: 60_000, staleMs: 60_000 });
    const loader = vi.fn(async () => ({ n: 1 }));
    await expect(cache.get('k', loader)).resolves.toEqual({ n: 1 });
    await expect(cache.get('k', loader)).resolves.toEqual({ n: 1 });
    expect(loader).toHaveBeenCalledTimes(1);
  });
});

describe('cache with entries too big to persist', () => {
  const big = (tag: string) => ({
    tag,
    frames: Array.from({ length: 200 }, (_, i) => ({ function: `f${i}`, context: 'x'.repeat(20) })),
  });
  function setupBig(over: { maxMemoryOnly?: number } = {}) {
    const storage = memoryStorage();
    const make = () => createCache({ storage, ttlMs: 60_000, staleMs: 60_000, maxPersistBytes: 2_000, ...over });
    return { storage, make };
  }

  it('keeps a big entry in memory only and still serves it without a reload', async () => {
    const { storage, make } = setupBig();
    const cache = make();
    const loader = vi.fn(async () => big('event'));
    expect(await cache.get('event:1', loader)).toEqual(big('event'));
    expect(await cache.get('event:1', loader)).toEqual(big('event'));
    expect(loader).toHaveBeenCalledTimes(1);
    expect(storage.data.has('dexter-cache:event:1')).toBe(false);
    await cache.get('small', async () => ({ n: 1 }));
    expect(storage.data.has('dexter-cache:small')).toBe(true); // small entries are still persisted
    // A restarted worker has no copy of the big one and fetches it again.
    const again = vi.fn(async () => big('again'));
    expect(await make().get('event:1', again)).toEqual(big('again'));
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('drops an older persisted copy when the key’s new value is too big', async () => {
    const { storage, make } = setupBig();
    const cache = make();
    await cache.set('event:1', { small: true });
    expect(storage.data.has('dexter-cache:event:1')).toBe(true);
    await cache.set('event:1', big('grown'));
    expect(storage.data.has('dexter-cache:event:1')).toBe(false);
    expect(Object.keys(storage.data.get('dexter-cache:__index') as object)).not.toContain('event:1');
    expect(await cache.get('event:1', async () => big('unused'))).toEqual(big('grown'));
    expect(await make().get('event:1', async () => big('refetched'))).toEqual(big('refetched'));
  });

  it('keeps at most maxMemoryOnly big entries, dropping the oldest', async () => {
    const { make } = setupBig({ maxMemoryOnly: 2 });
    const cache = make();
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => big(k));
    const loader = vi.fn(async () => big('reloaded'));
    expect(await cache.get('c', loader)).toEqual(big('c'));
    expect(await cache.get('b', loader)).toEqual(big('b'));
    expect(await cache.get('a', loader)).toEqual(big('reloaded'));
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('invalidates memory-only entries too', async () => {
    const { make } = setupBig();
    const cache = make();
    await cache.get('event:1', async () => big('old'));
    expect(await cache.invalidate('event:')).toBe(1);
    expect(await cache.get('event:1', async () => big('new'))).toEqual(big('new'));
  });
});

describe('sizeUpTo', () => {
  it('is close to the JSON length for ordinary values', () => {
    const value = {
      id: '42',
      title: 'TypeError: x is undefined',
      tags: [{ key: 'env', value: 'prod' }],
      count: 7,
      ok: null,
      nested: { list: [1, 2, 3] },
    };
    const json = JSON.stringify(value).length;
    const est = sizeUpTo(value, 1e9);
    expect(est).toBeGreaterThan(json * 0.6);
    expect(est).toBeLessThan(json * 1.6);
  });

  it('stops counting soon after the limit', () => {
    const huge = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const est = sizeUpTo(huge, 1_000);
    expect(est).toBeGreaterThan(1_000);
    expect(est).toBeLessThan(200_000); // the array's own count, then at most a few items past the limit
    expect(sizeUpTo(huge, 1e9)).toBeGreaterThan(1_000_000);
  });
});
