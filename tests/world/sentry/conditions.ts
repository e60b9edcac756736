// Which parts of an issue search become Snuba conditions on the events (and so a `filtered` block in the answer),
// and which only pick groups. GroupSerializerSnuba.__init__ (src/sentry/api/serializers/models/group.py) turns every
// search filter whose key is not in skip_snuba_fields into a condition; `date`/`timestamp` terms narrow the window.
import type { Filter, ParsedQuery, DateRange } from './search.ts';
import { parsePeriod } from './search.ts';
import type { Envs } from './traffic.ts';

/**
 * SKIP_SNUBA_FIELDS plus last_seen/times_seen/date/timestamp and release.stage, by the keys people type
 * (`is:` expands to status/substatus/for_review/assigned…, `age:`/`firstSeen:` to first_seen, and so on).
 */
const SKIPPED = new Set([
  'is',
  'status',
  'substatus',
  'bookmarks',
  'bookmarked_by',
  'assigned',
  'assigned_to',
  'for_review',
  'assigned_or_suggested',
  'unassigned',
  'linked',
  'subscribed',
  'subscribed_by',
  'firstRelease',
  'first_release',
  'firstSeen',
  'first_seen',
  'age',
  'issue.category',
  'issue.priority',
  'issue.type',
  'lastSeen',
  'last_seen',
  'timesSeen',
  'times_seen',
  'date',
  'timestamp',
  'release.stage',
]);

/** The event conditions of a search: non-skipped filters and free text (Sentry's `message` filter). */
export interface Conditions {
  filters: Filter[];
  words: string[];
}

/** null when the query only picks groups — then Sentry answers `filtered: null`. */
export function conditionsOf(q: ParsedQuery): Conditions | null {
  const filters = q.filters.filter((f) => !SKIPPED.has(f.key));
  return filters.length > 0 || q.words.length > 0 ? { filters, words: q.words } : null;
}

/** The environments the events of a search may come from: the `environment` params narrowed by `environment:` terms. */
export function conditionEnvs(c: Conditions | null, envs: Envs, all: readonly string[]): Envs {
  let out: string[] | null = envs === null ? null : [...envs];
  for (const f of c?.filters ?? []) {
    if (f.key !== 'environment') continue;
    const base = out ?? [...all];
    out = f.negated ? base.filter((e) => !f.values.includes(e)) : base.filter((e) => f.values.includes(e));
  }
  return out;
}

/** `date:`/`timestamp:` terms narrow [start, end]: self.start = max(start, date>…), self.end = min(end, date<…). */
export function narrowRange(range: DateRange, q: ParsedQuery, now: number): DateRange {
  let { start, end } = range;
  for (const f of q.filters) {
    if (f.key !== 'date' && f.key !== 'timestamp') continue;
    for (const v of f.values) {
      const rel = /^([+-])(\d+[smhdw])$/.exec(v);
      if (rel) {
        const edge = now - (parsePeriod(rel[2] ?? '') ?? 0);
        if (rel[1] === '-') start = Math.max(start, edge);
        else end = Math.min(end, edge);
        continue;
      }
      const t = Date.parse(v);
      if (Number.isNaN(t)) continue;
      if (f.op.startsWith('>')) start = Math.max(start, t);
      else if (f.op.startsWith('<')) end = Math.min(end, t);
    }
  }
  return { start, end, period: Math.max(0, end - start) };
}
