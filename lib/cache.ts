// Dexter's one cache: TTL + stale-while-revalidate, persisted through a storage adapter so a restarted service
// worker starts warm, with in-flight de-duplication (three features asking for one issue page → one request).

export interface CacheStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface CacheOptions {
  storage: CacheStorage;
  now?: () => number;
  /** Age below which an entry is served without a request. */
  ttlMs: number;
  /** Extra age during which a stale entry is served at once and refreshed behind. */
  staleMs: number;
  maxEntries?: number;
  /** Entries bigger than this (estimated JSON bytes) stay in memory only: writing an 8.5 MB event to
   *  storage.local took 1.4–1.7 s in the service worker (and its 10 MB quota), longer than fetching it again. */
  maxPersistBytes?: number;
  /** How many of those memory-only entries are kept (oldest dropped first), so big events cannot pile up. */
  maxMemoryOnly?: number;
  /** Prefix of every storage key this cache writes, so it can share storage.local with settings. */
  namespace?: string;
  /** Background refresh failures: the stale value stays; this only reports. */
  onError?: (key: string, error: unknown) => void;
}

export interface GetOptions<T> {
  onRevalidated?: (value: T) => void;
}

export interface CacheStats {
  hits: number;
  misses: number;
  staleServed: number;
  loads: number;
  deduped: number;
}

export interface Cache {
  get<T>(key: string, loader: () => Promise<T>, opts?: GetOptions<T>): Promise<T>;
  set<T>(key: string, value: T): Promise<void>;
  /** Drops entries by key prefix or predicate (after Dexter's own writes). Returns how many went. */
  invalidate(match: string | ((key: string) => boolean)): Promise<number>;
  stats(): CacheStats;
}

interface Entry {
  value: unknown;
  fetchedAt: number;
}

/** Rough JSON size of `value`, but stops counting once past `limit` so a huge value costs O(limit), not O(size). */
export function sizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (v === null || typeof v !== 'object') size += 8;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      if (size <= limit) for (const item of v) stack.push(item);
    } else {
      // for…in, not Object.entries: no pair arrays to allocate (values here come from JSON: own keys only).
      for (const k in v) {
        size += k.length + 4;
        stack.push((v as Record<string, unknown>)[k]);
      }
      size += 2;
    }
  }
  return size;
}

function isEntry(x: unknown): x is Entry {
  return typeof x === 'object' && x !== null && 'value' in x && typeof (x as Entry).fetchedAt === 'number';
}

