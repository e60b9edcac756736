// Authentication, scopes, CSRF and rate limits the way sentry.io applies them to /api/0/.
// Bearer tokens (UserAuthTokenAuthentication), the web app's session cookie with Django CSRF, and the
// RatelimitMiddleware headers (X-Sentry-Rate-Limit-*, reset in epoch seconds) on every API response.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Store } from './store.ts';

export const SESSION_COOKIE = 'sentrysid';
/** Sentry's settings: CSRF_COOKIE_NAME = "sc" (sentry.io's getsentry layer also knows "sentry-sc"). */
export const CSRF_COOKIES = ['sc', 'sentry-sc'];

export const DETAIL = {
  noCredentials: 'Authentication credentials were not provided.',
  invalidToken: 'Invalid token',
  forbidden: 'You do not have permission to perform this action.',
  notFound: 'The requested resource does not exist',
} as const;

export type AuthKind = 'bearer' | 'cookie' | 'none';
export interface Caller {
  kind: AuthKind;
  scopes: Set<string>;
  key: string;
  name: string;
}

export type Scope = 'org:read' | 'project:read' | 'event:read' | 'event:write' | 'project:write' | 'event:admin';

export interface Tokens {
  readWrite: string;
  readOnly: string;
  noOrg: string;
}

export function createTokens(): { tokens: Tokens; scopes: Map<string, Set<string>> } {
  const make = () => `sntryu_${randomBytes(32).toString('hex')}`;
  const tokens = { readWrite: make(), readOnly: make(), noOrg: make() };
  const scopes = new Map<string, Set<string>>([
    [
      tokens.readWrite,
      new Set([
        'org:read',
        'project:read',
        'project:write',
        'event:read',
        'event:write',
        'event:admin',
        'team:read',
        'member:read',
      ]),
    ],
    [tokens.readOnly, new Set(['org:read', 'project:read', 'event:read', 'team:read', 'member:read'])],
    // A token made for one job (uploading releases) that cannot see organisations or issues.
    [tokens.noOrg, new Set(['project:releases'])],
  ]);
  return { tokens, scopes };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

export type AuthResult = { ok: true; caller: Caller } | { ok: false; status: number; detail: string; kind: AuthKind };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const MEMBER_SCOPES = [
  'org:read',
  'project:read',
  'project:write',
  'event:read',
  'event:write',
  'team:read',
  'member:read',
];

export function authenticate(req: IncomingMessage, store: Store, tokenScopes: Map<string, Set<string>>): AuthResult {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value)
      return { ok: false, status: 401, detail: DETAIL.noCredentials, kind: 'none' };
    const scopes = tokenScopes.get(value);
    if (!scopes) return { ok: false, status: 401, detail: DETAIL.invalidToken, kind: 'bearer' };
    return { ok: true, caller: { kind: 'bearer', scopes, key: `token:${value.slice(-8)}`, name: 'API token' } };
  }
  const cookies = parseCookies(req.headers.cookie);
  const sid = cookies.get(SESSION_COOKIE);
  const session = sid ? store.sessions.get(sid) : undefined;
  if (!sid || !session) return { ok: false, status: 401, detail: DETAIL.noCredentials, kind: sid ? 'cookie' : 'none' };
  if (!SAFE.has(req.method ?? 'GET')) {
    // Django's CSRF check as DRF's SessionAuthentication reports it: the header must equal the CSRF cookie.
    const cookie = CSRF_COOKIES.map((n) => cookies.get(n)).find(Boolean);
    const sent = req.headers['x-csrftoken'];
    if (!cookie) return { ok: false, status: 403, detail: 'CSRF Failed: CSRF cookie not set.', kind: 'cookie' };
    if (!sent) return { ok: false, status: 403, detail: 'CSRF Failed: CSRF token missing.', kind: 'cookie' };
    if (sent !== cookie || cookie !== session.csrf)
      return { ok: false, status: 403, detail: 'CSRF Failed: CSRF token incorrect.', kind: 'cookie' };
  }
  return {
    ok: true,
    caller: { kind: 'cookie', scopes: new Set(MEMBER_SCOPES), key: `session:${sid.slice(0, 8)}`, name: 'Dexter Demo' },
  };
}

export interface RateLimitOptions {
  limit: number;
  windowSec: number;
  concurrentLimit: number;
}
/** sentry.io's default for most endpoints: 40 requests per second per caller, 25 in flight. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 40, windowSec: 1, concurrentLimit: 25 };

export interface RateDecision {
  limited: boolean;
  headers: Record<string, string>;
  retryAfter: number;
  detail: string;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  private inFlight = new Map<string, number>();
  constructor(
    public options: RateLimitOptions,
    private now: () => number,
  ) {}

  /** Counts one request for the caller; call done(key) when its response ends. */
  take(key: string): RateDecision {
    const { limit, windowSec, concurrentLimit } = this.options;
    const windowMs = windowSec * 1000;
    const now = this.now();
    const start = Math.floor(now / windowMs) * windowMs;
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const concurrent = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, concurrent);
    const reset = Math.ceil((start + windowMs) / 1000);
    const headers = {
      'X-Sentry-Rate-Limit-Limit': String(limit),
      'X-Sentry-Rate-Limit-Remaining': String(Math.max(0, limit - w.count)),
      'X-Sentry-Rate-Limit-Reset': String(reset),
      'X-Sentry-Rate-Limit-ConcurrentLimit': String(concurrentLimit),
      'X-Sentry-Rate-Limit-ConcurrentRemaining': String(Math.max(0, concurrentLimit - concurrent)),
    };
    const overWindow = w.count > limit;
    const overConcurrent = concurrent > concurrentLimit;
    const detail = overWindow
      ? `You are attempting to use this endpoint too frequently. Limit is ${limit} requests in ${windowSec} seconds`
      : `You are attempting to go above the allowed concurrency for this endpoint. Concurrency limit is ${concurrentLimit}`;
    return {
      limited: overWindow || overConcurrent,
      headers,
      retryAfter: Math.max(1, reset - Math.floor(now / 1000)),
      detail,
    };
  }

  done(key: string): void {
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
  }
}
