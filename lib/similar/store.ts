// The similar-issues indexes kept in IndexedDB (one record per organization and method), so what Dexter has seen
// survives the service worker's restarts. Saves are coalesced: a list page's upserts cost one write.
import { VectorIndex, type StoredIndex } from './index';

const DB = 'dexter-similar';
const STORE = 'indexes';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export interface IndexStore {
  load(key: string): Promise<StoredIndex | undefined>;
  save(key: string, index: StoredIndex): Promise<void>;
}

export const idbStore: IndexStore = {
  load: (key) => run('readonly', (s) => s.get(key) as IDBRequest<StoredIndex | undefined>),
  save: async (key, index) => void (await run('readwrite', (s) => s.put(index, key))),
};

/** Issues not seen for this long leave the index. */
export const INDEX_MAX_AGE_MS = 30 * 86_400_000;

/** The indexes by key, loaded once, saved a moment after the last change. */
export class IndexCache {
  private loaded = new Map<string, Promise<VectorIndex>>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: IndexStore = idbStore,
    private readonly saveDelayMs = 2000,
  ) {}

  get(key: string, method: string, dim: number, now = Date.now()): Promise<VectorIndex> {
    let p = this.loaded.get(key);
    if (!p) {
      p = this.store
        .load(key)
        .catch(() => undefined)
        .then((stored) => {
          const index =
            stored && stored.method === method && stored.dim === dim
              ? VectorIndex.from(stored)
              : new VectorIndex(method, dim);
          index.evictOlderThan(now - INDEX_MAX_AGE_MS);
          return index;
        });
      this.loaded.set(key, p);
    }
    return p;
  }

  changed(key: string, index: VectorIndex): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.store
          .save(key, index.toJSON())
          .catch((e: unknown) => console.warn('[Dexter] could not save the similar-issues index:', e));
      }, this.saveDelayMs),
    );
  }
}
