// Is the issue escalating, the way Sentry decides it? Sentry's daily task (run_escalating_forecast, 00:00 UTC in
// sentry/conf/server.py) forecasts each archived issue from its hourly counts of the 168 hours before midnight
// (escalating.py query_groups_past_counts: only hours with events), and an issue escalates when this clock hour's
// events exceed today's forecast (is_escalating; strictly). Dexter applies the same rule to any issue, from Sentry's
// own hourly counts (lib/scoring/escalation.ts is the ported forecast). Issues under a day old are judged by
// Sentry's velocity rule instead (post_process.py MAX_NEW_ESCALATION_AGE_HOURS), which Dexter does not compute.
import { forecastFor, hoursWithEvents, isEscalating, issueForecast } from '../scoring/escalation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 168 * HOUR;
/** What Sentry uses when it has no forecast for the issue (escalating_group_forecast.py ONE_EVENT_FORECAST). */
export const ONE_EVENT_FORECAST = 10;

/** [bucket start in unix seconds, events] by hour, oldest first (a stats series). */
export type Hourly = readonly (readonly [number, number])[];

export interface Escalation {
  /** escalating: this hour is over the forecast; steady: it is not (or cannot be); young: under a day old, Sentry's
   *  other rule; unknown: the counts needed are not in. */
  state: 'escalating' | 'steady' | 'young' | 'unknown';
  /** Events in the current clock hour so far; null when unknown. */
  thisHour: number | null;
  /** Today's forecast (events per hour); null when only a lower bound is known. */
  forecast: number | null;
  /** The least the forecast can be, when it was not worked out (the issue's own stats rule escalation out). */
  atLeast: number | null;
  /** Which of Sentry's rules made it: a full week of hours, fewer (10 × the busiest hour), none (no events: Sentry's
   *  placeholder 10), or only the bound. */
  rule: 'week' | 'partial-week' | 'no-history' | 'bound' | null;
  /** When the forecast was made (midnight UTC, ms). */
  madeAt: number;
}

export const midnightOf = (now: number): number => Math.floor(now / DAY) * DAY;
const hourOf = (now: number): number => Math.floor(now / HOUR) * HOUR;

/** This clock hour's count from an hourly series that reaches it, else null. */
export function countThisHour(series: Hourly, now: number): number | null {
  const last = series.at(-1);
  return last && last[0] * 1000 === hourOf(now) ? last[1] : null;
}

/** Today's forecast from an hourly series covering the week before midnight (null when it does not cover it). */
export function todaysForecast(
  series: Hourly,
  now: number,
): { value: number; rule: NonNullable<Escalation['rule']> } | null {
  const midnight = midnightOf(now);
  if (!series.length || series[0]![0] * 1000 > midnight - WEEK) return null;
  const week = series.filter(([t]) => t * 1000 >= midnight - WEEK && t * 1000 < midnight);
  const history = hoursWithEvents(week);
  if (!history.counts.length) return { value: ONE_EVENT_FORECAST, rule: 'no-history' };
  const days = issueForecast(history, midnight);
  return {
    value: forecastFor(
      days.map((d) => d.value),
      midnight,
      now,
    )!,
    rule: history.counts.length < 168 ? 'partial-week' : 'week',
  };
}

/** Sentry's verdict from the issue's hourly counts since the week before midnight (e.g. events-stats interval=1h). */
export function escalation(series: Hourly, now: number, firstSeen?: number | null): Escalation {
  const madeAt = midnightOf(now);
  const thisHour = countThisHour(series, now);
  const f = todaysForecast(series, now);
  const base = { thisHour, forecast: f?.value ?? null, atLeast: null, rule: f?.rule ?? null, madeAt };
  if (firstSeen != null && now - firstSeen < DAY) return { ...base, state: 'young' };
  if (thisHour === null || !f) return { ...base, state: 'unknown' };
  return { ...base, state: isEscalating(thisHour, f.value) ? 'escalating' : 'steady' };
}

/** What the issue's own hourly stats (a list row's 24 hours) settle without asking Sentry for the week: an hour with
 *  no events never escalates, and no forecast is below twice the busiest hour of its week (the bursty limit's
 *  multiplier is at least 2; with empty hours it is 10 ×; without events, 10), so an hour at most twice the busiest
 *  hour seen before midnight does not escalate either. Null: the week's counts are needed. */
export function settledByStats(series: Hourly, now: number): Escalation | null {
  const thisHour = countThisHour(series, now);
  if (thisHour === null) return null;
  const midnight = midnightOf(now);
  const seen = series.filter(([t]) => t * 1000 >= midnight - WEEK && t * 1000 < midnight).map(([, c]) => c);
  const atLeast = 2 * Math.max(0, ...seen);
  if (thisHour > 0 && thisHour > atLeast) return null;
  return { state: 'steady', thisHour, forecast: null, atLeast, rule: 'bound', madeAt: midnight };
}

/** The verdict in words, for a tooltip. */
export function escalationText(e: Escalation, sentry?: string | null): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const hour =
    e.thisHour === null
      ? 'this hour’s count is not known'
      : `${n(e.thisHour)} event${e.thisHour === 1 ? '' : 's'} so far this hour`;
  const rule =
    e.rule === 'week'
      ? 'from every hour of the week before midnight UTC'
      : e.rule === 'partial-week'
        ? 'ten times the busiest hour of the week before midnight UTC (the week had hours without events)'
        : e.rule === 'no-history'
          ? 'Sentry’s placeholder: no events in the week before midnight UTC'
          : '';
  const forecast =
    e.forecast !== null
      ? `today’s forecast is ${n(e.forecast)} per hour, ${rule}`
      : e.atLeast !== null
        ? `the forecast is at least ${n(e.atLeast)} per hour (twice the busiest hour before midnight)`
        : 'no forecast';
  const verdict =
    e.state === 'escalating'
      ? 'Escalating'
      : e.state === 'steady'
        ? 'Not escalating'
        : e.state === 'young'
          ? 'Under a day old: Sentry judges it by its first hours’ rate, not by a forecast'
          : 'Forecast not known yet';
  const theirs = sentry === 'escalating' ? ' Sentry marks it escalating.' : '';
  return `${verdict}: ${hour}; ${forecast} (Sentry’s escalating-issues rule).${theirs}`;
}