export function createCache(opts: CacheOptions): Cache {
  const { storage, ttlMs, staleMs } = opts;
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 500;
  const ns = opts.namespace ?? 'dexter-cache:';
  const indexKey = `${ns}__index`;
  const maxPersistBytes = opts.maxPersistBytes ?? 512 * 1024;
  const maxMemoryOnly = opts.maxMemoryOnly ?? 8;

  const memory = new Map<string, Entry>();
  /** Keys of entries too big to persist, oldest first; they live in `memory` only. */
  const memoryOnly = new Set<string>();
  /** key → fetchedAt of everything persisted; itself persisted so invalidate/evict reach a previous worker's entries. */
  let index: Map<string, number> | null = null;
  const inflight = new Map<string, Promise<unknown>>();
  /** Bumped by invalidate so a load that started before a write does not store its older answer. */
  const generation = new Map<string, number>();
  const counters: CacheStats = { hits: 0, misses: 0, staleServed: 0, loads: 0, deduped: 0 };
  let indexLoad: Promise<Map<string, number>> | null = null;

  function loadIndex(): Promise<Map<string, number>> {
    indexLoad ??= storage.get(indexKey).then(
      (raw) => {
        const m = new Map<string, number>();
        if (raw && typeof raw === 'object')
          for (const [k, v] of Object.entries(raw)) if (typeof v === 'number') m.set(k, v);
        index = m;
        return m;
      },
      () => (index = new Map()),
    );
    return indexLoad;
  }
  const saveIndex = () => storage.set(indexKey, Object.fromEntries(index ?? []));

  async function read(key: string): Promise<Entry | undefined> {
    const mem = memory.get(key);
    if (mem) return mem;
    const idx = await loadIndex();
    const at = idx.get(key);
    // The index knows each entry's age: an expired one is not worth a storage read (seconds for a big one).
    if (at === undefined || now() - at >= ttlMs + staleMs) return undefined;
    const raw = await storage.get(ns + key).catch(() => undefined);
    if (!isEntry(raw)) return undefined;
    memory.set(key, raw);
    return raw;
  }

  async function write(key: string, value: unknown): Promise<void> {
    const entry = { value, fetchedAt: now() };
    memory.set(key, entry);
    memoryOnly.delete(key);
    const idx = await loadIndex();
    if (sizeUpTo(value, maxPersistBytes) > maxPersistBytes) return keepInMemory(key, idx);
    idx.set(key, entry.fetchedAt);
    const evicted: string[] = [];
    if (idx.size > maxEntries) {
      const oldest = [...idx.entries()].sort((a, b) => a[1] - b[1]).slice(0, idx.size - maxEntries);
      for (const [k] of oldest) {
        idx.delete(k);
        memory.delete(k);
        evicted.push(k);
      }
    }
    await Promise.all([storage.set(ns + key, entry), ...evicted.map((k) => storage.remove(ns + k)), saveIndex()]).catch(
      () => {
        // Storage full (kQuotaBytes) or gone: the answer is already fetched, so keep it in memory rather than fail.
        idx.delete(key);
        return Promise.all([storage.remove(ns + key), saveIndex()]).catch(() => {});
      },
    );
  }

  /** A big entry: memory only, in a short queue; an older persisted copy of the key goes so it cannot come back. */
  async function keepInMemory(key: string, idx: Map<string, number>): Promise<void> {
    memoryOnly.add(key);
    for (const k of memoryOnly) {
      if (memoryOnly.size <= maxMemoryOnly) break;
      memoryOnly.delete(k);
      memory.delete(k);
    }
    if (idx.delete(key)) await Promise.all([storage.remove(ns + key), saveIndex()]).catch(() => {});
  }

  function load<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const running = inflight.get(key);
    if (running) {
      counters.deduped++;
      return running as Promise<T>;
    }
    counters.loads++;
    const gen = generation.get(key) ?? 0;
    const p = (async () => {
      try {
        const value = await loader();
        if ((generation.get(key) ?? 0) === gen) await write(key, value);
        return value;
      } finally {
        inflight.delete(key);
      }
    })();
    inflight.set(key, p);
    return p;
  }

  return {
    async get<T>(key: string, loader: () => Promise<T>, getOpts: GetOptions<T> = {}): Promise<T> {
      const entry = await read(key);
      const age = entry ? now() - entry.fetchedAt : Infinity;
      if (entry && age < ttlMs) {
        counters.hits++;
        return entry.value as T;
      }
      if (entry && age < ttlMs + staleMs) {
        counters.staleServed++;
        if (!inflight.has(key)) {
          load(key, loader).then(
            (v) => getOpts.onRevalidated?.(v),
            (e) => opts.onError?.(key, e),
          );
        }
        return entry.value as T;
      }
      counters.misses++;
      return load(key, loader);
    },

    async set(key, value) {
      generation.set(key, (generation.get(key) ?? 0) + 1);
      await write(key, value);
    },

    async invalidate(match) {
      const test = typeof match === 'string' ? (k: string) => k.startsWith(match) : match;
      const idx = await loadIndex();
      const keys = new Set([...idx.keys(), ...memory.keys(), ...inflight.keys()].filter(test));
      for (const k of keys) {
        generation.set(k, (generation.get(k) ?? 0) + 1);
        memory.delete(k);
        memoryOnly.delete(k);
        idx.delete(k);
      }
      await Promise.all([...[...keys].map((k) => storage.remove(ns + k)), saveIndex()]);
      return keys.size;
    },

    stats: () => ({ ...counters }),
  };
}

/** In-memory storage adapter for tests and for when extension storage is unavailable. */
export function memoryStorage(): CacheStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => void data.set(k, structuredClone(v)),
    remove: async (k) => void data.delete(k),
  };
}
