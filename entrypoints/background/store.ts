// What Dexter keeps in storage.local beside settings and the token — cached Sentry answers and explanations —
// under one size budget with least-recently-used eviction (lib/storage-budget.ts).
import { createStorageBudget, type RawStorage, type StorageBudget } from '@/lib/storage-budget';
import { KEYS } from '@/lib/storage-keys';

const local: RawStorage = {
  async get(key) {
    return (await browser.storage.local.get(key))[key];
  },
  getAll: () => browser.storage.local.get(null),
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

/** 8 MB of Chrome's 10 MB: the rest stays free for settings, the tokens and the two indexes. */
export const STORE_MAX_BYTES = 8 * 1024 * 1024;

export const store: StorageBudget = createStorageBudget({
  storage: local,
  maxBytes: STORE_MAX_BYTES,
  indexKey: KEYS.storeIndex,
  prefixes: [KEYS.cachePrefix, KEYS.explanationPrefix, KEYS.summaryPrefix],
  pinned: (key) => key === `${KEYS.cachePrefix}__index`,
});
