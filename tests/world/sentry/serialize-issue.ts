// Issues as the API serialises them: StreamGroupSerializerSnuba for lists and issues-stats
// (src/sentry/api/serializers/models/group_stream.py), GroupSerializerSnuba + group_details for one issue. Which
// window each number covers is decided by the caller (see StreamOptions) and computed in seen.ts / timeseries.ts.
import { conditionEnvs, type Conditions } from './conditions.ts';
import { iso } from './events.ts';
import { ENVIRONMENTS } from './generate.ts';
import { DAY, HOUR, type Issue } from './model.ts';
import { matchesQuery, type DateRange } from './search.ts';
import { lifetimeSeen, NOTHING_SEEN, windowSeen, type Seen } from './seen.ts';
import { issueUrl, serializeNote, type UrlContext } from './serialize.ts';
import type { Store } from './store.ts';
import { statsSeries, statsWindow, type StatsPeriod, type StatsWindow } from './timeseries.ts';
import { releaseOfEvent } from './tag-values.ts';
import type { Envs } from './traffic.ts';

export interface StreamOptions {
  envs: Envs;
  /** The request's window for the seen stats; null on the paths Sentry serialises without start/end (`group=`,
   *  direct hits), which therefore answer lifetime-style numbers. */
  range: DateRange | null;
  /** The request's window all the same: `auto` stats use it (calculate_stats_period). */
  requestRange: DateRange;
  conditions: Conditions | null;
  statsPeriod: StatsPeriod | null;
  expand: string[];
  collapse: string[];
  u: UrlContext;
}

/** GroupSerializerBase's fields other than the seen stats. */
export function serializeIssueBase(issue: Issue, store: Store, u: UrlContext): Record<string, unknown> {
  const org = store.orgs.find((o) => o.id === issue.orgId)!;
  const project = store.projectById(issue.projectId)!;
  return {
    id: issue.id,
    shareId: null,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    permalink: issueUrl(org, issue, u),
    logger: issue.logger,
    level: issue.level,
    status: issue.status,
    statusDetails: issue.statusDetails,
    substatus: issue.substatus,
    isPublic: false,
    platform: issue.platform,
    project: { id: project.id, name: project.name, slug: project.slug, platform: project.platform },
    type: issue.type,
    metadata: issue.metadata,
    numComments: issue.notes.length,
    assignedTo: null,
    isBookmarked: issue.isBookmarked,
    isSubscribed: false,
    subscriptionDetails: null,
    hasSeen: issue.hasSeen,
    annotations: [],
    issueType: issue.issueType,
    issueCategory: issue.issueCategory,
    priority: issue.priority,
    priorityLockedAt: null,
    seerFixabilityScore: null,
    seerAutofixLastTriggered: null,
    seerExplorerAutofixLastTriggered: null,
  };
}

/** The environments whose events the search's conditions keep: the group must match the group-level ones (level,
 *  release, text…), and `environment:` terms narrow the environments; 'none' when no event of it can match. */
function filteredEnvs(store: Store, issue: Issue, o: StreamOptions, range: DateRange): Envs | 'none' {
  const c = o.conditions!;
  const scope = { range, envs: o.envs };
  const groupLevel = { filters: c.filters.filter((f) => f.key !== 'environment'), words: c.words };
  if (!matchesQuery(groupLevel, issue, store, scope)) return 'none';
  const envs = conditionEnvs(c, o.envs, ENVIRONMENTS);
  return envs !== null && envs.length === 0 ? 'none' : envs;
}

function seenOf(store: Store, issue: Issue, o: StreamOptions): Seen {
  return o.range ? windowSeen(store, issue, o.envs, o.range) : lifetimeSeen(store, issue, o.envs);
}

export function serializeStreamGroup(issue: Issue, store: Store, o: StreamOptions): Record<string, unknown> {
  const collapsed = (what: string) => o.collapse.includes(what);
  const window: StatsWindow | null = o.statsPeriod ? statsWindow(o.statsPeriod, o.requestRange, store.now()) : null;
  // `_get_seen_stats` returns None with collapse=stats, and the base serializer then leaves the four fields out.
  const seen = collapsed('stats') ? null : seenOf(store, issue, o);
  const out: Record<string, unknown> = collapsed('base') ? { id: issue.id } : serializeIssueBase(issue, store, o.u);
  if (seen) Object.assign(out, seen);
  if (!collapsed('unhandled')) out.isUnhandled = issue.isUnhandled;
  if (!collapsed('stats')) {
    if (o.statsPeriod && window) out.stats = { [o.statsPeriod]: statsSeries(store, issue, o.envs, window) };
    if (!collapsed('lifetime')) {
      // Without start/end the lifetime query is the window query (`if self.start or self.end else time_range_result`).
      out.lifetime = {
        ...(o.range ? lifetimeSeen(store, issue, o.envs) : seen),
        ...(o.statsPeriod ? { stats: null } : {}),
      };
    }
    if (!collapsed('filtered'))
      out.filtered = o.conditions && o.range ? filtered(store, issue, o, o.range, window) : null;
    if (o.expand.includes('sessions')) out.sessionCount = sessions(store, issue, o);
  }
  if (!collapsed('base')) Object.assign(out, { matchingEventId: null, matchingEventEnvironment: null });
  if (o.expand.includes('inbox')) {
    const inInbox =
      issue.status === 'unresolved' && ['new', 'regressed', 'escalating'].includes(String(issue.substatus));
    const reason = { new: 0, regressed: 2, escalating: 6 }[String(issue.substatus)] ?? 0;
    out.inbox = inInbox ? { reason, reason_details: null, date_added: iso(issue.firstSeen) } : null;
  }
  if (o.expand.includes('owners')) out.owners = null;
  if (o.expand.includes('latestEventHasAttachments')) out.latestEventHasAttachments = false;
  if (o.expand.includes('integrationIssues')) out.integrationIssues = [];
  if (o.expand.includes('sentryAppIssues')) out.sentryAppIssues = [];
  return out;
}

