import { describe, expect, it } from 'vitest';
import { detectPage, issueUrl } from './page';

describe('detectPage', () => {
  const cases: [string, Partial<ReturnType<typeof detectPage>> | null][] = [
    [
      'https://acme.sentry.io/issues/',
      { kind: 'issue-list', org: 'acme', issueId: null, apiBase: 'https://acme.sentry.io/api/0', hosting: 'saas' },
    ],
    [
      'https://acme.sentry.io/issues/?project=1&project=22&query=is%3Aunresolved',
      { kind: 'issue-list', org: 'acme', projectIds: ['1', '22'] },
    ],
    ['https://acme.sentry.io/issues/views/42/', { kind: 'issue-list', org: 'acme' }],
    ['https://acme.sentry.io/issues/6514891234/', { kind: 'issue', org: 'acme', issueId: '6514891234', eventId: null }],
    [
      'https://acme.sentry.io/issues/6514891234/?project=1&referrer=issue-stream',
      { kind: 'issue', issueId: '6514891234', projectIds: ['1'] },
    ],
    [
      'https://acme.sentry.io/issues/65/events/0123456789abcdef0123456789abcdef/',
      { kind: 'issue', issueId: '65', eventId: '0123456789abcdef0123456789abcdef' },
    ],
    ['https://acme.sentry.io/issues/65/events/latest/', { kind: 'issue', issueId: '65', eventId: 'latest' }],
    [
      'https://acme.sentry.io/issues/65/events/oldest/?project=1&referrer=oldest-event',
      { kind: 'issue', issueId: '65', eventId: 'oldest' },
    ],
    [
      'https://acme.sentry.io/issues/65/events/0123456789ABCDEF0123456789abcdef/activity/',
      { kind: 'issue', issueId: '65', eventId: '0123456789abcdef0123456789abcdef' },
    ],
    ['https://acme.sentry.io/issues/65/activity/', { kind: 'issue', issueId: '65' }],
    ['https://acme.sentry.io/performance/', { kind: 'other', org: 'acme' }],
    [
      'https://sentry.io/organizations/acme/issues/',
      { kind: 'issue-list', org: 'acme', apiBase: 'https://sentry.io/api/0' },
    ],
    ['https://sentry.io/organizations/acme/issues/123/', { kind: 'issue', org: 'acme', issueId: '123' }],
    ['https://us.sentry.io/organizations/acme/issues/123/', { kind: 'issue', org: 'acme', region: 'us' }],
    ['https://sentry.io/', { kind: 'other', org: null }],
    ['https://o1.ingest.us.sentry.io/api/1/envelope/', null],
    ['https://evil-sentry.io/issues/', null],
    ['https://sentry.io.evil.com/issues/', null],
    ['http://acme.sentry.io/issues/', null],
    ['not a url', null],
  ];
  it.each(cases)('%s', (url, expected) => {
    const got = detectPage(url);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected as object);
  });

  it('recognises self-hosted bases, with and without a path prefix', () => {
    expect(
      detectPage('https://sentry.corp.com/organizations/ops/issues/9/', ['https://sentry.corp.com/']),
    ).toMatchObject({
      kind: 'issue',
      org: 'ops',
      issueId: '9',
      hosting: 'self-hosted',
      apiBase: 'https://sentry.corp.com/api/0',
    });
    expect(detectPage('https://corp.com/sentry/organizations/ops/issues/', ['https://corp.com/sentry'])).toMatchObject({
      kind: 'issue-list',
      org: 'ops',
      apiBase: 'https://corp.com/sentry/api/0',
    });
    expect(detectPage('https://corp.com/other/organizations/ops/issues/', ['https://corp.com/sentry'])).toBeNull();
    expect(detectPage('https://sentry.corp.com/organizations/ops/issues/', [])).toBeNull();
  });

  it('builds issue links in the form the user is on', () => {
    expect(issueUrl(detectPage('https://acme.sentry.io/issues/')!, '5')).toBe('https://acme.sentry.io/issues/5/');
    expect(issueUrl(detectPage('https://sentry.io/organizations/acme/issues/')!, '5')).toBe(
      'https://sentry.io/organizations/acme/issues/5/',
    );
  });
});
