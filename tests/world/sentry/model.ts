// In-memory records of the Sentry test world. Times are epoch milliseconds; the API layer formats them.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Hourly counts are kept for this many hours back from "now" (30 days); older events are only a total. */
export const HOURS_KEPT = 30 * 24;

export type Region = 'us' | 'de';

export interface Org {
  id: string;
  slug: string;
  name: string;
  region: Region;
  dateCreated: number;
}

export interface Project {
  id: string;
  orgId: string;
  slug: string;
  name: string;
  platform: string;
  dateCreated: number;
  /** User ids seen in this project; each issue's users are a subset, so Discover's count_unique(user) stays consistent. */
  userBase: string[];
  teamSlug: string;
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';
export type Substatus =
  | 'new' | 'regressed' | 'ongoing' | 'escalating'
  | 'archived_until_escalating' | 'archived_until_condition_met' | 'archived_forever' | null;

export interface Note {
  id: string;
  issueId: string;
  text: string;
  dateCreated: number;
  userName: string;
}

export interface Issue {
  id: string;
  orgId: string;
  projectId: string;
  shortId: string;
  title: string;
  culprit: string;
  type: 'error' | 'default';
  issueType: string;
  issueCategory: string;
  level: 'fatal' | 'error' | 'warning' | 'info' | 'debug';
  metadata: Record<string, unknown>;
  platform: string;
  logger: string | null;
  status: IssueStatus;
  substatus: Substatus;
  statusDetails: Record<string, unknown>;
  priority: 'high' | 'medium' | 'low';
  isUnhandled: boolean;
  hasSeen: boolean;
  isBookmarked: boolean;
  firstSeen: number;
  lastSeen: number;
  /** hourly[i] = events in the hour starting at windowStart + i h (see Store.windowStart). */
  hourly: Uint32Array;
  /** Events older than the hourly window. */
  olderCount: number;
  /** Users affected over the issue's life: ids from the project's userBase. */
  users: string[];
  /** Release the issue was first seen in. */
  release: string;
  environment: string;
  /** Events stored for this issue, newest last. Generated issues get one built from a template. */
  events: Record<string, unknown>[];
  notes: Note[];
  /** The fingerprint addEvent groups by; also the fixture issue's origin, if any. */
  fingerprint: string;
}

export interface Release {
  orgId: string;
  version: string;
  projectIds: string[];
  dateCreated: number;
  dateReleased: number | null;
}

export function totalCount(issue: Issue): number {
  let sum = issue.olderCount;
  for (const n of issue.hourly) sum += n;
  return sum;
}
