// Typed errors the UI can explain, and the scopes each endpoint needs (so a 403 can say which one is missing).
import type { z } from 'zod';

export type SentryErrorKind =
  'auth' | 'scope' | 'not-found' | 'rate-limited' | 'unavailable' | 'bad-response' | 'cancelled';

/** The client's endpoints, by the method name that calls them. */
export type Endpoint =
  | 'apiRoot'
  | 'listOrganizations'
  | 'getOrganization'
  | 'listProjects'
  | 'listIssues'
  | 'getIssuesByIds'
  | 'getIssue'
  | 'getEvent'
  | 'getTagValues'
  | 'bulkUpdate'
  | 'getRelease'
  | 'getDeploys'
  | 'listComments'
  | 'addComment'
  | 'countUsers'
  | 'getIssueStats'
  | 'listReleases'
  | 'getEventsStats'
  | 'getTagValueList'
  | 'countriesOfIssue';

// From Sentry's OpenAPI schema (tests/fixtures/sentry/openapi.json) `security.auth_token` (any one of the list suffices); the first is the least
// a user has to grant. Comments are not in the OpenAPI file: GroupNotesEndpoint uses GroupPermission
// (GET event:read, POST event:write).
const ENDPOINT_SCOPES: Record<Endpoint, readonly string[]> = {
  apiRoot: [],
  listOrganizations: ['org:read', 'org:write', 'org:admin'],
  getOrganization: ['org:read', 'org:write', 'org:admin'],
  listProjects: ['org:read', 'org:write', 'org:admin'],
  listIssues: ['event:read', 'event:write', 'event:admin'],
  getIssuesByIds: ['event:read', 'event:write', 'event:admin'],
  getIssueStats: ['event:read', 'event:write', 'event:admin'],
  getIssue: ['event:read', 'event:write', 'event:admin'],
  getEvent: ['event:read', 'event:write', 'event:admin'],
  getTagValues: ['event:read', 'event:write', 'event:admin'],
  bulkUpdate: ['event:write', 'event:admin'],
  getRelease: ['project:read', 'project:write', 'project:admin', 'project:releases', 'org:ci'],
  getDeploys: ['project:read', 'project:write', 'project:admin', 'project:releases', 'org:ci'],
  listComments: ['event:read', 'event:write', 'event:admin'],
  addComment: ['event:write', 'event:admin'],
  countUsers: ['org:read', 'org:write', 'org:admin'],
  listReleases: ['project:read', 'project:write', 'project:admin', 'project:releases', 'org:ci'],
  // Discover (events-stats is not in the public schema; it is Discover's, as events/ is).
  getEventsStats: ['org:read', 'org:write', 'org:admin'],
  getTagValueList: ['event:read', 'event:write', 'event:admin'],
  countriesOfIssue: ['org:read', 'org:write', 'org:admin'],
};

const WRITES: ReadonlySet<Endpoint> = new Set(['bulkUpdate', 'addComment']);

/** Scopes that satisfy the endpoint (any one of them), least privileged first. */
export function requiredScopes(endpoint: Endpoint): readonly string[] {
  return ENDPOINT_SCOPES[endpoint];
}

export interface ScopeCheck {
  /** Least-privileged scopes to ask for, for endpoints none of whose accepted scopes were granted. */
  missingReads: string[];
  missingWrites: string[];
  /** Endpoints the token cannot call. */
  blocked: Endpoint[];
}

/** Which scopes Dexter still needs, given a token's `auth.scopes` from GET /api/0/. */
export function checkScopes(granted: readonly string[]): ScopeCheck {
  const have = new Set(granted);
  const reads = new Set<string>();
  const writes = new Set<string>();
  const blocked: Endpoint[] = [];
  for (const [endpoint, accepted] of Object.entries(ENDPOINT_SCOPES) as [Endpoint, readonly string[]][]) {
    if (accepted.length === 0 || accepted.some((s) => have.has(s))) continue;
    blocked.push(endpoint);
    (WRITES.has(endpoint) ? writes : reads).add(accepted[0]!);
  }
  return { missingReads: [...reads].sort(), missingWrites: [...writes].sort(), blocked };
}

