// Sentry's "seen stats" of a group: count (a string), userCount, firstSeen, lastSeen — for a window, for the whole
// life, or for the events matching the search. GroupSerializerSnuba._execute_error_seen_stats_query aggregates
// count(), min/max(timestamp) and uniq(tags[sentry:user]) over the events; _parse_seen_stats_results then decides
// where times_seen and first_seen come from (src/sentry/api/serializers/models/group.py).
import { iso } from './events.ts';
import { DAY, type Issue } from './model.ts';
import type { DateRange } from './search.ts';
import type { Store } from './store.ts';
import type { Envs } from './traffic.ts';

export interface Seen {
  count: string;
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** With no start/end Snuba clamps the query to the organisation's retention (90 days on sentry.io); the issue
 *  page labels its user count "Users (90d)" for that reason (streamline/header/header.tsx userCountPeriod). */
export const RETENTION = 90 * DAY;

const at = (t: number | null) => (t === null ? null : iso(t));

/** use_result_first_seen_times_seen: every number from the events in [start, end) in the environments. No events
 *  gives times_seen 0, user_count 0 and no dates (`times_seen.get(item.id, 0)`, `first_seen.get(item.id)`). */
export function windowSeen(store: Store, issue: Issue, envs: Envs, range: DateRange): Seen {
  const { start, end } = range; // Snuba: timestamp >= start AND timestamp < end
  return {
    count: String(store.countIn(issue, envs, start, end)),
    userCount: store.usersIn(issue, envs, start, end),
    firstSeen: at(store.edgeIn(issue, envs, start, end, 'first')),
    lastSeen: at(store.edgeIn(issue, envs, start, end, 'last')),
  };
}

/**
 * No time bound (lifetime, `group=` lookups, direct hits, issue details): times_seen is Group.times_seen — every
 * event in every environment, ever; first_seen is GroupEnvironment's first_seen in the environments (or the group's);
 * last_seen and user_count still come from the environment-filtered query, inside retention.
 */
export function lifetimeSeen(store: Store, issue: Issue, envs: Envs): Seen {
  const now = store.now();
  const inRetention = { from: now - RETENTION, to: Infinity };
  return {
    count: String(store.countIn(issue, null, -Infinity, Infinity)),
    userCount: store.usersIn(issue, envs, inRetention.from, inRetention.to),
    firstSeen: envs === null ? iso(issue.firstSeen) : at(store.edgeIn(issue, envs, -Infinity, Infinity, 'first')),
    lastSeen: at(store.edgeIn(issue, envs, inRetention.from, inRetention.to, 'last')),
  };
}

/** The seen stats of nothing: what a group whose events all fail the search's conditions gets. */
export const NOTHING_SEEN: Seen = { count: '0', userCount: 0, firstSeen: null, lastSeen: null };
