// Response schemas for the Sentry API fields Dexter reads, written from Sentry's OpenAPI schema (tests/fixtures/sentry/openapi.json).
// Tolerant on purpose: unknown fields pass through (looseObject) and anything real payloads omit is optional,
// because Sentry adds fields every release and self-hosted versions lag behind sentry.io.
import { z } from 'zod';

const str = z.string();
const nullableStr = z.string().nullable().optional();
/** Sentry sends some ids as numbers on older endpoints (releases) and strings elsewhere. */
const id = z.union([z.string(), z.number()]).transform(String);

export const organization = z.looseObject({
  id: str,
  slug: str,
  name: str,
  dateCreated: str.optional(),
  features: z.array(str).optional(),
  links: z.looseObject({ organizationUrl: str.optional(), regionUrl: str.optional() }).optional(),
  status: z.looseObject({ id: str, name: str.optional() }).optional(),
});
export type Organization = z.infer<typeof organization>;

export const project = z.looseObject({
  id: str,
  slug: str,
  name: str.optional(),
  platform: nullableStr,
  isMember: z.boolean().optional(),
  hasAccess: z.boolean().optional(),
  environments: z.array(str).optional(),
  features: z.array(str).optional(),
});
export type Project = z.infer<typeof project>;

/** `[[unixSeconds, count], …]` — the sparkline buckets of `stats['24h' | '14d']`. */
export const statsSeries = z.array(z.tuple([z.number(), z.number()]));
export type StatsSeries = z.infer<typeof statsSeries>;

const issueProject = z.looseObject({ id: str, slug: str, name: str.optional(), platform: nullableStr });

/** Counts of the issue over its whole life (`lifetime`) or inside the search filter (`filtered`). */
const issueCounts = z.looseObject({
  count: str.optional(),
  userCount: z.number().optional(),
  firstSeen: nullableStr,
  lastSeen: nullableStr,
  stats: z.record(str, statsSeries).nullable().optional(),
});

export const issue = z.looseObject({
  id: str,
  shortId: str,
  title: str,
  culprit: nullableStr,
  permalink: str.optional(),
  level: str.optional(),
  status: str.optional(),
  substatus: nullableStr,
  statusDetails: z.record(str, z.unknown()).optional(),
  isUnhandled: z.boolean().optional(),
  priority: nullableStr,
  platform: nullableStr,
  type: str.optional(),
  issueType: str.optional(),
  issueCategory: str.optional(),
  /** Event count as a decimal string (it can exceed 2^53 in theory, so Sentry stringifies it). */
  count: str.optional(),
  userCount: z.number().optional(),
  firstSeen: nullableStr,
  lastSeen: nullableStr,
  numComments: z.number().optional(),
  project: issueProject.optional(),
  metadata: z.record(str, z.unknown()).optional(),
  stats: z.record(str, statsSeries).optional(),
  lifetime: issueCounts.nullable().optional(),
  filtered: issueCounts.nullable().optional(),
  assignedTo: z.looseObject({ type: str.optional(), id: str.optional(), name: str.optional() }).nullable().optional(),
});
export type Issue = z.infer<typeof issue>;

/** An `issues-stats` item: the window's numbers of one issue; its base fields (title, level…) only when Dexter asked
 *  for them (Sentry collapses `base` there unless `collapse` is given). */
export const issueStats = issue.partial().required({ id: true });
export type IssueStats = z.infer<typeof issueStats>;

const release = z.looseObject({
  id: id.optional(),
  version: str,
  shortVersion: str.optional(),
  dateCreated: nullableStr,
  dateReleased: nullableStr,
  ref: nullableStr,
  url: nullableStr,
  commitCount: z.number().optional(),
  deployCount: z.number().optional(),
  lastDeploy: z.looseObject({}).nullable().optional(),
  projects: z.array(z.looseObject({ id: id.optional(), slug: str.optional() })).optional(),
});
export { release };
export type Release = z.infer<typeof release>;

export const issueDetail = issue.extend({
  firstRelease: release.nullable().optional(),
  lastRelease: release.nullable().optional(),
  tags: z.array(z.looseObject({ key: str, name: str.optional(), totalValues: z.number().optional() })).optional(),
  activity: z.array(z.looseObject({ id: str, type: str, dateCreated: str.optional() })).optional(),
  userReportCount: z.number().optional(),
});
export type IssueDetail = z.infer<typeof issueDetail>;

// ── Events (API shape: camelCase keys, body in `entries`) ──────────────────────────────────────────

export const frame = z.looseObject({
  filename: nullableStr,
  absPath: nullableStr,
  module: nullableStr,
  function: nullableStr,
  lineNo: z.number().nullable().optional(),
  colNo: z.number().nullable().optional(),
  inApp: z.boolean().nullable().optional(),
  context: z
    .array(z.tuple([z.number(), z.string().nullable()]))
    .nullable()
    .optional(),
  vars: z.record(str, z.unknown()).nullable().optional(),
});
export type Frame = z.infer<typeof frame>;

const stacktrace = z
  .looseObject({ frames: z.array(frame).nullable().optional() })
  .nullable()
  .optional();

