// The subset of an issue from `GET /api/0/organizations/{org}/issues/` that scoring reads.
// Sentry sends `count` as a string (it can exceed 2^31); everything is optional because
// older self-hosted versions and `collapse=stats` omit fields.

/** One stats bucket: [unix seconds at the bucket start, event count]. */
export type StatsBucket = [number, number];

export interface IssueStats {
  '24h'?: StatsBucket[];
  '14d'?: StatsBucket[];
}

export interface ApiIssue {
  id?: string;
  count?: string | number | null;
  userCount?: number | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  level?: string | null;
  isUnhandled?: boolean | null;
  substatus?: string | null;
  stats?: IssueStats | null;
}

/** Event count as a number, or null when Sentry did not send a usable one. */
export function issueEventCount(issue: ApiIssue): number | null {
  const raw = issue.count;
  if (raw === null || raw === undefined || raw === '') return null;
  const n = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Non-negative finite count or null. */
export function issueUserCount(issue: ApiIssue): number | null {
  const n = issue.userCount;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Milliseconds since epoch of an ISO date, or null when missing/unparseable. */
export function parseDate(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/** Counts of a stats series; a malformed bucket counts as 0 events (it cannot raise a score). */
export function bucketCounts(series: StatsBucket[] | undefined | null): number[] | null {
  if (!Array.isArray(series) || series.length === 0) return null;
  return series.map((b) =>
    Array.isArray(b) && typeof b[1] === 'number' && Number.isFinite(b[1]) && b[1] >= 0 ? b[1] : 0,
  );
}
