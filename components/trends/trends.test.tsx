// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBackground, renderPage } from '../triage/testing';
import type { IssueTrendAnswer, WhereAnswer } from '@/lib/messages';
import { countryRows } from '@/lib/trends/geo';
import { TrendSection } from './TrendSection';
import { WhereSection } from './WhereSection';
import { drawMap } from './WorldMap';

let restore = () => {};
afterEach(() => restore());
const target = { apiBase: 'https://sentry.io/api/0', org: 'acme' };
const H = 3600;
const midnight = Math.floor(Date.now() / 86_400_000) * 86_400;

function trend(over: Partial<IssueTrendAnswer> = {}): IssueTrendAnswer {
  const hourly: [number, number][] = Array.from({ length: 170 }, (_, i) => [
    midnight - 168 * H + i * H,
    i === 169 ? 400 : 20,
  ]);
  return {
    hourly,
    escalation: {
      state: 'escalating',
      thisHour: 400,
      forecast: 132,
      atLeast: null,
      rule: 'week',
      madeAt: midnight * 1000,
    },
    sentry: 'escalating',
    marks: [
      {
        kind: 'deploy',
        at: (midnight - 10 * H) * 1000,
        version: 'api@2.15.0',
        short: '2.15.0',
        environment: 'production',
        projects: ['1'],
      },
    ],
    chips: [
      { kind: 'first-release', text: 'first seen in 2.14.0', title: 'Its first event carried release api@2.14.0.' },
      { kind: 'regressed', text: 'regressed in <b>2.15.1</b>', title: 'x' },
    ],
    releases: 'ok',
    ...over,
  };
}

describe('TrendSection', () => {
  it('shows the verdict with its numbers, Sentry’s own state, the chips as text, and the forecast line', async () => {
    const bg = fakeBackground({ 'trends.issue': () => ({ ok: true, data: trend() }) });
    restore = bg.restore;
    renderPage(<TrendSection target={target} issueId="1" />);
    expect(await screen.findByText('escalating · 400 of 132/h')).toBeTruthy();
    expect(screen.getByText('Sentry: escalating')).toBeTruthy();
    expect(screen.getByText('regressed in <b>2.15.1</b>')).toBeTruthy();
    expect(document.querySelector('b')).toBeNull();
    await waitFor(() => expect(document.querySelector('.forecast-label')?.textContent).toBe('forecast 132/h'));
    expect(document.querySelectorAll('.trend-chart .tick-deploy')).toHaveLength(1);
  });
  it('says why there are no markers when Sentry has no releases', async () => {
    const bg = fakeBackground({
      'trends.issue': () => ({
        ok: true,
        data: trend({
          marks: [],
          chips: [],
          releases: 'none',
          sentry: null,
          escalation: { state: 'steady', thisHour: 3, forecast: 70, atLeast: null, rule: 'partial-week', madeAt: 0 },
        }),
      }),
    });
    restore = bg.restore;
    renderPage(<TrendSection target={target} issueId="1" />);
    expect(await screen.findByText(/Sentry has no releases for this project/)).toBeTruthy();
    expect(screen.getByText('not escalating · 3 of 70/h')).toBeTruthy();
  });
});

const where = (over: Partial<WhereAnswer> = {}): WhereAnswer => ({
  countries: countryRows(
    [
      { value: 'US', count: 60 },
      { value: 'DE', count: 30 },
      { value: 'BR', count: 10 },
    ],
    [
      { 'geo.country_code': 'DE', 'count_unique(user)': 8 },
      { 'geo.country_code': 'US', 'count_unique(user)': 4 },
      { 'geo.country_code': 'BR', 'count_unique(user)': 4 },
    ],
  ),
  eventsWithCountry: 100,
  usersKnown: true,
  breakdowns: [
    { key: 'browser.name', label: 'Browser', bars: [{ value: 'Chrome', count: 70, share: 0.7 }], total: 100 },
    { key: 'os.name', label: 'OS', bars: null, total: 0 },
    { key: 'release', label: 'Release', bars: [{ value: 'api@2.15.1', count: 100, share: 1 }], total: 100 },
  ],
  ...over,
});

describe('WhereSection', () => {
  it('lists countries by users with shares, draws the map, and shows the tags as bars', async () => {
    const bg = fakeBackground({ 'issue.where': () => ({ ok: true, data: where() }) });
    restore = bg.restore;
    renderPage(<WhereSection target={target} issueId="1" />);
    await screen.findByText(/Users per country: Discover, last 90 days/);
    const rows = [...document.querySelectorAll('[data-countries] tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent),
    );
    // Most users first; a tie goes to the country with more events.
    expect(rows).toEqual([
      ['DE Germany', '8', '50%', '30', '30%'],
      ['US United States', '4', '25%', '60', '60%'],
      ['BR Brazil', '4', '25%', '10', '10%'],
    ]);
    await waitFor(() => expect(document.querySelector('svg.dexter-map')?.getAttribute('data-drawn')).toBe('3'));
    expect(document.querySelector('[data-breakdown="OS"]')?.textContent).toMatch(/No event carries this tag/);
    expect(document.querySelector('[data-breakdown="Browser"]')?.textContent).toMatch(/Chrome70%/);
  });
  it('says so when no event has a country', async () => {
    const bg = fakeBackground({ 'issue.where': () => ({ ok: true, data: where({ countries: null }) }) });
    restore = bg.restore;
    renderPage(<WhereSection target={target} issueId="1" />);
    expect(await screen.findByText(/No event of this issue has a country/)).toBeTruthy();
    expect(document.querySelector('svg.dexter-map')).toBeNull();
  });
});

describe('drawMap', () => {
  it('shades exactly the countries with data, darkest for the largest share, with their numbers in the tooltip', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    drawMap(svg, where().countries!, 320, 170);
    const shaded = [...svg.querySelectorAll('path[data-code]')];
    expect(shaded.map((p) => p.getAttribute('data-code')).sort()).toEqual(['BR', 'DE', 'US']);
    const de = svg.querySelector('path[data-code="DE"]')!;
    expect(de.getAttribute('fill-opacity')).toBe('1');
    expect(de.querySelector('title')?.textContent).toBe('Germany: 8 users, 30 events');
    expect(svg.querySelectorAll('path').length).toBeGreaterThan(150);
  });
});
