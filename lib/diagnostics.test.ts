import { describe, expect, it } from 'vitest';
import { badgeFor, diagnosticsText, sentryReleaseFromBaggage, urlPattern, type PageReport } from './diagnostics';

describe('diagnostics', () => {
  it('keeps ids, org names and searches out of the page pattern', () => {
    expect(
      urlPattern(
        'https://acme.sentry.io/issues/6514891234/events/0123456789abcdef0123456789abcdef/?query=secret%40example.com',
      ),
    ).toBe('https://:org.sentry.io/issues/:id/events/:eventId/');
    expect(urlPattern('https://sentry.io/organizations/acme/issues/?query=user.email%3Aa%40b.c')).toBe(
      'https://sentry.io/organizations/:org/issues/',
    );
    expect(urlPattern('https://us.sentry.io/organizations/acme/issues/12/')).toBe(
      'https://us.sentry.io/organizations/:org/issues/:id/',
    );
    expect(urlPattern('https://sentry.corp.example/organizations/acme/issues/12/events/latest/')).toBe(
      'https://sentry.corp.example/organizations/:org/issues/:id/events/latest/',
    );
    expect(urlPattern('nope')).toBe('(not a URL)');
  });
  it('reads Sentry’s release from its baggage meta tag', () => {
    expect(
      sentryReleaseFromBaggage(
        'sentry-trace_id=ab,sentry-environment=prod,sentry-release=backend%4057be8a13c0ffee,sentry-public_key=x',
      ),
    ).toBe('backend@57be8a13c0ffee');
    expect(sentryReleaseFromBaggage('sentry-environment=prod')).toBeNull();
    expect(sentryReleaseFromBaggage(null)).toBeNull();
  });
  it('badges a tab only when something could not run, and says what in the diagnostics', () => {
    const report: PageReport = {
      pattern: 'https://:org.sentry.io/issues/:id/',
      kind: 'issue',
      sentryVersion: 'backend@abc',
      at: Date.UTC(2026, 11, 6),
      troubles: [
        {
          feature: 'explain-button',
          label: 'Explain',
          missing: ['[data-test-id="group-event-details"]'],
          message: 'Sentry’s event details never appeared.',
        },
      ],
    };
    expect(badgeFor(null)).toEqual({ text: '', title: 'Dexter' });
    expect(badgeFor({ ...report, troubles: [] }).text).toBe('');
    expect(badgeFor(report)).toMatchObject({ text: '!' });
    expect(badgeFor(report).title).toMatch(/one feature could not run on this page \(Explain\)/);
    const text = diagnosticsText(report, { dexterVersion: '0.1.0', browser: 'Chrome 156' });
    expect(text).toContain('Sentry release: backend@abc');
    expect(text).toContain('missing: [data-test-id="group-event-details"]');
    expect(text).toContain('2026-12-06T00:00:00.000Z');
  });
});
