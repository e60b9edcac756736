// Issue endpoints: list, bulk mutate, details, events, tag values and notes (GroupNotesEndpoint).
import {
  badRequest,
  json,
  notFound,
  orgOf,
  pagedList,
  route,
  type ApiContext,
  type ApiResult,
  type Route,
} from './api.ts';
import { readEnvironments } from './environments.ts';
import { iso } from './events.ts';
import { issuesStats } from './issues-stats.ts';
import { listIssues, listProjectIssues, queryOf, searchIssues } from './issues-list.ts';
import type { Issue } from './model.ts';
import { selectedProjects } from './routes-orgs.ts';
import { dateRange } from './search.ts';
import { serializeIssueDetail } from './serialize-issue.ts';
import { serializeNote } from './serialize.ts';
import { TAG_NAMES, tagValues, type CountedValue } from './tag-values.ts';

/** Sentry's BULK_MUTATION_LIMIT (src/sentry/api/helpers/group_index/__init__.py). */
export const BULK_MUTATION_LIMIT = 1000;
const STATUSES = ['resolved', 'unresolved', 'ignored', 'resolvedInNextRelease', 'muted'];
const SUBSTATUSES = [
  'archived_until_escalating',
  'archived_until_condition_met',
  'archived_forever',
  'escalating',
  'ongoing',
  'regressed',
  'new',
];

interface Mutation {
  status?: string;
  substatus?: string;
  statusDetails?: Record<string, unknown>;
  isBookmarked?: boolean;
  hasSeen?: boolean;
  priority?: string;
}

/** Validates a mutation body like GroupValidator; returns DRF-style field errors on bad input. */
function readMutation(body: unknown): Mutation | ApiResult {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    return json(400, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  const b = body as Record<string, unknown>;
  if (b.status !== undefined && !STATUSES.includes(String(b.status)))
    return json(400, { status: [`"${String(b.status)}" is not a valid choice.`] });
  if (b.substatus !== undefined && b.substatus !== null && !SUBSTATUSES.includes(String(b.substatus)))
    return json(400, { substatus: [`"${String(b.substatus)}" is not a valid choice.`] });
  if (b.priority !== undefined && !['high', 'medium', 'low'].includes(String(b.priority)))
    return json(400, { priority: [`"${String(b.priority)}" is not a valid choice.`] });
  return b as Mutation;
}

/** Applies a mutation to issues and returns the changes as Sentry's update_groups reports them. */
export function applyMutation(issues: Issue[], m: Mutation): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (m.status) {
    const details = m.statusDetails ?? {};
    let status = m.status === 'muted' ? 'ignored' : m.status;
    let statusDetails: Record<string, unknown> = {};
    let substatus: string | null = null;
    if (status === 'resolvedInNextRelease' || details.inNextRelease) {
      status = 'resolved';
      statusDetails = { inNextRelease: true };
    } else if (status === 'resolved' && typeof details.inRelease === 'string')
      statusDetails = { inRelease: details.inRelease };
    if (status === 'ignored') {
      const conditional = ['ignoreCount', 'ignoreDuration', 'ignoreUserCount', 'ignoreWindow', 'ignoreUserWindow'].some(
        (k) => details[k] !== undefined,
      );
      substatus = m.substatus ?? (conditional ? 'archived_until_condition_met' : 'archived_forever');
      statusDetails = Object.fromEntries(Object.entries(details).filter(([k]) => k.startsWith('ignore')));
    }
    // An explicit unresolved substatus is kept (infer_substatus), and issues already unresolved are left as they are
    // (handle_other_status_updates: queryset.exclude(status=new_status).update(…)).
    if (status === 'unresolved')
      substatus =
        m.substatus && ['ongoing', 'escalating', 'regressed', 'new'].includes(m.substatus) ? m.substatus : 'ongoing';
    for (const issue of issues)
      if (!(status === 'unresolved' && issue.status === 'unresolved'))
        Object.assign(issue, { status, substatus, statusDetails });
    Object.assign(result, { status, statusDetails, substatus });
    if (status !== 'unresolved') result.inbox = false;
  }
  for (const key of ['isBookmarked', 'hasSeen', 'priority'] as const) {
    if (m[key] === undefined) continue;
    for (const issue of issues) Object.assign(issue, { [key]: m[key] });
    result[key] = m[key];
  }
  return result;
}

