// Number, time and URL formatting the way Sentry's UI shows them.

export type UrlForm = 'customer' | 'path';

/** Sentry's Count component (formatAbbreviatedNumber): 3808 -> "3.8K", 150 -> "150". */
export function formatCount(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return '0';
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (Math.abs(n) >= size) {
      const scaled = n / size;
      const shown = Math.abs(scaled) < 10 ? Math.floor(scaled * 10) / 10 : Math.floor(scaled);
      return `${shown}${suffix}`;
    }
  }
  return String(Math.round(n));
}

/** The title of Sentry's Count: `value?.toLocaleString()` (static/app/components/count.tsx). The API sends event
 *  counts as strings (left as they are) and user counts as numbers, which the browser formats in the user's locale
 *  ("1,234") while React renders the list. The replica's client does that formatting at load (appScript.ts), so the
 *  page has used the browser's Intl before any extension runs, as Sentry's page has. */
export function countTitle(value: unknown): { title: string; 'data-replica-locale'?: string } {
  if (typeof value === 'number' && Number.isFinite(value))
    return { title: String(value), 'data-replica-locale': 'number' };
  return { title: value === null || value === undefined ? '' : String(value) };
}

/** TimeSince with unitStyle="short": "5min", "3hr", "2d", "4mo", "1yr". */
export function timeSinceShort(iso: unknown, now: Date): string {
  const then = Date.parse(String(iso));
  if (Number.isNaN(then)) return '';
  const s = Math.max(0, Math.round((now.getTime() - then) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}min`;
  if (s < 86400) return `${Math.floor(s / 3600)}hr`;
  if (s < 86400 * 30) return `${Math.floor(s / 86400)}d`;
  if (s < 86400 * 365) return `${Math.floor(s / (86400 * 30))}mo`;
  return `${Math.floor(s / (86400 * 365))}yr`;
}

/** Long form used on the issue page: "3 hours ago", "2 months ago". */
export function timeSinceLong(iso: unknown, now: Date): string {
  const then = Date.parse(String(iso));
  if (Number.isNaN(then)) return '';
  const s = Math.max(0, Math.round((now.getTime() - then) / 1000));
  const steps: [number, string][] = [
    [86400 * 365, 'year'],
    [86400 * 30, 'month'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of steps) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return n === 1 ? `a${unit === 'hour' ? 'n' : ''} ${unit} ago` : `${n} ${unit}s ago`;
    }
  }
  return 'a few seconds ago';
}

/** Org-relative route prefix: customer domains drop `/organizations/{org}`. */
export function orgPrefix(org: string, form: UrlForm): string {
  return form === 'customer' ? '' : `/organizations/${encodeURIComponent(org)}`;
}

export function issueListPath(org: string, form: UrlForm, params: Record<string, string | undefined> = {}): string {
  return `${orgPrefix(org, form)}/issues/${query(params)}`;
}

export function issuePath(
  org: string,
  form: UrlForm,
  id: string,
  params: Record<string, string | undefined> = {},
): string {
  return `${orgPrefix(org, form)}/issues/${encodeURIComponent(id)}/${query(params)}`;
}

export function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (entries.length === 0) return '';
  return `?${new URLSearchParams(entries).toString()}`;
}
