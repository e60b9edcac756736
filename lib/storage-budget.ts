// One size budget for what Dexter keeps in storage.local: cached Sentry answers (lib/cache.ts) and explanations.
// Chrome gives an extension 10 MB there (QUOTA_BYTES) and settings and the token live in it too; once it is full,
// every write fails ("Resource::kQuotaBytes quota exceeded"). So the entries share one budget, the least recently
// used go first, and a quota error still met (another writer, a wrong estimate) evicts more and tries once again.
import type { CacheStorage } from './cache';

/** The storage.local calls the budget needs (several keys in one call, so a value and the index land together). */
export interface RawStorage {
  get(key: string): Promise<unknown>;
  /** Every stored item: read once, on the first run, to adopt entries an older version left unaccounted. */
  getAll(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface BudgetOptions {
  storage: RawStorage;
  /** Bytes the entries (and the budget's own index) may take together. */
  maxBytes: number;
  indexKey: string;
  /** Key prefixes of the entries this budget owns (what it adopts on its first run). */
  prefixes: readonly string[];
  /** Keys counted but never evicted (the cache's own index). */
  pinned?: (key: string) => boolean;
  now?: () => number;
}

export interface BudgetUsage {
  bytes: number;
  entries: number;
  maxBytes: number;
}

export interface StorageBudget extends CacheStorage {
  usage(): Promise<BudgetUsage>;
}

/** The write did not fit even after eviction. Callers keep the value in memory (or on screen) instead. */
export class StorageFullError extends Error {
  readonly kind = 'storage-full';
}

const encoder = new TextEncoder();
/** What Chrome charges for an item: the key's bytes plus the UTF-8 bytes of the value's JSON (measured in Chromium 156). */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value) ?? '').length;
}

/** Chrome: Error("Resource::kQuotaBytes quota exceeded"); Firefox (IndexedDB): a QuotaExceededError. */
export function isQuotaError(e: unknown): boolean {
  return e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));
}

type Ledger = Map<string, { bytes: number; usedAt: number }>;

export function createStorageBudget(opts: BudgetOptions): StorageBudget {
  const { storage, maxBytes, indexKey } = opts;
  const now = opts.now ?? Date.now;
  const pinned = opts.pinned ?? (() => false);
  const owned = (key: string) => opts.prefixes.some((p) => key.startsWith(p));
  let ledger: Promise<Ledger> | null = null;
  const pending = new Set<string>();
  let removing: Promise<void> | null = null;
  // Writes one at a time: eviction decisions read the totals the previous write left.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };

  function load(): Promise<Ledger> {
    ledger ??= (async () => {
      const raw = await storage.get(indexKey).catch(() => undefined);
      const m: Ledger = new Map();
      if (raw && typeof raw === 'object') {
        for (const [k, v] of Object.entries(raw))
          if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number')
            m.set(k, { bytes: v[0], usedAt: v[1] });
        return m;
      }
      // First run: what an older Dexter stored under these prefixes is counted too, oldest of all (used at 0).
      const all = await storage.getAll().catch(() => ({}));
      for (const [k, v] of Object.entries(all))
        if (owned(k) && k !== indexKey) m.set(k, { bytes: itemBytes(k, v), usedAt: 0 });
      return m;
    })();
    return ledger;
  }

  const serialise = (m: Ledger) => Object.fromEntries([...m].map(([k, e]) => [k, [e.bytes, e.usedAt]]));
  const total = (m: Ledger) => itemBytes(indexKey, serialise(m)) + [...m.values()].reduce((a, e) => a + e.bytes, 0);

  /** Least recently used keys (never `keep` or a pinned one) whose removal brings the total to `target` or below. */
  function victims(m: Ledger, target: number, keep: string): string[] {
    let bytes = total(m);
    const out: string[] = [];
    const order = [...m].filter(([k]) => k !== keep && !pinned(k)).sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [k, e] of order) {
      if (bytes <= target) break;
      out.push(k);
      bytes -= e.bytes + itemBytes(k, [e.bytes, e.usedAt]) + 2; // its index line goes too ("key":[b,t],)
    }
    return out;
  }

  async function evict(m: Ledger, keys: string[]): Promise<void> {
    if (!keys.length) return;
    for (const k of keys) m.delete(k);
    await storage.remove(keys).catch(() => {});
  }

  return {
    async get(key) {
      const m = await load();
      const value = await storage.get(key);
      const e = m.get(key);
      // The touch reaches storage with the next write: an approximate order costs nothing on reads.
      if (e && value !== undefined) e.usedAt = now();
      else if (e) m.delete(key);
      return value;
    },

    set(key, value) {
      return serial(async () => {
        const m = await load();
        const bytes = itemBytes(key, value);
        if (bytes > maxBytes / 2) throw new StorageFullError(`${bytes} bytes is more than Dexter keeps in one entry.`);
        const previous = m.get(key);
        m.set(key, { bytes, usedAt: now() });
        await evict(m, victims(m, maxBytes, key));
        try {
          await storage.set({ [key]: value, [indexKey]: serialise(m) });
        } catch (e) {
          if (!isQuotaError(e)) throw restore(e);
          // Something else filled the quota (or Chrome counts differently): make room for this value twice over.
          await evict(m, victims(m, Math.max(0, total(m) - 2 * bytes), key));
          await storage.set({ [key]: value, [indexKey]: serialise(m) }).catch((again: unknown) => {
            throw restore(isQuotaError(again) ? new StorageFullError('Dexter’s storage is full.') : again);
          });
        }
        function restore(e: unknown): unknown {
          if (previous) m.set(key, previous);
          else m.delete(key);
          return e;
        }
      });
    },

    remove(key) {
      // Removals queued together (the cache invalidates hundreds at once) share one call and one index write.
      pending.add(key);
      removing ??= serial(async () => {
        const keys = [...pending];
        pending.clear();
        removing = null;
        const m = await load();
        const had = keys.filter((k) => m.delete(k)).length > 0;
        await storage.remove(keys);
        if (had) await storage.set({ [indexKey]: serialise(m) }).catch(() => {});
      });
      return removing;
    },

    async usage() {
      const m = await load();
      return { bytes: total(m), entries: m.size, maxBytes };
    },
  };
}

/** A Map-backed RawStorage that charges and refuses like Chrome's storage.local (tests, and a fallback). */
export function quotaStorage(quotaBytes: number): RawStorage & { data: Map<string, unknown>; bytesInUse(): number } {
  const data = new Map<string, unknown>();
  const bytesInUse = () => [...data].reduce((a, [k, v]) => a + itemBytes(k, v), 0);
  return {
    data,
    bytesInUse,
    get: async (k) => structuredClone(data.get(k)),
    getAll: async () => Object.fromEntries([...data].map(([k, v]) => [k, structuredClone(v)])),
    async set(items) {
      const after = new Map(data);
      for (const [k, v] of Object.entries(items)) after.set(k, structuredClone(v));
      const used = [...after].reduce((a, [k, v]) => a + itemBytes(k, v), 0);
      if (used > quotaBytes) throw new Error('Resource::kQuotaBytes quota exceeded');
      for (const [k, v] of after) data.set(k, v);
    },
    remove: async (keys) => void keys.forEach((k) => data.delete(k)),
  };
}
