// The on-call digest: what happened in the last N hours, from the issues Sentry lists — new ones, escalating and
// regressed ones, the top by Dexter's priority, grouped by project and release, with Sentry's counts and users.
// Pure (the issues and the clock come in), so it needs no LLM and no network, and a 500-issue digest is cheap.
import { priorityScore } from '../scoring/priority';
import { issueEventCount, issueUserCount, parseDate, type ApiIssue } from '../scoring/issue';

export interface DigestIssue {
  id: string;
  shortId: string;
  title: string;
  project: string;
  release: string | null;
  events: number | null;
  users: number | null;
  priority: number;
  level: string;
  firstSeen: string | null;
  lastSeen: string | null;
  substatus: string | null;
  isNew: boolean;
  permalink?: string;
}

export interface DigestGroup {
  project: string;
  release: string | null;
  issues: number;
  events: number;
  users: number;
  ids: string[];
}

export interface Digest {
  hours: number;
  from: string;
  to: string;
  totals: { issues: number; events: number; users: number };
  newIssues: DigestIssue[];
  escalating: DigestIssue[];
  regressed: DigestIssue[];
  top: DigestIssue[];
  groups: DigestGroup[];
  /** Every issue the digest read, by short id (the narrative's citations are checked against it). */
  issues: Record<string, DigestIssue>;
}

export interface DigestInput extends ApiIssue {
  id: string;
  shortId: string;
  title: string;
  permalink?: string;
  project?: { slug?: string } | null;
  /** The release when Dexter knows it (issue details); lists do not carry it. */
  release?: string | null;
  /** Sentry's figures over the issue's whole life: a list searched in a window gives the top-level firstSeen of the
   *  window (the first event in it), so only this one says whether the issue is new. */
  lifetime?: { firstSeen?: string | null } | null;
}

export const DIGEST_LIST_SIZE = 10;

export function buildDigest(input: readonly DigestInput[], hours: number, now: number): Digest {
  const from = now - hours * 3_600_000;
  const seen = input.filter((i) => (parseDate(i.lastSeen) ?? 0) >= from);
  const issues = seen.map((i): DigestIssue => {
    const firstSeen = i.lifetime?.firstSeen ?? i.firstSeen ?? null;
    const first = parseDate(firstSeen);
    return {
      id: i.id,
      shortId: i.shortId,
      title: i.title,
      project: i.project?.slug ?? 'unknown project',
      release: i.release ?? null,
      events: issueEventCount(i),
      users: issueUserCount(i),
      priority: priorityScore(i, { now }).score,
      level: i.level ?? 'error',
      firstSeen,
      lastSeen: i.lastSeen ?? null,
      substatus: i.substatus ?? null,
      isNew: first !== null && first >= from,
      ...(i.permalink ? { permalink: i.permalink } : {}),
    };
  });
  const byPriority = [...issues].sort((a, b) => b.priority - a.priority || (b.events ?? 0) - (a.events ?? 0));
  const groups = new Map<string, DigestGroup>();
  for (const i of byPriority) {
    const key = `${i.project}\u0000${i.release ?? ''}`;
    const g = groups.get(key) ?? { project: i.project, release: i.release, issues: 0, events: 0, users: 0, ids: [] };
    g.issues++;
    g.events += i.events ?? 0;
    g.users += i.users ?? 0;
    g.ids.push(i.shortId);
    groups.set(key, g);
  }
  return {
    hours,
    from: new Date(from).toISOString(),
    to: new Date(now).toISOString(),
    // Users are summed per issue: one person hit by two issues counts twice (Sentry gives no union without Discover).
    totals: {
      issues: issues.length,
      events: issues.reduce((a, i) => a + (i.events ?? 0), 0),
      users: issues.reduce((a, i) => a + (i.users ?? 0), 0),
    },
    newIssues: byPriority.filter((i) => i.isNew).slice(0, DIGEST_LIST_SIZE),
    escalating: byPriority.filter((i) => i.substatus === 'escalating').slice(0, DIGEST_LIST_SIZE),
    regressed: byPriority.filter((i) => i.substatus === 'regressed').slice(0, DIGEST_LIST_SIZE),
    top: byPriority.slice(0, DIGEST_LIST_SIZE),
    groups: [...groups.values()].sort((a, b) => b.events - a.events || a.project.localeCompare(b.project)),
    issues: Object.fromEntries(issues.map((i) => [i.shortId, i])),
  };
}
