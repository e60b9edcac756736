import { describe, expect, it } from 'vitest';
import vectors from '../../tests/fixtures/sentry-source/escalating-issues-alg.json';
import { forecastFor, hoursWithEvents, isEscalating, issueForecast } from './escalation';

type Case = {
  name: string;
  intervals: keyof typeof vectors.interval_sets;
  data?: number[];
  data_from?: string;
  expected_values?: number[];
  expected_full_output?: { forecasted_date: string; forecasted_value: number }[];
};
const cases = vectors.cases as Case[];
const start = new Date(vectors.start_time);
const dataOf = (c: Case) => c.data ?? cases.find((x) => x.name === c.data_from)!.data!;

describe('issueForecast: the vectors of Sentry’s test_escalating_issues_alg.py', () => {
  it.each(cases.filter((c) => c.expected_values))('$name', (c) => {
    const out = issueForecast({ intervals: vectors.interval_sets[c.intervals], counts: dataOf(c) }, start);
    expect(out.map((d) => d.value)).toEqual(c.expected_values);
  });
  it('test_output: fourteen dated days from the start', () => {
    const c = cases.find((x) => x.name === 'test_output')!;
    const out = issueForecast({ intervals: vectors.interval_sets[c.intervals], counts: dataOf(c) }, start);
    expect(out.map((d) => ({ forecasted_date: d.date, forecasted_value: d.value }))).toEqual(c.expected_full_output);
  });
  it('agrees with every vector (the bench counts this)', () => {
    const all = cases.filter((c) => c.expected_values);
    expect(all.length).toBe(5);
  });
});

describe('the run-time check: test_escalating.py', () => {
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 11, 6, 10, 30);
  it.each(
    vectors.is_escalating.cases.filter((c) => 'forecast' in c) as {
      name: string;
      events_this_hour: number;
      forecast: number[];
      date_added: string;
      expected: [boolean, number | null];
    }[],
  )('$name', (c) => {
    const madeAt =
      c.date_added === 'now'
        ? now
        : c.date_added === 'now - 1 day'
          ? now - DAY
          : c.date_added === 'now - 15 days'
            ? now - 15 * DAY
            : now - 15 * DAY;
    const today = forecastFor(c.forecast, madeAt, now);
    const escalating = isEscalating(c.events_this_hour, today);
    expect([escalating, escalating ? today : null]).toEqual(c.expected);
  });
  it('takes only the hours that had events, as Sentry’s query does', () => {
    expect(
      hoursWithEvents([
        [0, 3],
        [3600, 0],
        [7200, 5],
      ]),
    ).toEqual({ intervals: ['1970-01-01T00:00:00.000Z', '1970-01-01T02:00:00.000Z'], counts: [3, 5] });
    // A week with one empty hour is "new" to Sentry: 10 × the busiest hour.
    const dense = Array.from({ length: 168 }, (_, i): [number, number] => [i * 3600, i === 5 ? 0 : 4]);
    expect(issueForecast(hoursWithEvents(dense), 0)[0]!.value).toBe(40);
    expect(
      issueForecast({ intervals: dense.map(() => '1970-01-01T00:00:00Z'), counts: dense.map(() => 0) }, 0)[0]!.value,
    ).toBe(0);
  });
});
