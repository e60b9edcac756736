import { describe, expect, it } from 'vitest';
import vectors from '../../tests/fixtures/sentry-source/escalating-issues-alg.json';
import {
  countThisHour,
  escalation,
  escalationText,
  midnightOf,
  settledByStats,
  todaysForecast,
  type Hourly,
} from './forecast';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 10:30 UTC on a Wednesday.
const now = Date.UTC(2026, 0, 7, 10, 30);
const midnight = midnightOf(now);

/** A dense hourly series from a week before midnight to this hour: `week(i)` for the week's hours, `today(i)` after. */
function series(week: (i: number) => number, today: (i: number) => number): Hourly {
  const out: [number, number][] = [];
  for (let t = midnight - 7 * DAY, i = 0; t <= Math.floor(now / HOUR) * HOUR; t += HOUR, i++)
    out.push([t / 1000, t < midnight ? week(i) : today(i - 168)]);
  return out;
}

describe('todaysForecast: Sentry’s daily forecast from the week before midnight', () => {
  it('takes the spike vector (168 hours with events) to Sentry’s expected value', () => {
    const data = (vectors.cases as { name: string; data?: number[] }[]).find(
      (c) => c.name === 'test_spike_case',
    )!.data!;
    const f = todaysForecast(
      series(
        (i) => data[i]!,
        () => 0,
      ),
      now,
    )!;
    // The weekday weights differ from the vector's start day; the bursty limit (6987) wins there and here alike.
    expect(f).toEqual({ value: 6987, rule: 'week' });
  });
  it('uses ten times the busiest hour when the week has empty hours', () => {
    expect(
      todaysForecast(
        series(
          (i) => (i % 2 ? 7 : 0),
          () => 0,
        ),
        now,
      ),
    ).toEqual({ value: 70, rule: 'partial-week' });
  });
  it('falls back to Sentry’s placeholder of 10 without events', () => {
    expect(
      todaysForecast(
        series(
          () => 0,
          () => 0,
        ),
        now,
      ),
    ).toEqual({ value: 10, rule: 'no-history' });
  });
  it('needs the whole week: a 24-hour series is not enough', () => {
    expect(
      todaysForecast(
        series(
          () => 5,
          () => 5,
        ).slice(-24),
        now,
      ),
    ).toBeNull();
  });
  it('leaves today’s hours out of the forecast', () => {
    const a = todaysForecast(
      series(
        () => 6,
        () => 0,
      ),
      now,
    )!;
    const b = todaysForecast(
      series(
        () => 6,
        () => 500,
      ),
      now,
    )!;
    expect(a).toEqual(b);
    expect(a.value).toBe(36); // test_low_freq_events: a flat 6 an hour
  });
});

describe('escalation', () => {
  it('escalates only when this hour’s events exceed the forecast (strictly)', () => {
    expect(
      escalation(
        series(
          () => 6,
          (i) => (i === 10 ? 37 : 6),
        ),
        now,
      ),
    ).toMatchObject({ state: 'escalating', thisHour: 37, forecast: 36, rule: 'week' });
    expect(
      escalation(
        series(
          () => 6,
          (i) => (i === 10 ? 36 : 6),
        ),
        now,
      ),
    ).toMatchObject({ state: 'steady', thisHour: 36 });
  });
  it('is unknown when the series does not reach this hour, and young under a day old', () => {
    expect(
      escalation(
        series(
          () => 6,
          () => 6,
        ).slice(0, -1),
        now,
      ).state,
    ).toBe('unknown');
    expect(
      escalation(
        series(
          () => 6,
          () => 99,
        ),
        now,
        now - 2 * HOUR,
      ).state,
    ).toBe('young');
  });
  it('counts this hour only from a bucket that starts this hour', () => {
    expect(countThisHour([[Math.floor(now / HOUR) * 3600, 4]], now)).toBe(4);
    expect(countThisHour([[Math.floor(now / HOUR) * 3600 - 3600, 4]], now)).toBeNull();
  });
  it('says what it decided and from what', () => {
    const text = escalationText(
      escalation(
        series(
          (i) => (i % 2 ? 7 : 0),
          (i) => (i === 10 ? 71 : 0),
        ),
        now,
      ),
      'escalating',
    );
    expect(text).toMatch(
      /^Escalating: 71 events so far this hour; today’s forecast is 70 per hour, ten times the busiest hour/,
    );
    expect(text).toMatch(/Sentry marks it escalating/);
  });
});

describe('settledByStats: what a row’s 24 hourly buckets settle without the week', () => {
  const day = (before: number, current: number): Hourly => {
    const out: [number, number][] = [];
    for (let k = 23; k >= 0; k--) out.push([(Math.floor(now / HOUR) * HOUR - k * HOUR) / 1000, k ? before : current]);
    return out;
  };
  it('settles an hour without events, and one at most twice the busiest hour before midnight', () => {
    expect(settledByStats(day(9, 0), now)).toMatchObject({ state: 'steady', thisHour: 0, atLeast: 18 });
    expect(settledByStats(day(9, 18), now)).toMatchObject({ state: 'steady', atLeast: 18, rule: 'bound' });
  });
  it('leaves the rest to the week’s counts, and knows nothing of a series that stops before this hour', () => {
    expect(settledByStats(day(9, 19), now)).toBeNull();
    expect(settledByStats(day(9, 5).slice(0, -1), now)).toBeNull();
  });
  it('is sound: wherever it settles, the full rule agrees, for random weeks', () => {
    let settled = 0;
    for (let seed = 1; seed < 400; seed++) {
      let x = seed;
      const rnd = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const base = rnd() * 30;
      const full = series(
        () => (rnd() < 0.1 ? 0 : Math.round(base * (0.5 + rnd()))),
        () => Math.round(base * rnd() * 4),
      );
      const verdict = settledByStats(full.slice(-24), now);
      if (!verdict) continue;
      settled++;
      expect(escalation(full, now).state, `seed ${seed}`).toBe('steady');
      expect(escalation(full, now).forecast!).toBeGreaterThanOrEqual(verdict.atLeast!);
    }
    expect(settled).toBeGreaterThan(100);
  });
});