function bulkMutate(ctx: ApiContext): ApiResult {
  const org = orgOf(ctx);
  if (!org) return notFound();
  const ids = ctx.url.searchParams.getAll('id');
  if (ids.some((id) => !/^\d+$/.test(id))) return badRequest('Invalid issue id');
  if (ids.length > BULK_MUTATION_LIMIT)
    return badRequest(`Too many issues selected. A maximum of ${BULK_MUTATION_LIMIT} issues can be mutated at once.`);
  const m = readMutation(ctx.body);
  if ('status' in m && typeof m.status === 'number') return m as ApiResult;
  const projects = selectedProjects(ctx, ctx.store.projectsOf(org));
  if ('error' in projects) return json(projects.status, { detail: projects.error });
  const visible = new Set(projects.map((p) => p.id));
  let issues: Issue[];
  if (ids.length > 0) {
    issues = ids.map((id) => ctx.store.issues.get(id)).filter((i): i is Issue => !!i && visible.has(i.projectId));
  } else {
    const envs = readEnvironments(ctx.url.searchParams, ctx.store, org);
    if (envs === 'unknown') return notFound();
    const scope = { range: dateRange(ctx.url.searchParams, ctx.store.now()), envs };
    issues = searchIssues(ctx, projects, queryOf(ctx.url.searchParams), scope).slice(0, BULK_MUTATION_LIMIT);
  }
  if (issues.length === 0) return { status: 204 };
  return json(200, applyMutation(issues, m as Mutation));
}

function issueOf(ctx: ApiContext): Issue | null {
  const org = orgOf(ctx);
  return (org && ctx.store.findIssue(org, ctx.params.id ?? '')) ?? null;
}

const envOfEvent = (e: Record<string, unknown>) =>
  (e.tags as { key: string; value: string }[] | undefined)?.find((t) => t.key === 'environment')?.value;

/** group_event_details.py: latest/oldest/recommended among the events in the requested environments, or one event
 *  by id (whatever its environment); previous/next are its neighbours in time. */
function issueEvent(ctx: ApiContext): ApiResult {
  const issue = issueOf(ctx);
  if (!issue) return notFound();
  const envs = readEnvironments(ctx.url.searchParams, ctx.store, ctx.store.findOrg(ctx.params.org ?? '')!);
  if (envs === 'unknown') return notFound();
  const all = ctx.store.eventsOf(issue);
  const which = ctx.params.event ?? 'latest';
  const reserved = which === 'latest' || which === 'recommended' || which === 'oldest';
  const events = reserved && envs ? all.filter((e) => envs.includes(String(envOfEvent(e)))) : all;
  const index = reserved
    ? which === 'oldest'
      ? 0
      : events.length - 1
    : events.findIndex((e) => e.eventID === which || e.id === which);
  const event = events[index];
  if (!event) {
    return json(404, {
      detail: reserved
        ? 'No matching event found. Try changing the environments, date range, or query.'
        : 'Event not found. The event ID may be incorrect, or its age exceeded the retention period.',
    });
  }
  return json(200, {
    ...event,
    previousEventID: events[index - 1]?.eventID ?? null,
    nextEventID: events[index + 1]?.eventID ?? null,
  });
}

function simpleEvent(e: Record<string, any>): Record<string, unknown> {
  return {
    id: e.id,
    'event.type': e.type ?? 'error',
    groupID: e.groupID ?? null,
    eventID: e.eventID,
    projectID: e.projectID,
    message: e.message ?? '',
    title: e.title,
    location: e.location ?? null,
    culprit: e.culprit ?? null,
    user: e.user ?? null,
    tags: e.tags ?? [],
    platform: e.platform ?? null,
    dateCreated: e.dateCreated,
    crashFile: null,
    metadata: e.metadata ?? {},
  };
}

function tagValueBody(issue: Issue, key: string, v: CountedValue) {
  const base = {
    key,
    name: v.value,
    value: v.value,
    count: v.count,
    lastSeen: iso(issue.lastSeen),
    firstSeen: iso(issue.firstSeen),
  };
  if (key !== 'user') return base;
  const id = v.value.slice(3);
  return { ...base, id, email: `${id}@example.com`, username: null, ipAddress: null, avatarUrl: null, identifier: id };
}

function tagKeyBody(issue: Issue, key: string, values: CountedValue[]) {
  return {
    key,
    name: TAG_NAMES[key] ?? key,
    uniqueValues: values.length,
    totalValues: values.reduce((a, v) => a + v.count, 0),
    topValues: values.slice(0, 9).map((v) => tagValueBody(issue, key, v)),
  };
}

