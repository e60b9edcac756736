// Where an issue's users are: events per country from the issue's `geo.country_code` tag (the tag-values endpoint
// counts events that carry the tag, over Sentry's retention: tagstore's count()), and users per country from
// Discover (count_unique(user) by geo.country_code for the issue, its 90 days). `geo.country_code` is the user's
// GeoIP country (Relay sets user.geo from the user's IP), ISO 3166-1 alpha-2; events without an IP have none.
import { isoNumeric } from './iso-numeric';

// Country names from the browser's own CLDR data (also in a service worker): no table in the bundle.
let regions: Intl.DisplayNames | null = null;
function countryName(code: string): string {
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regions.of(code);
    return name && name !== 'Unknown Region' ? name : code;
  } catch {
    return code; // a code Intl refuses
  }
}

export interface CountryRow {
  /** ISO 3166-1 alpha-2 as Sentry stores it. */
  code: string;
  name: string;
  /** ISO 3166-1 numeric (the world map's feature ids), null for a code ISO does not list. */
  numeric: string | null;
  events: number;
  /** Share of the events that carry a country. */
  eventShare: number;
  /** Distinct users from Discover; null when Discover did not answer. */
  users: number | null;
  userShare: number | null;
}

export interface Counted {
  value: string | null;
  count: number;
}
export interface DiscoverCountry {
  'geo.country_code'?: unknown;
  'count_unique(user)'?: unknown;
  'count()'?: unknown;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);

/** Country rows, most users first (most events where users are unknown); values that are not a country are left out. */
export function countryRows(values: readonly Counted[], discover: readonly DiscoverCountry[] | null): CountryRow[] {
  const events = new Map<string, number>();
  for (const v of values)
    if (v.value && /^[A-Z]{2}$/.test(v.value)) events.set(v.value, (events.get(v.value) ?? 0) + v.count);
  const users = new Map<string, number>();
  for (const r of discover ?? []) {
    const code = r['geo.country_code'];
    if (typeof code === 'string' && /^[A-Z]{2}$/.test(code)) users.set(code, num(r['count_unique(user)']));
  }
  const totalEvents = [...events.values()].reduce((a, b) => a + b, 0);
  const totalUsers = [...users.values()].reduce((a, b) => a + b, 0);
  const codes = new Set([...events.keys(), ...users.keys()]);
  return [...codes]
    .map((code): CountryRow => {
      const e = events.get(code) ?? 0;
      const u = discover ? (users.get(code) ?? 0) : null;
      return {
        code,
        name: countryName(code),
        numeric: isoNumeric(code),
        events: e,
        eventShare: totalEvents ? e / totalEvents : 0,
        users: u,
        userShare: u === null || !totalUsers ? null : u / totalUsers,
      };
    })
    .sort((a, b) => (b.users ?? 0) - (a.users ?? 0) || b.events - a.events || a.code.localeCompare(b.code));
}

export interface Bar {
  value: string;
  count: number;
  share: number;
}

/** A tag's top values as bars: each value's share of the events that carry the tag (`totalValues`). */
export function tagBars(top: readonly Counted[], totalValues: number | undefined, max = 5): Bar[] {
  const total = totalValues && totalValues > 0 ? totalValues : top.reduce((a, v) => a + v.count, 0);
  return top
    .filter((v) => v.value)
    .slice(0, max)
    .map((v) => ({ value: v.value!, count: v.count, share: total ? v.count / total : 0 }));
}
