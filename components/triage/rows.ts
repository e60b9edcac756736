// Pure list logic shared by the popup's triage tab and the Explorer: query building, scoring once per load,
// cheap filtering and sorting on precomputed keys (10,000 rows sort in milliseconds).
import type { Issue } from '@/lib/sentry/schemas';
import { priorityScore, compareByPriority, type PriorityScore } from '@/lib/scoring/priority';
import { userImpact, type ImpactThresholds, type UserBase, type UserImpact } from '@/lib/scoring/impact';
import { issueEventCount, issueUserCount, parseDate } from '@/lib/scoring/issue';

export type StatusFilter = 'unresolved' | 'resolved' | 'ignored' | 'all';
export type SortKey = 'priority' | 'date' | 'freq' | 'user' | 'impact';
export const STATUS_FILTERS: StatusFilter[] = ['unresolved', 'resolved', 'ignored', 'all'];
export const SORT_LABELS: Record<SortKey, string> = { priority: 'Priority', date: 'Last seen', freq: 'Events', user: 'Users', impact: 'Impact' };

export interface IssueRow {
  id: string;
  issue: Issue;
  priority: PriorityScore;
  impact: UserImpact;
  events: number | null;
  users: number | null;
  firstSeen: number | null;
  lastSeen: number | null;
  /** Lower-cased title, culprit and short id, for the in-page filter. */
  haystack: string;
}

/** Sentry search query for a status and the user's keywords ('' status query for "all"). */
export function buildQuery(status: StatusFilter, keyword: string): string {
  const words = keyword.replace(/\s+/g, ' ').trim();
  return [status === 'all' ? '' : `is:${status}`, words].filter(Boolean).join(' ');
}

/** Which order to ask Sentry for: priority and impact are computed here, on the most recent issues. */
export function serverSort(key: SortKey): 'date' | 'freq' | 'user' {
  return key === 'freq' ? 'freq' : key === 'user' || key === 'impact' ? 'user' : 'date';
}

export interface ScoreOptions {
  now: number;
  userBases: Record<string, UserBase | null>;
  thresholds: ImpactThresholds;
}

export function toRow(issue: Issue, o: ScoreOptions): IssueRow {
  const base = o.userBases[issue.project?.id ?? ''] ?? null;
  return {
    id: issue.id,
    issue,
    priority: priorityScore(issue, { now: o.now }),
    impact: userImpact(issue, base, o.thresholds),
    events: issueEventCount(issue),
    users: issueUserCount(issue),
    firstSeen: parseDate(issue.firstSeen),
    lastSeen: parseDate(issue.lastSeen),
    haystack: `${issue.title ?? ''}\n${issue.culprit ?? ''}\n${issue.shortId ?? ''}`.toLowerCase(),
  };
}

export function toRows(issues: readonly Issue[], o: ScoreOptions): IssueRow[] {
  return issues.map((i) => toRow(i, o));
}

// Missing values sort last whatever the direction.
const desc = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);

const COMPARE: Record<SortKey, (a: IssueRow, b: IssueRow) => number> = {
  priority: (a, b) => compareByPriority(a.priority, b.priority),
  date: (a, b) => desc(a.lastSeen, b.lastSeen),
  freq: (a, b) => desc(a.events, b.events),
  user: (a, b) => desc(a.users, b.users),
  impact: (a, b) => desc(a.impact.share, b.impact.share) || desc(a.users, b.users),
};

/** A sorted copy; ties keep Sentry's order (Array.prototype.sort is stable). */
export function sortRows(rows: readonly IssueRow[], key: SortKey): IssueRow[] {
  return [...rows].sort(COMPARE[key]);
}

/** Rows whose title, culprit or short id contain every word of `text` (case-insensitive). */
export function filterRows(rows: readonly IssueRow[], text: string): readonly IssueRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => words.every((w) => r.haystack.includes(w)));
}

/** Splits ids into chunks for bulk updates, so progress can be shown between chunks. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A user base from whatever `project.userBase` answered: a number, or {count, source}. */
export function readUserBase(data: unknown): UserBase | null {
  if (typeof data === 'number' && Number.isFinite(data)) return { count: data, source: 'sentry' };
  if (data && typeof data === 'object' && typeof (data as { count?: unknown }).count === 'number') {
    const d = data as { count: number; source?: unknown };
    return { count: d.count, source: d.source === 'setting' ? 'setting' : 'sentry' };
  }
  return null;
}

/** The inverse of buildQuery for a query handed over from the popup: its status and the remaining keywords. */
export function splitQuery(query: string): { status: StatusFilter; keyword: string } {
  const m = /(?:^|\s)is:(unresolved|resolved|ignored)(?=\s|$)/.exec(query);
  const keyword = m ? query.replace(m[0], ' ') : query;
  return { status: (m?.[1] as StatusFilter | undefined) ?? 'all', keyword: keyword.replace(/\s+/g, ' ').trim() };
}
