// In-memory records of the Sentry test world. Times are epoch milliseconds; the API layer formats them.
import type { Traffic } from './traffic.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

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
  /** User ids seen in this project; issues' events carry users by index into it (traffic.ts), so Discover's
   *  count_unique(user) and every issue's userCount count the same people. */
  userBase: string[];
  teamSlug: string;
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';
export type Substatus =
  | 'new'
  | 'regressed'
  | 'ongoing'
  | 'escalating'
  | 'archived_until_escalating'
  | 'archived_until_condition_met'
  | 'archived_forever'
  | null;

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
  /** Every event of the issue: per environment, per time bucket, with users (traffic.ts). firstSeen/lastSeen above
   *  are its first and last event in any environment. */
  traffic: Traffic;
  /** Release the issue was first seen in (releases.ts: the project's release at its first event); null in a project
   *  that sends no releases. */
  release: string | null;
  /** Activity beyond notes and first_seen (set_regression, set_resolved_in_release, set_escalating), oldest first. */
  activity?: Activity[];
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
  deploys: Deploy[];
}

/** A deploy of a release to an environment (DeploySerializer's fields). */
export interface Deploy {
  id: string;
  environment: string;
  name: string | null;
  dateStarted: number | null;
  dateFinished: number;
}

/** An issue activity (ActivitySerializer: type, data, dateCreated). */
export interface Activity {
  id: string;
  type: 'set_regression' | 'set_resolved_in_release' | 'set_escalating';
  dateCreated: number;
  data: Record<string, unknown>;
}
