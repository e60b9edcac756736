import { describe, expect, it } from 'vitest';
import { sparkPaths } from '@/components/sparkline';
import { afterDeployChip, firstSpikeStart, releaseChips } from './chips';
import { all } from 'iso-3166-1';
import { countryRows, tagBars } from './geo';
import { isoNumeric } from './iso-numeric';
import { markersIn, markersOf, markerText, tickX, type Marker } from './markers';

const T = Date.UTC(2026, 0, 7, 10, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const fmt = (ms: number) => iso(ms).slice(11, 16);

describe('markers', () => {
  const releases = [
    {
      version: 'api@2.15.1',
      dateCreated: iso(T - 3_600_000),
      dateReleased: iso(T),
      deployCount: 2,
      lastDeploy: { environment: 'production', dateFinished: iso(T + 1_800_000) },
      projects: [{ id: '1' }],
    },
    {
      version: 'web@1.0.0',
      dateCreated: iso(T - 7_200_000),
      dateReleased: null,
      lastDeploy: null,
      projects: [{ id: 2 }],
    },
  ];
  it('puts a release at its release date (else its creation) and its latest deploy at when it finished', () => {
    const m = markersOf(releases);
    expect(m.map((x) => [x.kind, x.short, x.at - T, x.environment, x.projects])).toEqual([
      ['release', '1.0.0', -7_200_000, null, ['2']],
      ['release', '2.15.1', 0, null, ['1']],
      ['deploy', '2.15.1', 1_800_000, 'production', ['1']],
    ]);
    expect(markerText(m[2]!, fmt)).toBe('Deploy api@2.15.1 → production · 10:30 (the latest of 2 deploys)');
  });
  it('keeps a row’s own project’s markers inside its window', () => {
    const m = markersOf(releases);
    expect(markersIn(m, T - 3_600_000, T + 3_600_000, '1').map((x) => x.kind)).toEqual(['release', 'deploy']);
    expect(markersIn(m, T - 3_600_000, T + 3_600_000, '2')).toEqual([]);
    expect(markersIn(m, T + 3_600_000, T + 7_200_000, null)).toEqual([]);
  });
  it('places a tick where the sparkline draws that time', () => {
    const times = Array.from({ length: 24 }, (_, i) => T / 1000 + i * 3600);
    const { xy } = sparkPaths(
      times.map(() => 1),
      96,
      22,
    );
    expect(tickX(T + 5 * 3_600_000, times, 3600, 96)).toBeCloseTo(xy[5]![0]);
    expect(tickX(T + 5.5 * 3_600_000, times, 3600, 96)).toBeCloseTo((xy[5]![0] + xy[6]![0]) / 2);
    expect(tickX(T - 99 * 3_600_000, times, 3600, 96)).toBe(1);
  });
});

describe('chips', () => {
  it('reads first release, the latest regression’s release and a resolution in a release', () => {
    const chips = releaseChips({
      firstRelease: { version: 'api@2.14.0' },
      activity: [
        { type: 'set_regression', dateCreated: '2026-01-01T00:00:00Z', data: { version: 'api@2.13.0' } },
        {
          type: 'set_regression',
          dateCreated: '2026-01-05T00:00:00Z',
          data: { version: 'api@2.15.1', resolved_in_version: 'api@2.15.0' },
        },
        { type: 'note', data: { text: 'x' } },
      ],
      statusDetails: { inRelease: 'api@2.16.0' },
    });
    expect(chips.map((c) => c.text)).toEqual(['first seen in 2.14.0', 'regressed in 2.15.1', 'resolved in 2.16.0']);
    expect(chips[1]!.title).toMatch(/after it was resolved in api@2\.15\.0/);
    // A regression event without a release says nothing of one.
    expect(releaseChips({ activity: [{ type: 'set_regression', data: { version: '' } }] })).toEqual([]);
  });
  it('names a deploy that finished at most 30 minutes before the start', () => {
    const deploys: Marker[] = [
      { kind: 'deploy', at: T, version: 'web@2.15.1', short: '2.15.1', environment: 'production', projects: [] },
      {
        kind: 'deploy',
        at: T - 3_600_000,
        version: 'web@2.15.0',
        short: '2.15.0',
        environment: 'production',
        projects: [],
      },
    ];
    expect(afterDeployChip(T + 12 * 60_000, deploys, 'Its first event', fmt)?.text).toBe('12 min after deploy 2.15.1');
    expect(afterDeployChip(T + 31 * 60_000, deploys, 'Its first event', fmt)).toBeNull();
    expect(afterDeployChip(T - 60_000, deploys, 'Its first event', fmt)).toBeNull();
  });
  it('takes the first peak’s hour as a start, never a day’s bucket', () => {
    expect(firstSpikeStart([0, 3600, 7200], [2, 1], 3600)).toBe(3_600_000);
    expect(firstSpikeStart([0, 86_400], [1], 86_400)).toBeNull();
    expect(firstSpikeStart([0, 3600], [], 3600)).toBeNull();
  });
});

describe('geo', () => {
  it('joins events per country (tag) with users per country (Discover), names them, and shares them out', () => {
    const rows = countryRows(
      [
        { value: 'US', count: 60 },
        { value: 'DE', count: 30 },
        { value: '', count: 5 },
        { value: 'XX1', count: 5 },
        { value: 'BR', count: 10 },
      ],
      [
        { 'geo.country_code': 'DE', 'count_unique(user)': 8, 'count()': 30 },
        { 'geo.country_code': 'US', 'count_unique(user)': 4 },
        { 'geo.country_code': '', 'count_unique(user)': 0 },
      ],
    );
    expect(rows.map((r) => [r.code, r.numeric, r.events, r.users])).toEqual([
      ['DE', '276', 30, 8],
      ['US', '840', 60, 4],
      ['BR', '076', 10, 0],
    ]);
    expect(rows[1]!.eventShare).toBe(0.6);
    expect(rows[0]!.userShare).toBe(8 / 12);
    expect(rows[0]!.name).toBe('Germany');
    expect(countryRows([{ value: 'FR', count: 1 }], null)[0]).toMatchObject({ users: null, userShare: null });
  });
  it('has the ISO numeric code of every country iso-3166-1 lists, and a name for each', () => {
    for (const c of all()) {
      expect(isoNumeric(c.alpha2)).toBe(c.numeric);
      expect(countryRows([{ value: c.alpha2, count: 1 }], null)[0]!.name).not.toBe(c.alpha2);
    }
    expect(isoNumeric('XK')).toBeNull(); // Kosovo: Sentry's GeoIP has it, ISO does not
    expect(countryRows([{ value: 'XK', count: 1 }], null)[0]).toMatchObject({ name: 'Kosovo', numeric: null });
    expect(countryRows([{ value: 'ZZ', count: 1 }], null)[0]!.name).toBe('ZZ');
  });
  it('gives bars a share of the events that carry the tag', () => {
    expect(
      tagBars(
        [
          { value: 'Chrome', count: 6 },
          { value: 'Firefox', count: 2 },
        ],
        10,
      ),
    ).toEqual([
      { value: 'Chrome', count: 6, share: 0.6 },
      { value: 'Firefox', count: 2, share: 0.2 },
    ]);
  });
});
