// The triage window of the popup and the Explorer: the periods Sentry's own page-filter offers, 14 days by default
// as on Sentry's issue list (static/app/constants/index.tsx DEFAULT_STATS_PERIOD = '14d').
export const TRIAGE_PERIODS = ['1h', '24h', '7d', '14d', '30d', '90d'] as const;
export type TriagePeriod = (typeof TRIAGE_PERIODS)[number];
export const DEFAULT_TRIAGE_PERIOD: TriagePeriod = '14d';

const LABELS: Record<TriagePeriod, string> = {
  '1h': 'last hour',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '14d': 'last 14 days',
  '30d': 'last 30 days',
  '90d': 'last 90 days',
};

/** "last 14 days". */
export function periodLabel(p: TriagePeriod): string {
  return LABELS[p];
}

/** The sparkline period asked with the list. Sentry's issue list graphs 24 h whatever the window
 *  (DEFAULT_GRAPH_STATS_PERIOD = '24h'), and the priority's spike factor needs those hourly buckets. */
export const TRIAGE_GRAPH = '24h' as const;

/** The most issues the popup ranks (the Explorer loads up to EXPLORER_LIMIT whatever this is). */
export const RANK_LIMIT = { min: 100, max: 10_000, default: 1000 } as const;
export const EXPLORER_LIMIT = 10_000;
