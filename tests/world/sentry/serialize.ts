// JSON shapes of the API: field sets follow Sentry's serializers (StreamGroupSerializerSnuba, GroupSerializer,
// OrganizationSerializer, ProjectSerializer) as documented in openapi.json and its examples.
import { iso } from './events.ts';
import { openapiExample } from './fixtures.ts';
import { DAY, HOUR, type Issue, type Note, type Org, type Project } from './model.ts';
import type { DateRange } from './search.ts';
import type { Store } from './store.ts';

/** How URLs in bodies are built: real sentry.io names when the request came to *.sentry.io, else self-hosted style. */
export interface UrlContext { saas: boolean; origin: string }

export function organizationUrl(org: Org, u: UrlContext): string {
  return u.saas ? `https://${org.slug}.sentry.io` : u.origin;
}
export function regionUrl(org: Org, u: UrlContext): string {
  return u.saas ? `https://${org.region}.sentry.io` : u.origin;
}
export function issueUrl(org: Org, issue: Issue, u: UrlContext): string {
  return u.saas ? `https://${org.slug}.sentry.io/issues/${issue.id}/` : `${u.origin}/organizations/${org.slug}/issues/${issue.id}/`;
}

export function serializeOrg(org: Org, store: Store, u: UrlContext, detailed = false): Record<string, unknown> {
  const base = openapiExample('GET /api/0/organizations/');
  const item = Array.isArray(base) ? base[0] : base;
  const out: Record<string, unknown> = {
    ...item, id: org.id, slug: org.slug, name: org.name, dateCreated: iso(org.dateCreated), requireEmailVerification: false,
    links: { organizationUrl: organizationUrl(org, u), regionUrl: regionUrl(org, u) },
  };
  if (detailed) {
    out.projects = store.projectsOf(org).map((p) => serializeProject(p, store, false));
    out.teams = [{ id: '1', slug: 'core', name: 'Core', isMember: true }];
    out.access = ['org:read', 'project:read', 'event:read', 'event:write', 'project:write'];
  }
  return out;
}

export function serializeProject(project: Project, store: Store, detailed: boolean): Record<string, unknown> {
  const base = openapiExample('GET /api/0/organizations/{organization_id_or_slug}/projects/');
  const item = (Array.isArray(base) ? base[0] : base) as Record<string, unknown>;
  const team = { id: '1', name: 'Core', slug: project.teamSlug };
  const out: Record<string, unknown> = {
    ...item, id: project.id, slug: project.slug, name: project.name, platform: project.platform, platforms: [project.platform],
    dateCreated: iso(project.dateCreated), firstEvent: iso(project.dateCreated + HOUR), team, teams: [team], environments: ['production', 'staging'],
  };
  if (detailed) {
    const detail = openapiExample('GET /api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/') as Record<string, unknown>;
    const org = store.orgs.find((o) => o.id === project.orgId)!;
    Object.assign(out, { ...detail, ...out, organization: { ...(detail.organization as object), id: org.id, slug: org.slug, name: org.name } });
  }
  return out;
}

/** Stats buckets as [unixSeconds, count], aligned like Sentry's tsdb rollups. */
export function statsSeries(store: Store, issue: Issue, bucket: number, buckets: number): [number, number][] {
  const now = store.now();
  const last = Math.floor(now / bucket) * bucket;
  const out: [number, number][] = [];
  for (let i = buckets - 1; i >= 0; i--) {
    const start = last - i * bucket;
    out.push([start / 1000, store.countBetween(issue, Math.max(start, store.windowStart), start + bucket)]);
  }
  return out;
}

export type StatsPeriod = '24h' | '14d' | 'auto' | null;

export function statsFor(store: Store, issue: Issue, period: StatsPeriod, range: DateRange): Record<string, [number, number][]> {
  if (period === '24h') return { '24h': statsSeries(store, issue, HOUR, 24) };
  if (period === '14d') return { '14d': statsSeries(store, issue, DAY, 14) };
  if (period === 'auto') {
    // Hourly buckets for short ranges, daily beyond two days: close to Sentry's auto rollup, never over ~90 buckets.
    const bucket = range.period <= 2 * DAY ? HOUR : DAY;
    return { auto: statsSeries(store, issue, bucket, Math.max(1, Math.ceil(range.period / bucket))) };
  }
  return {};
}

export interface IssueListOptions {
  statsPeriod: StatsPeriod;
  range: DateRange;
  expand: string[];
  collapse: string[];
  filtered: boolean;
  u: UrlContext;
}

function periodUsers(issue: Issue, inPeriod: number, total: number): number {
  if (total === 0 || issue.users.length === 0) return 0;
  return Math.min(issue.users.length, Math.max(inPeriod > 0 ? 1 : 0, Math.round((issue.users.length * inPeriod) / total)));
}