export const issueRoutes: Route[] = [
  route('GET', 'organizations/:org/issues/', 'event:read', (ctx) => listIssues(ctx)),
  route('PUT', 'organizations/:org/issues/', 'event:write', bulkMutate),
  route('GET', 'projects/:org/:project/issues/', 'event:read', listProjectIssues),
  route('GET', 'organizations/:org/issues-stats/', 'event:read', issuesStats, { limit: 10, windowSec: 1 }),
  route(
    'GET',
    'organizations/:org/issues/:id/',
    'event:read',
    (ctx) => {
      const issue = issueOf(ctx);
      const envs = readEnvironments(ctx.url.searchParams, ctx.store, ctx.store.findOrg(ctx.params.org ?? '')!);
      if (!issue || envs === 'unknown') return notFound();
      return json(
        200,
        serializeIssueDetail(issue, ctx.store, { envs, collapse: ctx.url.searchParams.getAll('collapse'), u: ctx.u }),
      );
    },
    { limit: 5, windowSec: 1 },
  ),
  route('PUT', 'organizations/:org/issues/:id/', 'event:write', (ctx) => {
    const issue = issueOf(ctx);
    if (!issue) return notFound();
    const m = readMutation(ctx.body);
    if ('status' in m && typeof m.status === 'number') return m as ApiResult;
    const changes = applyMutation([issue], m as Mutation);
    return json(200, { ...serializeIssueDetail(issue, ctx.store, { envs: null, collapse: [], u: ctx.u }), ...changes });
  }),
  route('GET', 'organizations/:org/issues/:id/events/:event/', 'event:read', issueEvent, { limit: 15, windowSec: 1 }),
  // GroupEventsEndpoint: the issue's events, newest first, as SimpleEventSerializer shapes them.
  route('GET', 'organizations/:org/issues/:id/events/', 'event:read', (ctx) => {
    const issue = issueOf(ctx);
    if (!issue) return notFound();
    const events = [...ctx.store.eventsOf(issue)].reverse();
    return pagedList(
      ctx,
      events.map((e, i) => ({ item: e, score: events.length - i })),
      simpleEvent,
    );
  }),
  // GroupTagsEndpoint: every tag key of the issue with its top values (the Tags / distributions tab).
  route('GET', 'organizations/:org/issues/:id/tags/', 'event:read', (ctx) => {
    const issue = issueOf(ctx);
    const envs = issue && readEnvironments(ctx.url.searchParams, ctx.store, ctx.store.findOrg(ctx.params.org ?? '')!);
    if (!issue || envs === 'unknown' || envs === undefined) return notFound();
    // `key=` narrows the keys (group_tags.py); absent keys are left out.
    const wanted = ctx.url.searchParams.getAll('key');
    return json(
      200,
      (wanted.length ? [...new Set(wanted)] : Object.keys(TAG_NAMES)).flatMap((key) => {
        const values = tagValues(ctx.store, issue, key, envs);
        return values ? [tagKeyBody(issue, key, values)] : [];
      }),
    );
  }),
  // GroupTagKeyDetailsEndpoint: the key's totals and its top 9 values (TOP_VALUES_DEFAULT_LIMIT); 404 when no event
  // of the issue has the key (GroupTagKey.DoesNotExist).
  route('GET', 'organizations/:org/issues/:id/tags/:key/', 'event:read', (ctx) => {
    const issue = issueOf(ctx);
    const envs = issue && readEnvironments(ctx.url.searchParams, ctx.store, ctx.store.findOrg(ctx.params.org ?? '')!);
    const values =
      issue && envs !== 'unknown' && envs !== undefined
        ? tagValues(ctx.store, issue, ctx.params.key ?? '', envs)
        : null;
    if (!issue || !values) return notFound();
    return json(200, tagKeyBody(issue, ctx.params.key ?? '', values));
  }),
  route('GET', 'organizations/:org/issues/:id/tags/:key/values/', 'event:read', (ctx) => {
    const issue = issueOf(ctx);
    const key = ctx.params.key ?? '';
    const envs = issue && readEnvironments(ctx.url.searchParams, ctx.store, ctx.store.findOrg(ctx.params.org ?? '')!);
    const values = issue && envs !== 'unknown' && envs !== undefined ? tagValues(ctx.store, issue, key, envs) : null;
    if (!issue || !values) return notFound();
    return pagedList(
      ctx,
      values.map((v, i) => ({ item: v, score: values.length - i })),
      (v) => tagValueBody(issue, key, v),
      1000,
    );
  }),
  route('GET', 'organizations/:org/issues/:id/comments/', 'event:read', (ctx) => {
    const issue = issueOf(ctx);
    if (!issue) return notFound();
    const notes = [...issue.notes].reverse();
    return pagedList(
      ctx,
      notes.map((n) => ({ item: n, score: n.dateCreated })),
      serializeNote,
    );
  }),
  route('POST', 'organizations/:org/issues/:id/comments/', 'event:write', (ctx) => {
    const issue = issueOf(ctx);
    if (!issue) return notFound();
    const text = (ctx.body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || text.trim() === '') return json(400, { text: ['This field is required.'] });
    if (issue.notes.some((n) => n.text === text)) return json(400, { detail: 'You have already posted that comment.' });
    return json(201, serializeNote(ctx.store.addNote(issue, text, ctx.caller.name)));
  }),
];
