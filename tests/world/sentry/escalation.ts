// How the world decides `substatus: escalating`, the way Sentry does (written apart from Dexter's lib/scoring/
// escalation.ts, so the bench compares two implementations of Sentry's rule, not one with itself):
// - the forecast is made by the daily task at 00:00 UTC (sentry/conf/server.py "weekly-escalating-forecast",
//   run_escalating_forecast) from the issue's hourly counts of the 168 hours before (query_groups_past_counts:
//   toStartOfHour(timestamp), count(), only hours with events), by generate_issue_forecast
//   (src/sentry/issues/escalating/escalating_issues_alg.py); no history → ONE_EVENT_FORECAST, 10;
// - an archived-until-escalating issue at least a day old escalates when this clock hour's events so far exceed
//   today's forecast (escalating.py is_escalating; post_process.py process_snoozes): it becomes unresolved /
//   escalating, with a `set_escalating` activity carrying the forecast (manage_issue_states).
import { DAY, HOUR, type Issue } from './model.ts';
import type { Store } from './store.ts';

const ONE_EVENT_FORECAST = 10;

/** generate_issue_forecast's value for the day it is made (all 14 days are equal but for the weekday weights). */
export function sentryForecast(hours: { start: number; count: number }[], madeAt: number): number {
  const data = hours.map((h) => h.count);
  if (data.length === 0) return ONE_EVENT_FORECAST;
  const tsMax = Math.max(...data);
  if (data.length < 168) return tsMax * 10;
  const n = data.length;
  const tsAvg = data.reduce((a, b) => a + b, 0) / n;
  const tsStd = Math.sqrt(data.reduce((a, b) => a + (b - tsAvg) * (b - tsAvg), 0) / (n - 1));
  const cv = tsStd / tsAvg;
  const limitV1 = tsMax * Math.min(Math.max(2, 5 * Math.exp(-0.65 * cv)), 5);
  const baseline = Math.min(Math.max((tsAvg + 5 * tsStd) / tsAvg, 5), 8) * tsAvg;
  const weekday = new Date(madeAt).getUTCDay();
  let num = 0;
  let den = 0;
  for (const h of hours) {
    const w = new Date(h.start).getUTCDay() === weekday ? 2 : 1;
    num += h.count * w;
    den += w;
  }
  return Math.floor(Math.max(limitV1, num / den + baseline));
}

export interface SentryEscalation {
  forecast: number;
  madeAt: number;
  thisHour: number;
  escalating: boolean;
  young: boolean;
}

/** Sentry's verdict on the issue at `at`: today's forecast, this clock hour's count, and whether it exceeds it. */
export function sentryEscalation(store: Store, issue: Issue, at: number): SentryEscalation {
  const midnight = Math.floor(at / DAY) * DAY;
  const hours: { start: number; count: number }[] = [];
  for (let t = midnight - 168 * HOUR; t < midnight; t += HOUR) {
    const count = store.countIn(issue, null, t, t + HOUR);
    if (count > 0) hours.push({ start: t, count });
  }
  const forecast = sentryForecast(hours, midnight);
  const hourStart = Math.floor(at / HOUR) * HOUR;
  const thisHour = store.countIn(issue, null, hourStart, at + 1);
  // MAX_NEW_ESCALATION_AGE_HOURS: issues under a day old are judged by the velocity rule instead.
  const young = at - issue.firstSeen < DAY;
  return { forecast, madeAt: midnight, thisHour, escalating: !young && thisHour > forecast, young };
}

/** An issue archived until escalating, as Sentry leaves it at `at`: escalated (unresolved, with the activity) or not. */
export function applyEscalation(store: Store, issue: Issue, at: number): void {
  const s = sentryEscalation(store, issue, at);
  if (!s.escalating) {
    Object.assign(issue, { status: 'ignored', substatus: 'archived_until_escalating', statusDetails: {} });
    return;
  }
  Object.assign(issue, { status: 'unresolved', substatus: 'escalating', statusDetails: {} });
  (issue.activity ??= []).push({
    id: `esc-${issue.id}`,
    type: 'set_escalating',
    dateCreated: Math.min(at, Math.floor(at / HOUR) * HOUR + 60_000),
    data: { forecast: s.forecast },
  });
}