/** `filtered`: the window's events that pass the conditions, with `stats` of those events when a period is on. */
function filtered(
  store: Store,
  issue: Issue,
  o: StreamOptions,
  range: DateRange,
  window: StatsWindow | null,
): Record<string, unknown> {
  const envs = filteredEnvs(store, issue, o, range);
  const seen = envs === 'none' ? NOTHING_SEEN : windowSeen(store, issue, envs, range);
  if (!o.statsPeriod || !window) return { ...seen };
  const series = envs === 'none' ? statsSeries(store, issue, [], window) : statsSeries(store, issue, envs, window);
  return { ...seen, stats: { [o.statsPeriod]: series } };
}

/** Sessions of the project in the window; the world has no session data, so derive it from the project's users. */
function sessions(store: Store, issue: Issue, o: StreamOptions): number {
  const range = o.range ?? o.requestRange;
  return store.usersIn(issue, o.envs, range.start, range.end) * 4;
}

export interface DetailOptions {
  envs: Envs;
  collapse: string[];
  u: UrlContext;
}

/**
 * GET …/issues/{id}/ (group_details.py): `count` is get_group_global_count — every event, every environment,
 * ever; userCount, firstSeen and lastSeen come from GroupSerializerSnuba without a window (seen.ts lifetimeSeen).
 * `stats` has 24h hourly and 30d daily series; collapse=stats|tags|release drops those parts, as the page asks.
 */
export function serializeIssueDetail(issue: Issue, store: Store, o: DetailOptions): Record<string, unknown> {
  const base = serializeIssueBase(issue, store, o.u);
  const seen = lifetimeSeen(store, issue, o.envs);
  const releases = store.releasesOf(issue.projectId);
  // get_first_last_release: the release the first (and the last) event carried, serialized when the release exists.
  const releaseBody = (version: string | null) => {
    const r = version === null ? undefined : releases.find((x) => x.version === version);
    return version === null
      ? null
      : {
          version,
          shortVersion: version.split('@').pop() ?? version,
          dateCreated: r ? iso(r.dateCreated) : null,
          dateReleased: r?.dateReleased ? iso(r.dateReleased) : null,
          ref: null,
          url: null,
        };
  };
  const now = store.now();
  // ActivitySerializer, newest first: notes, the regression and resolution activity, first_seen.
  const activity = [
    ...issue.notes.map((n) => ({ at: n.dateCreated, body: serializeNote(n) })),
    ...(issue.activity ?? []).map((a) => ({
      at: a.dateCreated,
      body: { id: a.id, type: a.type, data: a.data, dateCreated: iso(a.dateCreated), user: null },
    })),
  ]
    .sort((a, b) => b.at - a.at)
    .map((a) => a.body);
  const out: Record<string, unknown> = {
    ...base,
    ...seen,
    isUnhandled: issue.isUnhandled,
    activity: [
      ...activity,
      { data: {}, dateCreated: iso(issue.firstSeen), id: `fs-${issue.id}`, type: 'first_seen', user: null },
    ],
    seenBy: [],
    pluginActions: [],
    pluginIssues: [],
    pluginContexts: [],
    userReportCount: 0,
    participants: [],
  };
  if (!o.collapse.includes('release'))
    Object.assign(out, {
      firstRelease: releaseBody(issue.release),
      lastRelease: releaseBody(releaseOfEvent(store, issue, issue.lastSeen)),
    });
  if (!o.collapse.includes('tags')) {
    const total = Number(seen.count);
    out.tags = [
      { key: 'environment', name: 'Environment', totalValues: total },
      { key: 'level', name: 'Level', totalValues: total },
      ...(seen.userCount > 0 ? [{ key: 'user', name: 'User', totalValues: total }] : []),
    ];
  }
  if (!o.collapse.includes('stats')) {
    out.stats = {
      '24h': statsSeries(store, issue, o.envs, { start: now - 23 * HOUR, end: now, rollup: HOUR }),
      '30d': statsSeries(store, issue, o.envs, { start: now - 29 * DAY, end: now, rollup: DAY }),
    };
  }
  return out;
}