export function serializeIssueBase(issue: Issue, store: Store, u: UrlContext): Record<string, unknown> {
  const org = store.orgs.find((o) => o.id === issue.orgId)!;
  const project = store.projectById(issue.projectId)!;
  const total = store.countBetween(issue, 0, Infinity);
  return {
    id: issue.id, shareId: null, shortId: issue.shortId, title: issue.title, culprit: issue.culprit, permalink: issueUrl(org, issue, u),
    logger: issue.logger, level: issue.level, status: issue.status, statusDetails: issue.statusDetails, substatus: issue.substatus,
    isPublic: false, platform: issue.platform, project: { id: project.id, name: project.name, slug: project.slug, platform: project.platform },
    type: issue.type, metadata: issue.metadata, numComments: issue.notes.length, assignedTo: null, isBookmarked: issue.isBookmarked,
    isSubscribed: false, subscriptionDetails: null, hasSeen: issue.hasSeen, annotations: [], issueType: issue.issueType,
    issueCategory: issue.issueCategory, priority: issue.priority, priorityLockedAt: null, seerFixabilityScore: null,
    seerAutofixLastTriggered: null, seerExplorerAutofixLastTriggered: null, isUnhandled: issue.isUnhandled,
    count: String(total), userCount: issue.users.length, firstSeen: iso(issue.firstSeen), lastSeen: iso(issue.lastSeen),
  };
}

export function serializeIssue(issue: Issue, store: Store, o: IssueListOptions): Record<string, unknown> {
  const base = serializeIssueBase(issue, store, o.u);
  const total = Number(base.count);
  const inPeriod = store.countBetween(issue, o.range.start, o.range.end);
  const lifetime = { count: String(total), userCount: issue.users.length, firstSeen: base.firstSeen, lastSeen: base.lastSeen, stats: null };
  const out: Record<string, unknown> = o.collapse.includes('base') ? { id: issue.id } : { ...base, count: String(inPeriod), userCount: periodUsers(issue, inPeriod, total) };
  if (!o.collapse.includes('stats') && o.statsPeriod) out.stats = statsFor(store, issue, o.statsPeriod, o.range);
  if (!o.collapse.includes('lifetime')) out.lifetime = lifetime;
  if (!o.collapse.includes('filtered')) out.filtered = o.filtered ? { ...lifetime, count: String(inPeriod), userCount: periodUsers(issue, inPeriod, total) } : null;
  if (!o.collapse.includes('unhandled')) out.isUnhandled = issue.isUnhandled;
  if (!o.collapse.includes('base')) Object.assign(out, { matchingEventId: null, matchingEventEnvironment: null });
  if (o.expand.includes('inbox')) {
    const inInbox = issue.status === 'unresolved' && ['new', 'regressed', 'escalating'].includes(String(issue.substatus));
    const reason = { new: 0, regressed: 2, escalating: 6 }[String(issue.substatus)] ?? 0;
    out.inbox = inInbox ? { reason, reason_details: null, date_added: iso(issue.firstSeen) } : null;
  }
  if (o.expand.includes('owners')) out.owners = null;
  // Sessions in the period that saw this issue; the world has no session data, so derive it from users.
  if (o.expand.includes('sessions')) out.sessionCount = issue.users.length * 4;
  if (o.expand.includes('latestEventHasAttachments')) out.latestEventHasAttachments = false;
  if (o.expand.includes('integrationIssues')) out.integrationIssues = [];
  if (o.expand.includes('sentryAppIssues')) out.sentryAppIssues = [];
  return out;
}

export function serializeIssueDetail(issue: Issue, store: Store, u: UrlContext): Record<string, unknown> {
  const base = serializeIssueBase(issue, store, u);
  const release = { version: issue.release, shortVersion: issue.release.split('@').pop() ?? issue.release, dateCreated: iso(issue.firstSeen), dateReleased: null, ref: null, url: null };
  return {
    ...base,
    activity: [
      ...issue.notes.map((n) => serializeNote(n)).reverse(),
      { data: {}, dateCreated: iso(issue.firstSeen), id: `fs-${issue.id}`, type: 'first_seen', user: null },
    ],
    seenBy: [], pluginActions: [], pluginIssues: [], pluginContexts: [], userReportCount: 0, participants: [],
    firstRelease: release, lastRelease: release,
    tags: [{ key: 'environment', name: 'Environment', totalValues: Number(base.count) }, { key: 'level', name: 'Level', totalValues: Number(base.count) },
      ...(issue.users.length ? [{ key: 'user', name: 'User', totalValues: Number(base.count) }] : [])],
    stats: { '24h': statsSeries(store, issue, HOUR, 24), '30d': statsSeries(store, issue, DAY, 30) },
  };
}

const NOTE_USER = { id: '1', name: 'Dexter Demo', username: 'dexter@example.com', email: 'dexter@example.com', avatarUrl: null, isActive: true, hasPasswordAuth: true, isManaged: false, dateJoined: '2024-01-01T00:00:00Z', lastLogin: null, has2fa: false, lastActive: null, isSuperuser: false, isStaff: false, experiments: {}, emails: [], avatar: { avatarType: 'letter_avatar', avatarUuid: null, avatarUrl: null } };

/** A GroupNote is an Activity of type "note" (ActivitySerializer). */
export function serializeNote(note: Note): Record<string, unknown> {
  return { id: note.id, user: { ...NOTE_USER, name: note.userName }, type: 'note', data: { text: note.text, mentions: [] }, dateCreated: iso(note.dateCreated) };
}
