import { describe, expect, it } from 'vitest';
import { SentryError, checkScopes, errorFromStatus, requiredScopes, type SentryErrorKind } from './errors';

describe('SentryError', () => {
  it('gives every kind its own message and next step', () => {
    const kinds: SentryErrorKind[] = [
      'auth',
      'scope',
      'not-found',
      'rate-limited',
      'unavailable',
      'bad-response',
      'cancelled',
    ];
    const messages = kinds.map((k) => new SentryError(k).userMessage);
    const steps = kinds.map((k) => new SentryError(k).nextStep);
    expect(new Set(messages).size).toBe(kinds.length);
    expect(new Set(steps).size).toBe(kinds.length);
  });

  it('maps statuses to kinds', () => {
    expect(errorFromStatus(401, { endpoint: 'getIssue', tokenMode: true }).kind).toBe('auth');
    expect(errorFromStatus(404, { endpoint: 'getIssue', tokenMode: true }).kind).toBe('not-found');
    expect(errorFromStatus(503, { endpoint: 'getIssue', tokenMode: true }).kind).toBe('unavailable');
    expect(errorFromStatus(400, { endpoint: 'getIssue', tokenMode: true }).kind).toBe('bad-response');
    const rl = errorFromStatus(429, { endpoint: 'listIssues', tokenMode: true, retryAfterMs: 12_000 });
    expect(rl.kind).toBe('rate-limited');
    expect(rl.userMessage).toContain('12 s');
  });

  it('names the missing scope on a token 403, and not in session mode', () => {
    const e = errorFromStatus(403, { endpoint: 'bulkUpdate', tokenMode: true });
    expect(e.kind).toBe('scope');
    expect(e.missingScopes).toEqual(['event:write']);
    expect(e.userMessage).toContain('event:write');
    expect(e.nextStep).toContain('event:write');
    const session = errorFromStatus(403, { endpoint: 'bulkUpdate', tokenMode: false });
    expect(session.missingScopes).toEqual([]);
    expect(
      errorFromStatus(403, { endpoint: 'bulkUpdate', tokenMode: false, detail: 'CSRF Failed: CSRF token missing.' })
        .kind,
    ).toBe('auth');
  });
});

describe('scopes', () => {
  it('knows what each endpoint accepts', () => {
    expect(requiredScopes('listIssues')[0]).toBe('event:read');
    expect(requiredScopes('getRelease')).toContain('project:releases');
  });

  it('reports nothing missing for a full read/write token', () => {
    expect(checkScopes(['org:read', 'project:read', 'event:read', 'event:write'])).toEqual({
      missingReads: [],
      missingWrites: [],
      blocked: [],
    });
  });

  it('reports the writes a read-only token lacks', () => {
    const c = checkScopes(['org:read', 'project:read', 'event:read']);
    expect(c.missingReads).toEqual([]);
    expect(c.missingWrites).toEqual(['event:write']);
    expect(c.blocked.sort()).toEqual(['addComment', 'bulkUpdate']);
  });

  it('accepts stronger scopes in place of weaker ones', () => {
    const c = checkScopes(['org:admin', 'project:admin', 'event:admin']);
    expect(c.blocked).toEqual([]);
  });

  it('lists every read scope for an empty token', () => {
    expect(checkScopes([]).missingReads).toEqual(['event:read', 'org:read', 'project:read']);
  });
});
