/**
 * Priority score for one issue, 0..100, with every factor explained.
 *
 * Formula — Sentry's experimental "recommended" issue sort (getsentry/sentry
 * `src/sentry/search/snuba/executors.py`, `_recommended_aggregation`), which adds weighted signals, each in 0..1:
 *
 *   recency  = 1 / 2^(hoursSinceLastSeen / 24)                 weight 0.20  (24 h half-life)
 *   spike    = min(1, events in last 6 h / (events in 3 d + 1)) weight 0.20
 *   severity = fatal 1, error 0.75, warning 0.5, info 0.25, else 0   weight 0.20
 *   users    = min(1, ln(users + 1) / ln(1001))                 weight 0.05  (1,000 users → 1)
 *   events   = min(1, ln(events + 1) / ln(10001))               weight 0.20  (10,000 events → 1)
 *
 * Weights are the defaults of Sentry's options `snuba.search.recommended.{recency,spike,severity,user-impact,
 * event-volume}-weight` (0.20/0.20/0.20/0.05/0.20). Sentry adds a per-issue-type boost (its default gives 0.15 to
 * one type); Dexter spends that same 0.15 on what an on-call engineer cares about instead:
 *   unhandled (isUnhandled)   weight 0.10
 *   regressed (substatus)     weight 0.05
 * so the weights sum to 1 and score = round(100 × Σ weight × value).
 *
 * Differences forced by the API: Sentry counts raw events; the issue list only gives hourly (`24h`) or daily
 * (`14d`) buckets. The spike uses the last 6 hourly buckets over the last 3 days of daily buckets when `14d` is
 * present, otherwise over the last 24 h (which can only overstate it — said in the explanation). A factor whose
 * input is missing is `known: false`, contributes 0 and is named in `unknown`; nothing is filled in.
 */
import { type ApiIssue, bucketCounts, issueEventCount, issueUserCount, parseDate } from './issue';

export type PriorityLevel = 'critical' | 'high' | 'medium' | 'low';
export type FactorName = 'recency' | 'spike' | 'severity' | 'users' | 'events' | 'unhandled' | 'regressed';

export interface PriorityFactor {
  name: FactorName;
  /** 0..1, or null when the input is missing. */
  value: number | null;
  known: boolean;
  weight: number;
  /** weight × value in score points (0..100); 0 when unknown. */
  contribution: number;
  explanation: string;
}

export interface PriorityScore {
  score: number;
  /** Unrounded 0..1 sum, used to break ties between equal rounded scores. */
  raw: number;
  level: PriorityLevel;
  factors: PriorityFactor[];
  unknown: FactorName[];
}

export const PRIORITY_WEIGHTS: Readonly<Record<FactorName, number>> = {
  recency: 0.2,
  spike: 0.2,
  severity: 0.2,
  users: 0.05,
  events: 0.2,
  unhandled: 0.1,
  regressed: 0.05,
};

/** Score at or above which each level starts (Dexter's cut-offs, chosen so a fresh error spike reads "high"). */
export const PRIORITY_LEVELS: ReadonlyArray<[PriorityLevel, number]> = [
  ['critical', 75],
  ['high', 55],
  ['medium', 35],
  ['low', 0],
];

const SEVERITY: Record<string, number> = { fatal: 1, error: 0.75, warning: 0.5, info: 0.25, debug: 0 };
const HOUR = 3_600_000;

type Signal = { value: number | null; explanation: string };