export interface SentryErrorInit {
  endpoint?: Endpoint;
  status?: number;
  /** Sentry's own `detail` text, when it sent one. */
  detail?: string;
  missingScopes?: readonly string[];
  retryAfterMs?: number;
  /** bad-response: the zod issues, and whatever parsed before the mismatch. */
  issues?: readonly z.core.$ZodIssue[];
  partial?: unknown;
  cause?: unknown;
}

export class SentryError extends Error {
  readonly kind: SentryErrorKind;
  readonly endpoint?: Endpoint;
  readonly status?: number;
  readonly detail?: string;
  readonly missingScopes: readonly string[];
  readonly retryAfterMs?: number;
  readonly issues: readonly z.core.$ZodIssue[];
  readonly partial?: unknown;

  constructor(kind: SentryErrorKind, init: SentryErrorInit = {}) {
    super(
      `${kind}${init.endpoint ? ` (${init.endpoint})` : ''}${init.status ? ` HTTP ${init.status}` : ''}${init.detail ? `: ${init.detail}` : ''}`,
      { cause: init.cause },
    );
    this.name = 'SentryError';
    this.kind = kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.detail = init.detail;
    this.missingScopes = init.missingScopes ?? [];
    this.retryAfterMs = init.retryAfterMs;
    this.issues = init.issues ?? [];
    this.partial = init.partial;
  }

  /** One sentence for the on-call engineer: what went wrong. */
  get userMessage(): string {
    switch (this.kind) {
      case 'auth':
        return 'Dexter is not signed in to Sentry, or its token was rejected.';
      case 'scope':
        return this.missingScopes.length
          ? `The Sentry token lacks the ${this.missingScopes.join(', ')} scope needed here.`
          : 'Sentry says you have no access to this data.';
      case 'not-found':
        return 'Sentry could not find this item; it may have been deleted or merged.';
      case 'rate-limited':
        return `Sentry is rate limiting requests${this.retryAfterMs !== undefined ? `; retrying in ${Math.ceil(this.retryAfterMs / 1000)} s` : ''}.`;
      case 'unavailable':
        return 'Sentry did not answer in time or is having trouble.';
      case 'bad-response':
        return 'Sentry answered in a shape Dexter does not understand; some details may be missing.';
      case 'cancelled':
        return 'The request was cancelled.';
    }
  }

  /** What the user can do about it. */
  get nextStep(): string {
    switch (this.kind) {
      case 'auth':
        return "Sign in to Sentry in this browser, or paste a new auth token in Dexter's settings.";
      case 'scope':
        return this.missingScopes.length
          ? `Create a token with ${this.missingScopes.join(', ')} in Sentry (Settings → Auth Tokens) and paste it in Dexter's settings.`
          : 'Ask a Sentry admin of this organization for access to the project.';
      case 'not-found':
        return 'Reload the Sentry page; if the issue was merged, open the issue it was merged into.';
      case 'rate-limited':
        return 'Wait a moment; Dexter retries on its own.';
      case 'unavailable':
        return 'Check your connection or status.sentry.io, then try again.';
      case 'bad-response':
        return 'Update Dexter; if it persists, report the Sentry version you are on.';
      case 'cancelled':
        return 'Nothing to do.';
    }
  }
}

export function isSentryError(e: unknown): e is SentryError {
  return e instanceof SentryError;
}

/** Maps a non-2xx answer to a SentryError. `tokenMode` decides whether a 403 means a missing scope. */
export function errorFromStatus(
  status: number,
  opts: { endpoint: Endpoint; detail?: string; tokenMode: boolean; retryAfterMs?: number },
): SentryError {
  const { endpoint, detail } = opts;
  if (status === 401) return new SentryError('auth', { endpoint, status, detail });
  if (status === 403) {
    // Session mode: a failed CSRF check is an auth problem (reload the page), not a missing permission.
    if (!opts.tokenMode && detail && /csrf/i.test(detail)) return new SentryError('auth', { endpoint, status, detail });
    const missing = opts.tokenMode ? [requiredScopes(endpoint)[0]].filter((s): s is string => !!s) : [];
    return new SentryError('scope', { endpoint, status, detail, missingScopes: missing });
  }
  if (status === 404) return new SentryError('not-found', { endpoint, status, detail });
  if (status === 429)
    return new SentryError('rate-limited', { endpoint, status, detail, retryAfterMs: opts.retryAfterMs });
  if (status >= 500) return new SentryError('unavailable', { endpoint, status, detail });
  return new SentryError('bad-response', { endpoint, status, detail });
}
