import { describe, expect, it } from 'vitest';
import { formatChange, formatCount, formatExact, formatPercent, formatRelativeTime } from './format';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [9949, '9.9k'],
    [9950, '10k'],
    [12_345, '12k'],
    [999_499, '999k'],
    [999_999, '1M'],
    [1_250_000, '1.3M'],
    [2.5e9, '2.5B'],
    ['150', '150'],
    [-1500, '-1.5k'],
  ])('%s → %s', (n, out) => expect(formatCount(n)).toBe(out));
  it('shows "—" for missing or garbage', () => {
    expect(formatCount(null)).toBe('—');
    expect(formatCount('abc')).toBe('—');
  });
});

describe('formatPercent', () => {
  it.each([
    [0.123, '12%'],
    [0.025, '2.5%'],
    [0.0004, '0.04%'],
    [0.00000001, '<0.01%'],
    [0, '0%'],
    [1.5, '150%'],
    [null, '—'],
  ])('%s → %s', (s, out) => expect(formatPercent(s)).toBe(out));
});

describe('formatChange', () => {
  it.each([
    [35.4, '+35%'],
    [-20, '-20%'],
    [0, '0%'],
    [null, 'new'],
    [2500, '+2.5k%'],
  ])('%s → %s', (p, out) => expect(formatChange(p)).toBe(out));
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each([
    ['2025-06-01T11:59:30Z', 'just now'],
    ['2025-06-01T11:55:00Z', '5m ago'],
    ['2025-06-01T09:00:00Z', '3h ago'],
    ['2025-05-30T12:00:00Z', '2d ago'],
    ['2025-05-11T12:00:00Z', '3w ago'],
    ['2025-01-01T12:00:00Z', '5mo ago'],
    ['2023-01-01T12:00:00Z', '2y ago'],
    ['2025-06-01T13:00:00Z', 'just now'],
  ])('%s → %s', (t, out) => expect(formatRelativeTime(t, now)).toBe(out));
  it('shows "—" for an unparseable date', () => expect(formatRelativeTime('not a date', now)).toBe('—'));
});

describe('formatExact', () => {
  it('formats like the locale does, and says "—" for what is not a number', () => {
    expect(formatExact(12345)).toBe((12345).toLocaleString());
    expect(formatExact(0)).toBe('0');
    expect(formatExact(null)).toBe('—');
    expect(formatExact(Number.NaN)).toBe('—');
  });
});