function recency(issue: ApiIssue, now: number): Signal {
  const last = parseDate(issue.lastSeen);
  if (last === null) return { value: null, explanation: 'Sentry did not say when the issue was last seen.' };
  const hours = Math.max(0, (now - last) / HOUR);
  return {
    value: 1 / 2 ** (hours / 24),
    explanation: `Last seen ${hours < 1 ? 'under an hour' : `${Math.round(hours)} h`} ago; halves every 24 h.`,
  };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function spike(issue: ApiIssue): Signal {
  const hourly = bucketCounts(issue.stats?.['24h']);
  if (!hourly) return { value: null, explanation: 'No hourly stats loaded, so recent events cannot be compared.' };
  const recent = sum(hourly.slice(-6));
  const daily = bucketCounts(issue.stats?.['14d']);
  if (daily) {
    const threeDays = Math.max(sum(daily.slice(-3)), sum(hourly));
    return {
      value: Math.min(1, recent / (threeDays + 1)),
      explanation: `${recent} of ${threeDays} events in the last 3 days came in the last 6 h.`,
    };
  }
  const day = sum(hourly);
  return {
    value: Math.min(1, recent / (day + 1)),
    explanation: `${recent} of ${day} events in the last 24 h came in the last 6 h (3-day stats not loaded).`,
  };
}

function severity(issue: ApiIssue): Signal {
  const level = issue.level?.toLowerCase();
  if (!level) return { value: null, explanation: 'Sentry did not send the level.' };
  return { value: SEVERITY[level] ?? 0, explanation: `Level "${level}".` };
}

/** ln(n + 1) / ln(cap + 1), capped at 1 — Sentry's log scaling. */
function logScaled(n: number, cap: number): number {
  return Math.min(1, Math.log(n + 1) / Math.log(cap + 1));
}

function users(issue: ApiIssue): Signal {
  const n = issueUserCount(issue);
  if (n === null) return { value: null, explanation: 'Sentry did not send a user count.' };
  return { value: logScaled(n, 1000), explanation: `${n} users affected (1,000 or more counts fully).` };
}

function events(issue: ApiIssue): Signal {
  const n = issueEventCount(issue);
  if (n === null) return { value: null, explanation: 'Sentry did not send an event count.' };
  return { value: logScaled(n, 10_000), explanation: `${n} events (10,000 or more counts fully).` };
}

function unhandled(issue: ApiIssue): Signal {
  if (typeof issue.isUnhandled !== 'boolean')
    return { value: null, explanation: 'Sentry did not say whether the error was handled.' };
  return issue.isUnhandled
    ? { value: 1, explanation: 'Unhandled: the error reached the top of the stack.' }
    : { value: 0, explanation: 'Handled by the application.' };
}

function regressed(issue: ApiIssue): Signal {
  if (!issue.substatus) return { value: null, explanation: 'Sentry did not send the substatus.' };
  return issue.substatus === 'regressed'
    ? { value: 1, explanation: 'Regressed: it came back after being resolved.' }
    : { value: 0, explanation: `Substatus "${issue.substatus}".` };
}

export function levelForScore(score: number): PriorityLevel {
  for (const [level, min] of PRIORITY_LEVELS) if (score >= min) return level;
  return 'low';
}

export function priorityScore(issue: ApiIssue, opts: { now: number | Date }): PriorityScore {
  const now = typeof opts.now === 'number' ? opts.now : opts.now.getTime();
  const signals: Record<FactorName, Signal> = {
    recency: recency(issue, now),
    spike: spike(issue),
    severity: severity(issue),
    users: users(issue),
    events: events(issue),
    unhandled: unhandled(issue),
    regressed: regressed(issue),
  };
  const factors = (Object.keys(PRIORITY_WEIGHTS) as FactorName[]).map((name): PriorityFactor => {
    const { value, explanation } = signals[name];
    const weight = PRIORITY_WEIGHTS[name];
    return {
      name,
      value,
      known: value !== null,
      weight,
      contribution: value === null ? 0 : 100 * weight * value,
      explanation,
    };
  });
  const raw = Math.min(1, factors.reduce((a, f) => a + f.contribution, 0) / 100);
  const score = Math.round(raw * 100);
  return {
    score,
    raw,
    level: levelForScore(score),
    factors,
    unknown: factors.filter((f) => !f.known).map((f) => f.name),
  };
}

/** Sort order: highest priority first; equal scores keep a stable order by the unrounded sum. */
export function compareByPriority(
  a: Pick<PriorityScore, 'score' | 'raw'>,
  b: Pick<PriorityScore, 'score' | 'raw'>,
): number {
  return b.score - a.score || b.raw - a.raw;
}
