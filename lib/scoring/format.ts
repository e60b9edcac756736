// Compact number, percentage and time labels for the issue-list overlay. Missing values render as "—".
export const MISSING = '—';

const UNITS: Array<[number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 950 → "950", 1234 → "1.2k", 12_345 → "12k", 999_999 → "1M", 2.5e9 → "2.5B". */
export function formatCount(n: number | string | null | undefined): string {
  const v = typeof n === 'string' ? Number(n) : n;
  if (v === null || v === undefined || !Number.isFinite(v)) return MISSING;
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  if (abs < 1000) return sign + String(Math.round(abs));
  for (let i = 0; i < UNITS.length; i++) {
    const [size, unit] = UNITS[i]!;
    if (abs < size) continue;
    const scaled = abs / size;
    // One decimal below 10 ("1.2k"), none above ("12k"); rounding up to 1000 moves to the next unit.
    const rounded = scaled < 9.95 ? Math.round(scaled * 10) / 10 : Math.round(scaled);
    if (rounded >= 1000 && i > 0) return sign + '1' + UNITS[i - 1]![1];
    return sign + String(rounded) + unit;
  }
  return sign + String(abs);
}

// Made once: toLocaleString builds a new Intl.NumberFormat on every call, which costs ~0.1 ms a number in a page.
let exact: Intl.NumberFormat | undefined;

/** An exact count in the user's locale, "12,345" (for tooltips); "—" when not a finite number. */
export function formatExact(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  exact ??= new Intl.NumberFormat();
  return exact.format(n);
}

/** Share 0..1 → "12%", "2.5%", "0.04%", "<0.01%"; null → "—". */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return MISSING;
  const pct = share * 100;
  if (pct === 0) return '0%';
  const abs = Math.abs(pct);
  if (abs < 0.01) return pct < 0 ? '>-0.01%' : '<0.01%';
  const digits = abs >= 10 ? 0 : abs >= 1 ? 1 : 2;
  return `${Number(pct.toFixed(digits))}%`;
}

/** Change in percent → "+35%", "-20%", "0%"; null (no previous window) → "new". */
export function formatChange(percent: number | null): string {
  if (percent === null) return 'new';
  if (!Number.isFinite(percent)) return MISSING;
  const r = Math.round(percent);
  return r > 0 ? `+${formatCount(r)}%` : `${formatCount(r)}%`;
}

const STEPS: Array<[number, string]> = [
  [365 * 86_400_000, 'y'],
  [30 * 86_400_000, 'mo'],
  [7 * 86_400_000, 'w'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
];

/** "just now", "5m ago", "3h ago", "2d ago", "3w ago", "4mo ago", "2y ago"; a future time (clock skew) reads "just now". */
export function formatRelativeTime(when: string | number | Date | null | undefined, now: number | Date): string {
  const t = when instanceof Date ? when.getTime() : typeof when === 'string' ? Date.parse(when) : when;
  const n = now instanceof Date ? now.getTime() : now;
  if (t === null || t === undefined || !Number.isFinite(t) || !Number.isFinite(n)) return MISSING;
  const age = n - t;
  if (age < 60_000) return 'just now';
  for (const [size, unit] of STEPS) if (age >= size) return `${Math.floor(age / size)}${unit} ago`;
  return 'just now';
}
