// Sentry's issue search as the list endpoint applies it: the query language subset Dexter and people use,
// date ranges (statsPeriod / start / end), and the sort orders of OrganizationGroupIndexEndpoint.
import { DAY, HOUR, type Issue, type Project } from './model.ts';
import type { Store } from './store.ts';
import { runsSize, type Envs } from './traffic.ts';

export class BadRequest extends Error {}

export interface Filter {
  key: string;
  values: string[];
  negated: boolean;
  op: string;
}
export interface ParsedQuery {
  filters: Filter[];
  words: string[];
}

const TOKEN = /(!?)([\w.]+):(>=|<=|>|<)?(\[[^\]]*\]|"[^"]*"|\S+)|"([^"]*)"|(\S+)/g;

export function parseQuery(query: string): ParsedQuery {
  const filters: Filter[] = [];
  const words: string[] = [];
  for (const m of query.matchAll(TOKEN)) {
    if (m[2] !== undefined && m[4] !== undefined) {
      const raw = m[4];
      const values = raw.startsWith('[')
        ? raw
            .slice(1, -1)
            .split(',')
            .map((v) => unquote(v.trim()))
            .filter(Boolean)
        : [unquote(raw)];
      filters.push({ key: m[2], values, negated: m[1] === '!', op: m[3] ?? '' });
    } else {
      const word = m[5] ?? m[6];
      if (word) words.push(word.toLowerCase());
    }
  }
  return { filters, words };
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: HOUR, d: DAY, w: 7 * DAY };

/** `24h`, `14d`, `90m`, `2w` → milliseconds; null when the text is not a period. */
export function parsePeriod(text: string): number | null {
  const m = /^(\d+)([smhdw])$/.exec(text.trim());
  return m ? Number(m[1]) * (UNITS[m[2] ?? 'd'] ?? DAY) : null;
}

export interface DateRange {
  start: number;
  end: number;
  period: number;
}

/** Sentry's default when a request names no window: MAX_STATS_PERIOD (src/sentry/api/utils.py). */
export const MAX_STATS_PERIOD = 90 * DAY;

/** ISO dates without a zone are UTC to Sentry (the frontend sends `YYYY-MM-DDTHH:mm:ss` from getUtcDateString). */
function parseUtc(text: string): number {
  const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(text) || !/T/.test(text) ? text : `${text}Z`;
  return Date.parse(/T/.test(zoned) ? zoned : `${zoned}T00:00:00Z`);
}

/** get_date_range_from_stats_period: statsPeriod wins over start/end, which come together; default 90 days. */
export function dateRange(params: URLSearchParams, now: number, fallback = MAX_STATS_PERIOD): DateRange {
  const statsPeriod = params.get('statsPeriod');
  if (statsPeriod) {
    const period = parsePeriod(statsPeriod);
    if (period === null) throw new BadRequest(`Invalid statsPeriod: '${statsPeriod}'`);
    return { start: now - period, end: now, period };
  }
  const start = params.get('start');
  const end = params.get('end');
  if (start || end) {
    if (!start || !end) throw new BadRequest('start and end are both required');
    const s = parseUtc(start);
    const e = parseUtc(end);
    if (Number.isNaN(s)) throw new BadRequest(`${start} is not a valid ISO8601 date query`);
    if (Number.isNaN(e)) throw new BadRequest(`${end} is not a valid ISO8601 date query`);
    if (s >= e) throw new BadRequest('start must be before end');
    return { start: s, end: e, period: e - s };
  }
  return { start: now - fallback, end: now, period: fallback };
}

/** What a search looks at besides the group: its window and environments (event-level filters use them). */
export interface Scope {
  range: DateRange;
  envs: Envs;
}

const STATUS: Record<string, (i: Issue) => boolean> = {
  unresolved: (i) => i.status === 'unresolved',
  resolved: (i) => i.status === 'resolved',
  ignored: (i) => i.status === 'ignored',
  archived: (i) => i.status === 'ignored',
  muted: (i) => i.status === 'ignored',
  for_review: (i) => i.status === 'unresolved' && ['new', 'regressed', 'escalating'].includes(String(i.substatus)),
  new: (i) => i.substatus === 'new',
  ongoing: (i) => i.substatus === 'ongoing',
  regressed: (i) => i.substatus === 'regressed',
  escalating: (i) => i.substatus === 'escalating',
  unassigned: () => true,
  assigned: () => false,
  bookmarked: (i) => i.isBookmarked,
  unhandled: (i) => i.isUnhandled,
};

function compare(op: string, actual: number, wanted: number): boolean {
  if (op === '>') return actual > wanted;
  if (op === '<') return actual < wanted;
  if (op === '>=') return actual >= wanted;
  if (op === '<=') return actual <= wanted;
  return actual === wanted;
}

/** `-24h` means "within the last 24h" (newer than), `+7d` older than; absolute ISO dates compare with the op. */
function matchesTime(value: string, op: string, at: number, now: number): boolean {
  const rel = /^([+-])(\d+[smhdw])$/.exec(value);
  if (rel) {
    const edge = now - (parsePeriod(rel[2] ?? '') ?? 0);
    return rel[1] === '-' ? at >= edge : at < edge;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new BadRequest(`Invalid date: ${value}`);
  return compare(op || '>=', at, t);
}

/** Does the issue have an event of this user (`id:x`, or a bare id) in the scope? */
function hasUser(value: string, issue: Issue, project: Project | undefined, store: Store, scope: Scope): boolean {
  const index = project?.userBase.indexOf(value.replace(/^id:/, '')) ?? -1;
  if (index < 0) return false;
  const runs = store.userRunsIn(issue, scope.envs, scope.range.start, scope.range.end);
  return runs.some(([a, b]) => index >= a && index < b) && runsSize(runs) > 0;
}

function matchesFilter(f: Filter, issue: Issue, project: Project | undefined, store: Store, scope: Scope): boolean {
  const any = (test: (v: string) => boolean) => f.values.some(test);
  switch (f.key) {
    case 'is':
      return any((v) => {
        const test = STATUS[v];
        if (!test)
          throw new BadRequest(
            `Invalid value for "is" search, valid values are ${Object.keys(STATUS).sort().join(', ')}`,
          );
        return test(issue);
      });
    case 'level':
      return any((v) => issue.level === v);
    case 'issue.id':
      return any((v) => issue.id === v);
    case 'issue':
      return any((v) => issue.shortId === v.toUpperCase());
    case 'project':
      return any((v) => project?.slug === v || project?.id === v);
    // Event filters: the group matches when one of its events in the window does.
    case 'environment':
      return any(
        (v) =>
          (scope.envs === null || scope.envs.includes(v)) &&
          store.countIn(issue, [v], scope.range.start, scope.range.end) > 0,
      );
    case 'user.id':
    case 'user':
      return any((v) => hasUser(v, issue, project, store, scope));
    case 'release':
    case 'firstRelease':
      return any((v) => issue.release !== null && (issue.release === v || issue.release.endsWith(`@${v}`)));
    case 'issue.category':
      return any((v) => issue.issueCategory === v);
    case 'issue.priority':
      return any((v) => issue.priority === v);
    case 'error.unhandled':
      return any((v) => issue.isUnhandled === (v === 'true' || v === '1'));
    case 'times_seen':
    case 'timesSeen':
      return any((v) => compare(f.op, store.countIn(issue, null, -Infinity, Infinity), Number(v)));
    case 'lastSeen':
    case 'last_seen':
      return any((v) => matchesTime(v, f.op, issue.lastSeen, store.now()));
    case 'firstSeen':
    case 'first_seen':
    case 'age':
      return any((v) => matchesTime(v, f.op, issue.firstSeen, store.now()));
    // They narrow the window instead (conditions.ts narrowRange).
    case 'date':
    case 'timestamp':
      return true;
    // Unknown keys are tag searches in Sentry; this world has no such tags, so they match nothing.
    default:
      return false;
  }
}

export function matchesQuery(q: ParsedQuery, issue: Issue, store: Store, scope: Scope): boolean {
  const project = store.projectById(issue.projectId);
  for (const f of q.filters) {
    if (matchesFilter(f, issue, project, store, scope) === f.negated) return false;
  }
  const haystack = `${issue.title} ${issue.culprit} ${issue.shortId}`.toLowerCase();
  return q.words.every((w) => haystack.includes(w));
}

export const SORTS = ['date', 'new', 'freq', 'user', 'trends', 'recommended', 'inbox'] as const;
export type Sort = (typeof SORTS)[number];

/** Score per sort: higher first. Ties break on the higher id, so pages never overlap. Aggregates are over the
 *  search's window and environments, as Snuba computes them (last_seen = max(timestamp), times_seen = count(), …). */
export function sortKey(sort: Sort, issue: Issue, store: Store, scope: Scope): number {
  const now = store.now();
  const { range, envs } = scope;
  switch (sort) {
    // The group's last event is the window's last event when the window reaches it (no environment filter).
    case 'date':
      return envs === null && issue.lastSeen >= range.start && issue.lastSeen < range.end
        ? issue.lastSeen
        : (store.edgeIn(issue, envs, range.start, range.end, 'last') ?? issue.lastSeen);
    case 'new':
      return issue.firstSeen;
    case 'freq':
      return store.countIn(issue, envs, range.start, range.end);
    case 'user':
      return store.usersIn(issue, envs, range.start, range.end);
    case 'inbox':
      return issue.firstSeen;
    case 'trends': {
      const recent = store.countIn(issue, envs, now - DAY, now);
      const before = store.countIn(issue, envs, now - 7 * DAY, now - DAY) / 6;
      return (recent + 1) / (before + 1);
    }
    case 'recommended': {
      const hoursAgo = Math.max(1, (now - issue.lastSeen) / HOUR);
      return (
        Math.log1p(store.countIn(issue, envs, range.start, range.end)) / Math.sqrt(hoursAgo) +
        (issue.substatus === 'escalating' ? 5 : 0)
      );
    }
  }
}
