// Where each of a project's users is and what they run: a fixed country (GeoIP's `geo.country_code`, ISO 3166-1
// alpha-2), browser and OS per user id, so every event of that user carries the same tags, and the tag-value counts,
// Discover's users per country and the events' own tags all agree. Browser and OS are client tags: only browser and
// mobile projects have them; server events carry the user's country (sendDefaultPii sends the client IP) and no
// browser. An issue whose events have no user has no `geo.country_code` either.
import { hashString } from './prng.ts';

const COUNTRIES: [string, number][] = [
  ['US', 30],
  ['DE', 14],
  ['GB', 10],
  ['IN', 9],
  ['BR', 8],
  ['FR', 7],
  ['JP', 5],
  ['CA', 5],
  ['NL', 4],
  ['AU', 3],
  ['PL', 3],
  ['ES', 2],
];
const BROWSERS: [string, number][] = [
  ['Chrome', 58],
  ['Safari', 20],
  ['Firefox', 12],
  ['Edge', 10],
];
const DESKTOP_OS: [string, number][] = [
  ['Windows', 45],
  ['Mac OS X', 30],
  ['iOS', 15],
  ['Android', 10],
];
const MOBILE_OS: [string, number][] = [['Android', 100]];

function weighted(table: readonly [string, number][], seed: number): string {
  const total = table.reduce((a, [, w]) => a + w, 0);
  let x = seed % total;
  for (const [value, w] of table) {
    if (x < w) return value;
    x -= w;
  }
  return table[0]![0];
}

export interface UserTags {
  country: string;
  browser: string | null;
  os: string | null;
}

/** The tag keys a platform's events carry besides geo. */
export function clientTagsOf(platform: string): { browser: boolean; os: boolean } {
  if (platform.startsWith('javascript')) return { browser: true, os: true };
  if (platform === 'android' || platform === 'java') return { browser: false, os: true };
  return { browser: false, os: false };
}

export function userTags(userId: string, platform: string): UserTags {
  const h = hashString(`geo:${userId}`);
  const client = clientTagsOf(platform);
  return {
    country: weighted(COUNTRIES, h),
    browser: client.browser ? weighted(BROWSERS, hashString(`browser:${userId}`)) : null,
    os: client.os
      ? weighted(platform.startsWith('javascript') ? DESKTOP_OS : MOBILE_OS, hashString(`os:${userId}`))
      : null,
  };
}

/** The value of a tag key for a user's events; null when those events do not carry the key. */
export function userTagValue(key: string, userId: string, platform: string): string | null {
  const t = userTags(userId, platform);
  if (key === 'geo.country_code') return t.country;
  if (key === 'browser.name') return t.browser;
  if (key === 'os.name') return t.os;
  return null;
}

export const USER_TAG_KEYS = ['geo.country_code', 'browser.name', 'os.name'] as const;