export const exceptionValue = z.looseObject({
  type: nullableStr,
  value: nullableStr,
  module: nullableStr,
  mechanism: z.looseObject({ type: str.optional(), handled: z.boolean().nullable().optional() }).nullable().optional(),
  stacktrace,
  rawStacktrace: stacktrace,
});
export const exceptionEntryData = z.looseObject({ values: z.array(exceptionValue).nullable().optional() });

export const breadcrumb = z.looseObject({
  type: nullableStr,
  category: nullableStr,
  level: nullableStr,
  message: nullableStr,
  timestamp: z.union([str, z.number()]).nullable().optional(),
  data: z.record(str, z.unknown()).nullable().optional(),
});
export const breadcrumbsEntryData = z.looseObject({ values: z.array(breadcrumb).nullable().optional() });

export const requestEntryData = z.looseObject({
  url: nullableStr,
  method: nullableStr,
  query: z.unknown().optional(),
  headers: z
    .array(z.tuple([str, z.string().nullable()]))
    .nullable()
    .optional(),
  data: z.unknown().optional(),
});

export const messageEntryData = z.looseObject({ formatted: nullableStr, message: nullableStr });

/** One `entries[]` item. `data` stays unknown here; readers parse it with the entry schemas above by `type`. */
export const eventEntry = z.looseObject({ type: str, data: z.unknown() });
export type EventEntry = z.infer<typeof eventEntry>;

export const eventTag = z.looseObject({ key: str, value: z.string().nullable() });

export const event = z.looseObject({
  id: str,
  eventID: str.optional(),
  groupID: nullableStr,
  projectID: nullableStr,
  title: str.optional(),
  message: nullableStr,
  platform: nullableStr,
  type: str.optional(),
  dateCreated: nullableStr,
  dateReceived: nullableStr,
  culprit: nullableStr,
  location: nullableStr,
  entries: z.array(eventEntry).default([]),
  tags: z.array(eventTag).default([]),
  contexts: z.record(str, z.unknown()).nullable().optional(),
  user: z
    .looseObject({ id: nullableStr, email: nullableStr, username: nullableStr, ip_address: nullableStr })
    .nullable()
    .optional(),
  release: release.nullable().optional(),
  sdk: z.looseObject({ name: str.optional(), version: str.optional() }).nullable().optional(),
  metadata: z.record(str, z.unknown()).nullable().optional(),
  occurrence: z.unknown().optional(),
});
export type SentryEvent = z.infer<typeof event>;

// ── Tags, bulk updates, deploys, comments, Discover, API root ──────────────────────────────────────

export const tagValue = z.looseObject({
  key: str.optional(),
  name: z.string().nullable().optional(),
  value: z.string().nullable(),
  count: z.number(),
  firstSeen: nullableStr,
  lastSeen: nullableStr,
});
export type TagValue = z.infer<typeof tagValue>;

export const tagDetails = z.looseObject({
  key: str,
  name: str.optional(),
  uniqueValues: z.number().optional(),
  totalValues: z.number().optional(),
  topValues: z.array(tagValue).default([]),
});
export type TagDetails = z.infer<typeof tagDetails>;

/** PUT …/issues/ answers with the fields it changed; 204 (no body) means no issue matched. */
export const bulkUpdateResult = z.looseObject({
  status: str.optional(),
  substatus: nullableStr,
  statusDetails: z.record(str, z.unknown()).optional(),
});
export type BulkUpdateResult = z.infer<typeof bulkUpdateResult>;

export const deploy = z.looseObject({
  id: id,
  environment: str,
  name: nullableStr,
  url: nullableStr,
  dateStarted: nullableStr,
  dateFinished: nullableStr,
});
export type Deploy = z.infer<typeof deploy>;

/** A note is an Activity of type "note" whose text sits in `data.text` (GroupNotesEndpoint). */
export const comment = z.looseObject({
  id: str,
  type: str.optional(),
  data: z.looseObject({ text: str }),
  dateCreated: str.optional(),
  user: z.looseObject({ id: str.optional(), name: str.optional(), email: str.optional() }).nullable().optional(),
});
export type Comment = z.infer<typeof comment>;

/** events-stats: with topEvents, one series per group key (`{"<issue id>": {data: [[t, [{count}]], …]}}`); without
 *  (or when nothing matched), one series at the top level (`{data: […]}`). */
const countBucket = z.tuple([z.number(), z.array(z.looseObject({ count: z.number() }))]);
export const eventsStatsSeries = z.looseObject({ data: z.array(countBucket) });
export type EventsStatsSeries = z.infer<typeof eventsStatsSeries>;
export const eventsStats = z.union([eventsStatsSeries, z.record(str, eventsStatsSeries)]);
export type EventsStats = z.infer<typeof eventsStats>;

export const discoverTable = z.looseObject({
  data: z.array(z.record(str, z.unknown())),
  meta: z.looseObject({ fields: z.record(str, str).optional() }).optional(),
});
export type DiscoverTable = z.infer<typeof discoverTable>;

/** GET /api/0/ — `auth.scopes` is set for token auth, `auth` is null for session auth (IndexEndpoint). */
export const apiRoot = z.looseObject({
  version: str.optional(),
  auth: z
    .looseObject({ scopes: z.array(str) })
    .nullable()
    .optional(),
  user: z.looseObject({ id: str.optional(), email: str.optional() }).nullable().optional(),
});
export type ApiRoot = z.infer<typeof apiRoot>;
