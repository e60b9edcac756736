// The line under a triage list that says what it holds: how many issues were ranked (or loaded) out of how many
// Sentry matched, and what to do when that is not all of them. Sentry counts matches in X-Hits only up to
// X-Max-Hits, so a count at that cap means "more than".
import { periodLabel, type TriagePeriod } from './period';

export interface SetSummary {
  state: 'loading' | 'done' | 'stopped' | 'failed';
  loaded: number;
  limit: number;
  /** Sentry had no more pages. */
  complete: boolean;
  hits: number | null;
  maxHits: number | null;
  /** Sorted here by a score (priority, impact) rather than in Sentry's order. */
  ranked: boolean;
  /** The status filter ("unresolved", …, or "all"), and whether search words narrow it. */
  status: string;
  keyword: boolean;
  period: TriagePeriod;
  /** Sentry's order the set was taken in, when it is not all of the matches ("most recently seen"). */
  order: string;
}

const n = (x: number) => x.toLocaleString('en-US');

/** "4,213 unresolved", "more than 1,000 issues matching the search", or null when Sentry gave no count. */
function total(s: SetSummary): string | null {
  const what = `${s.status === 'all' ? 'issues' : s.status}${s.keyword ? ' matching the search' : ''}`;
  if (s.complete) return `${n(s.loaded)} ${what}`;
  if (s.hits === null) return null;
  // Not the last page, so there are more than were loaded: a count at Sentry's cap is "more than" the cap.
  if (s.maxHits !== null && s.hits >= s.maxHits) return `more than ${n(Math.max(s.maxHits, s.loaded))} ${what}`;
  return s.hits > s.loaded ? `${n(s.hits)} ${what}` : null;
}

export function summaryLine(s: SetSummary): string {
  const verb = s.ranked ? 'Ranked' : 'Loaded';
  const of = total(s);
  const when = periodLabel(s.period);
  if (s.state === 'loading')
    return `${s.ranked ? 'Ranking' : 'Loading'}: ${n(s.loaded)} of up to ${n(s.limit)} fetched…`;
  if (s.complete) return `${verb} all ${of} (${when}).`;
  const head = of
    ? `${verb} ${n(s.loaded)} of ${of}`
    : `${verb} ${n(s.loaded)} ${s.status === 'all' ? 'issues' : s.status}; Sentry has more`;
  if (s.state === 'stopped')
    return `${head} (${when}) — stopped; load the rest to ${s.ranked ? 'rank' : 'see'} them too.`;
  if (s.state === 'failed') return `${head} (${when}) — a page failed; what came is kept.`;
  return `${head} (${when}, the ${n(s.loaded)} ${s.order}) — narrow the search to ${s.ranked ? 'rank' : 'load'} all.`;
}
