// Sentry's escalating-issues forecast, ported so Dexter can say "escalating" where Sentry does not (self-hosted,
// unpaid plans) and agree with Sentry where it does. Port of getsentry/sentry
// src/sentry/issues/escalating/escalating_issues_alg.py `generate_issue_forecast` (FSL-1.1-Apache-2.0), checked
// against the vectors of Sentry's own tests (tests/fixtures/sentry-source/escalating-issues-alg.json).
//
// Input: the issue's hourly event counts over the previous 7 days, one entry per hour THAT HAD EVENTS (Sentry's
// Snuba query groups by hour without zero fill, so an issue with any empty hour has fewer than 168 points and gets
// the new-issue rule: 10 × its busiest hour). Output: 14 daily values from the start day; each is the hourly count
// above which the issue escalates on that day (escalating.py compares the current clock hour's count to it).

export interface HourlyCounts {
  /** Hour starts (ISO dates with an offset or Z), oldest first, only hours that had events. */
  intervals: readonly string[];
  counts: readonly number[];
}
export interface DailyForecast {
  date: string;
  value: number;
}

// ThresholdVariables' defaults (standard_version).
const STD_MULTIPLIER = 5;
const MIN_SPIKE = 5;
const MAX_SPIKE = 8;
const MIN_BURSTY = 2;
const MAX_BURSTY = 5;
const WEEK_OF_HOURS = 7 * 24;
const NEW_ISSUE_FACTOR = 10;
const DAYS = 14;
const DAY_MS = 86_400_000;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1), as Python's statistics.stdev. */
function stdev(xs: readonly number[], avg: number): number {
  return Math.sqrt(xs.reduce((a, x) => a + (x - avg) ** 2, 0) / (xs.length - 1));
}
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
const utcDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The 14-day forecast, day 0 = `start`. Empty when there is no history. */
export function issueForecast(history: HourlyCounts, start: Date | number): DailyForecast[] {
  const data = history.counts;
  if (!data.length || !history.intervals.length) return [];
  const startMs = typeof start === 'number' ? start : start.getTime();
  const days = Array.from({ length: DAYS }, (_, d) => startMs + d * DAY_MS);
  const max = Math.max(...data);
  if (data.length < WEEK_OF_HOURS) return days.map((t) => ({ date: utcDate(t), value: max * NEW_ISSUE_FACTOR }));

  const avg = mean(data);
  // A series of zeros is no history Sentry would have (it stores only non-empty hours); Python would divide by zero.
  if (avg === 0) return days.map((t) => ({ date: utcDate(t), value: 0 }));
  const sd = stdev(data, avg);
  const cv = sd / avg;
  const bursty = max * clamp(5 * Math.exp(-0.65 * cv), MIN_BURSTY, MAX_BURSTY);
  const baseline = clamp((avg + STD_MULTIPLIER * sd) / avg, MIN_SPIKE, MAX_SPIKE) * avg;
  const weekdays = history.intervals.map((i) => new Date(i).getUTCDay());
  return days.map((t) => {
    // The same weekday as the forecast day counts twice.
    const day = new Date(t).getUTCDay();
    let sum = 0;
    let weights = 0;
    data.forEach((c, i) => {
      const w = weekdays[i] === day ? 2 : 1;
      sum += c * w;
      weights += w;
    });
    return { date: utcDate(t), value: Math.trunc(Math.max(bursty, sum / weights + baseline)) };
  });
}

/** Sentry's `fetch_todays_forecast`: the value for `today`, counting days from when the forecast was made; past its
 *  end, the last value. */
export function forecastFor(values: readonly number[], madeAt: Date | number, today: Date | number): number | null {
  if (!values.length) return null;
  const day = (t: Date | number) => Math.floor((typeof t === 'number' ? t : t.getTime()) / DAY_MS);
  const index = Math.max(0, day(today) - day(madeAt));
  return values[Math.min(index, values.length - 1)]!;
}

/** Escalating when this clock hour's events so far exceed today's forecast (strictly; escalating.py is_escalating). */
export function isEscalating(eventsThisHour: number, forecastToday: number | null): boolean {
  return !!forecastToday && eventsThisHour > forecastToday;
}

/** Sentry's input from a dense hourly series (e.g. a stats series with empty hours): only the hours with events. */
export function hoursWithEvents(series: readonly (readonly [number, number])[]): HourlyCounts {
  const kept = series.filter(([, c]) => c > 0);
  return { intervals: kept.map(([t]) => new Date(t * 1000).toISOString()), counts: kept.map(([, c]) => c) };
}
