import { describe, expect, it } from 'vitest';
import { createCache } from './cache';
import { createStorageBudget, isQuotaError, itemBytes, quotaStorage, StorageFullError } from './storage-budget';

const KB = 1024;

function setup(over: { quota?: number; maxBytes?: number } = {}) {
  let t = 1_000;
  const storage = quotaStorage(over.quota ?? 100 * KB);
  const make = () =>
    createStorageBudget({
      storage,
      maxBytes: over.maxBytes ?? 50 * KB,
      indexKey: 'dexter-store:__lru',
      prefixes: ['dexter-cache:', 'dexter-explain:'],
      pinned: (k) => k.endsWith('__index'),
      now: () => ++t,
    });
  return { storage, make, budget: make() };
}
const text = (kb: number, c = 'x') => c.repeat(kb * KB);

describe('itemBytes', () => {
  it('charges what Chrome charges: key bytes plus the UTF-8 bytes of the JSON (measured: é×1000 under "u" is 2003)', () => {
    expect(itemBytes('u', 'é'.repeat(1000))).toBe(2003);
    expect(itemBytes('o', { k: 'ab"c' })).toBe(14);
  });
});

describe('the fake storage', () => {
  it('refuses like Chrome once the quota is reached', async () => {
    const storage = quotaStorage(10 * KB);
    await storage.set({ a: text(6) });
    const error = await storage.set({ b: text(6) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Resource::kQuotaBytes quota exceeded');
    expect(isQuotaError(error)).toBe(true);
    expect(storage.data.has('b')).toBe(false);
  });
});

describe('storage budget', () => {
  it('evicts the least recently used entries to stay under its size, and counts its own index', async () => {
    const { budget, storage } = setup();
    for (let i = 0; i < 8; i++) await budget.set(`dexter-explain:${i}`, text(8));
    const { bytes, entries } = await budget.usage();
    expect(bytes).toBeLessThanOrEqual(50 * KB);
    expect(entries).toBe(6);
    expect(storage.bytesInUse()).toBeLessThanOrEqual(50 * KB);
    expect(storage.data.has('dexter-explain:0')).toBe(false);
    expect(storage.data.has('dexter-explain:7')).toBe(true);
  });

  it('keeps what was read lately: a read moves an entry to the back of the queue', async () => {
    const { budget, storage } = setup();
    for (let i = 0; i < 6; i++) await budget.set(`dexter-explain:${i}`, text(8));
    expect(await budget.get('dexter-explain:0')).toBe(text(8));
    await budget.set('dexter-explain:6', text(8));
    expect(storage.data.has('dexter-explain:0')).toBe(true);
    expect(storage.data.has('dexter-explain:1')).toBe(false);
  });

  it('is one budget across explanations and cached Sentry answers, and never evicts a pinned key', async () => {
    const { budget, storage } = setup();
    const cache = createCache({ storage: budget, ttlMs: 60_000, staleMs: 0, namespace: 'dexter-cache:' });
    await cache.get('issue:1', async () => ({ title: text(10) }));
    await budget.set('dexter-explain:a', text(15));
    await budget.set('dexter-explain:b', text(15));
    await budget.set('dexter-explain:c', text(15));
    expect(storage.data.has('dexter-cache:issue:1')).toBe(false); // the oldest, whoever wrote it
    expect(storage.data.has('dexter-cache:__index')).toBe(true);
    expect(storage.data.has('dexter-explain:c')).toBe(true);
  });

  it('survives a full quota that others filled: evicts more and stores the value', async () => {
    const { budget, storage } = setup({ quota: 60 * KB, maxBytes: 50 * KB });
    for (let i = 0; i < 5; i++) await budget.set(`dexter-explain:${i}`, text(8));
    await storage.set({ settings: text(18) }); // not the budget's: 58 KB of 60 are now used
    await budget.set('dexter-explain:new', text(8));
    expect(storage.data.get('dexter-explain:new')).toBe(text(8));
    expect(storage.data.get('settings')).toBe(text(18));
    expect(storage.bytesInUse()).toBeLessThanOrEqual(60 * KB);
  });

  it('says StorageFullError when nothing it owns can make room, and leaves its ledger as it was', async () => {
    const { budget, storage } = setup({ quota: 30 * KB, maxBytes: 50 * KB });
    await storage.set({ settings: text(25) });
    const error = await budget.set('dexter-explain:x', text(8)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((await budget.usage()).entries).toBe(0);
    // A value bigger than half the budget is refused before any eviction.
    await expect(budget.set('dexter-explain:huge', text(30))).rejects.toBeInstanceOf(StorageFullError);
  });

  it('adopts what an older version stored unaccounted, and evicts it first', async () => {
    const { storage, make } = setup();
    await storage.set({ 'dexter-explain:old1': text(20), 'dexter-explain:old2': text(20), settings: { llm: {} } });
    const budget = make();
    await budget.set('dexter-explain:new', text(20));
    expect(storage.data.has('dexter-explain:old1')).toBe(false);
    expect(storage.data.has('dexter-explain:new')).toBe(true);
    expect(storage.data.has('settings')).toBe(true);
  });

  it('starts again from its stored index in a new worker', async () => {
    const { storage, make, budget } = setup();
    for (let i = 0; i < 6; i++) await budget.set(`dexter-explain:${i}`, text(8));
    const next = make();
    expect((await next.usage()).entries).toBe(6);
    await next.set('dexter-explain:6', text(8));
    expect(storage.data.has('dexter-explain:0')).toBe(false);
  });

  it('forgets removed entries and entries that vanished from storage', async () => {
    const { budget, storage } = setup();
    await budget.set('dexter-explain:a', text(4));
    await budget.set('dexter-explain:b', text(4));
    await budget.remove('dexter-explain:a');
    await storage.remove(['dexter-explain:b']);
    expect(await budget.get('dexter-explain:b')).toBeUndefined();
    expect((await budget.usage()).entries).toBe(0);
  });
});

describe('storage budget removals', () => {
  it('batches removals queued together into one call', async () => {
    const { budget, storage } = setup();
    for (let i = 0; i < 5; i++) await budget.set(`dexter-cache:${i}`, i);
    const calls: string[][] = [];
    const remove = storage.remove;
    storage.remove = async (keys) => (calls.push(keys), remove(keys));
    await Promise.all([0, 1, 2, 3, 4].map((i) => budget.remove(`dexter-cache:${i}`)));
    expect(calls).toEqual([['dexter-cache:0', 'dexter-cache:1', 'dexter-cache:2', 'dexter-cache:3', 'dexter-cache:4']]);
    expect((await budget.usage()).entries).toBe(0);
  });
});
