import { storage } from '#imports';
import { KEYS, type SentryAuth } from '@/lib/storage-keys';
import { parseSettings, type Settings } from '@/lib/settings';

export const settingsItem = storage.defineItem<unknown>(KEYS.settings, { fallback: {} });
export const authItem = storage.defineItem<SentryAuth | null>(KEYS.auth, { fallback: null });

export async function getSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}
