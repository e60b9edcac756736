import { describe, expect, it } from 'vitest';
import { formatLinkHeader, nextCursor, nextUrl, parseLinkHeader, prevCursor } from './link';

// A real header as sentry.io sends it on the org issue list.
const REAL =
  '<https://sentry.io/api/0/organizations/acme/issues/?&cursor=1700000000000:0:1>; rel="previous"; results="false"; cursor="1700000000000:0:1", ' +
  '<https://sentry.io/api/0/organizations/acme/issues/?&cursor=1700000000000:100:0>; rel="next"; results="true"; cursor="1700000000000:100:0"';

describe('Link header', () => {
  it('parses both entries of a real header', () => {
    const entries = parseLinkHeader(REAL);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      url: 'https://sentry.io/api/0/organizations/acme/issues/?&cursor=1700000000000:0:1',
      rel: 'previous',
      results: false,
      cursor: '1700000000000:0:1',
    });
    expect(nextCursor(REAL)).toBe('1700000000000:100:0');
    expect(nextUrl(REAL)).toContain('cursor=1700000000000:100:0');
    expect(prevCursor(REAL)).toBeNull(); // the first page: previous has results="false"
  });

  it('gives the previous page’s cursor past the first page', () => {
    const second = formatLinkHeader(
      'https://sentry.io/api/0/organizations/acme/issues/?query=',
      { cursor: '1700000000000:100:1', results: true },
      { cursor: '1700000000000:200:0', results: true },
    );
    expect(prevCursor(second)).toBe('1700000000000:100:1');
    expect(nextCursor(second)).toBe('1700000000000:200:0');
  });

  it('stops when next has results="false"', () => {
    const last = REAL.replace('rel="next"; results="true"', 'rel="next"; results="false"');
    expect(nextCursor(last)).toBeNull();
    expect(nextUrl(last)).toBeNull();
  });

  it('copes with missing or garbled headers', () => {
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader('garbage')).toEqual([]);
    expect(nextCursor('<x>; results="true"')).toBeNull(); // no rel
  });

  it('round-trips what formatLinkHeader writes', () => {
    const h = formatLinkHeader(
      'http://127.0.0.1:9/api/0/organizations/o/issues/?query=is%3Aunresolved',
      { cursor: '0:0:1', results: false },
      { cursor: '0:100:0', results: true },
    );
    expect(nextCursor(h)).toBe('0:100:0');
    expect(new URL(nextUrl(h)!).searchParams.get('query')).toBe('is:unresolved');
  });
});
