// An issue's tag values with their event counts, as the tagstore answers them (src/sentry/tagstore/snuba/backend.py:
// count() of the group's events that carry the key, by value, most first; over the retention, optionally in some
// environments). Every count derives from the issue's traffic (traffic.ts): the user tags from each user's events
// (user-tags.ts), `release` from which release was current when each event happened (releases.ts).
import type { Issue } from './model.ts';
import { releaseAt, releaseSpans } from './releases.ts';
import type { Store } from './store.ts';
import { eventsPerUser, envsOf, type Envs } from './traffic.ts';
import { userTagValue, USER_TAG_KEYS } from './user-tags.ts';

export const TAG_NAMES: Record<string, string> = {
  user: 'User',
  environment: 'Environment',
  level: 'Level',
  release: 'Release',
  handled: 'Handled',
  'geo.country_code': 'geo.country_code',
  'browser.name': 'browser.name',
  'os.name': 'os.name',
};

export interface CountedValue {
  value: string;
  count: number;
}

const byCount = (a: CountedValue, b: CountedValue) => b.count - a.count || a.value.localeCompare(b.value);

/** The issue's values of `key` with their event counts (most first); null when none of its events has the key. */
export function tagValues(store: Store, issue: Issue, key: string, envs: Envs = null): CountedValue[] | null {
  const total = store.countIn(issue, envs, -Infinity, Infinity);
  const single = (value: string) => (total > 0 ? [{ value, count: total }] : null);
  if (key === 'environment')
    return envsOf(issue.traffic)
      .filter((e) => envs === null || envs.includes(e))
      .map((env) => ({ value: env, count: store.countIn(issue, [env], -Infinity, Infinity) }))
      .sort(byCount);
  if (key === 'level') return single(issue.level);
  if (key === 'handled') return single(issue.isUnhandled ? 'no' : 'yes');
  if (key === 'release') return releaseValues(store, issue, envs);
  const project = store.projectById(issue.projectId);
  const base = project?.userBase ?? [];
  const perUser = [...eventsPerUser(store.clock, issue.traffic, envs, -Infinity, Infinity)];
  if (key === 'user')
    return perUser.length ? perUser.map(([u, count]) => ({ value: `id:${base[u] ?? u}`, count })).sort(byCount) : null;
  if (!(USER_TAG_KEYS as readonly string[]).includes(key)) return null;
  const counts = new Map<string, number>();
  for (const [u, n] of perUser) {
    const value = userTagValue(key, base[u] ?? String(u), issue.platform);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + n);
  }
  return counts.size ? [...counts].map(([value, count]) => ({ value, count })).sort(byCount) : null;
}

/** Events per release: each event carries the release that was current when it happened. */
function releaseValues(store: Store, issue: Issue, envs: Envs): CountedValue[] | null {
  const releases = store.releasesOf(issue.projectId);
  if (!releases.length || issue.release === null) return null;
  const out: CountedValue[] = [];
  for (const { release, from, to } of releaseSpans(releases, store.clock.end)) {
    const count = store.countIn(issue, envs, from, to);
    if (count > 0) out.push({ value: release.version, count });
  }
  return out.length ? out.sort(byCount) : null;
}

/** The release of an event at `t` of this issue's project (null without releases). */
export function releaseOfEvent(store: Store, issue: Issue, t: number): string | null {
  return issue.release === null ? null : (releaseAt(store.releasesOf(issue.projectId), t)?.version ?? null);
}
