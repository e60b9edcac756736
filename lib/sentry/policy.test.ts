import { describe, expect, it } from 'vitest';
import { isAllowedApiBase, senderKind, tokenMayGoTo } from './policy';

const ctx = {
  extensionId: 'abc',
  extensionOrigin: 'chrome-extension://abc/',
  selfHostedBases: ['https://sentry.corp.com'],
};

describe('senderKind', () => {
  it('accepts our pages and our content scripts on Sentry pages', () => {
    expect(senderKind({ id: 'abc', url: 'chrome-extension://abc/popup.html' }, ctx)).toBe('extension-page');
    expect(senderKind({ id: 'abc', url: 'chrome-extension://abc/explorer.html', tab: { id: 3 } }, ctx)).toBe(
      'extension-page',
    );
    expect(senderKind({ id: 'abc', url: 'https://acme.sentry.io/issues/', tab: { id: 1 } }, ctx)).toBe(
      'content-script',
    );
    expect(senderKind({ id: 'abc', url: 'https://sentry.corp.com/organizations/x/issues/', tab: { id: 1 } }, ctx)).toBe(
      'content-script',
    );
  });
  it('takes Dexter’s panel in a frame only inside a Sentry page, never where another site frames it', () => {
    const panel = 'chrome-extension://abc/panel.html#view=explain';
    expect(
      senderKind({ id: 'abc', url: panel, frameId: 4, tab: { id: 1, url: 'https://acme.sentry.io/issues/1/' } }, ctx),
    ).toBe('extension-page');
    expect(
      senderKind(
        { id: 'abc', url: panel, frameId: 4, tab: { id: 1, url: 'https://sentry.corp.com/organizations/x/issues/1/' } },
        ctx,
      ),
    ).toBe('extension-page');
    expect(
      senderKind({ id: 'abc', url: panel, frameId: 4, tab: { id: 1, url: 'https://evil.example/' } }, ctx),
    ).toBeNull();
    expect(senderKind({ id: 'abc', url: panel, frameId: 4, tab: { id: 1 } }, ctx)).toBeNull(); // a page Dexter may not see
    expect(senderKind({ id: 'abc', url: panel, frameId: 0, tab: { id: 1, url: panel } }, ctx)).toBe('extension-page');
  });
  it('refuses other extensions, unknown pages and missing ids', () => {
    expect(senderKind({ id: 'evil', url: 'chrome-extension://evil/x.html' }, ctx)).toBeNull();
    expect(senderKind({ id: 'abc', url: 'https://evil.com/', tab: { id: 1 } }, ctx)).toBeNull();
    expect(senderKind({ url: 'https://acme.sentry.io/issues/', tab: { id: 1 } }, ctx)).toBeNull();
    expect(senderKind({ id: 'abc', url: 'chrome-extension://abcd/popup.html' }, ctx)).toBeNull();
  });
});

describe('isAllowedApiBase', () => {
  it.each([
    ['https://sentry.io/api/0', true],
    ['https://acme.sentry.io/api/0', true],
    ['https://us.sentry.io/api/0/', true],
    ['https://sentry.corp.com/api/0', true],
    ['http://acme.sentry.io/api/0', false],
    ['https://acme.sentry.io:8443/api/0', false],
    ['https://evil.com/api/0', false],
    ['https://sentry.io.evil.com/api/0', false],
    ['https://acme.sentry.io/api/0?x=1', false],
    ['https://user:pw@acme.sentry.io/api/0', false],
    ['https://acme.sentry.io/other', false],
    ['nonsense', false],
  ])('%s → %s', (base, ok) => expect(isAllowedApiBase(base, ['https://sentry.corp.com'])).toBe(ok));
});

describe('tokenMayGoTo', () => {
  it('binds a sentry.io token to sentry.io hosts only', () => {
    expect(tokenMayGoTo('https://us.sentry.io/api/0/organizations/', 'https://sentry.io')).toBe(true);
    expect(tokenMayGoTo('https://acme.sentry.io/api/0/', 'https://sentry.io')).toBe(true);
    expect(tokenMayGoTo('https://evil.com/api/0/', 'https://sentry.io')).toBe(false);
    expect(tokenMayGoTo('http://acme.sentry.io/api/0/', 'https://sentry.io')).toBe(false);
  });
  it('binds a self-hosted token to its origin', () => {
    expect(tokenMayGoTo('https://sentry.corp.com/api/0/', 'https://sentry.corp.com')).toBe(true);
    expect(tokenMayGoTo('https://acme.sentry.io/api/0/', 'https://sentry.corp.com')).toBe(false);
  });
});
