// Storage keys in one place. The token key is read by the background only; content scripts never touch storage.
export const KEYS = {
  settings: 'local:settings',
  auth: 'local:sentryAuth',
  cachePrefix: 'dexter-cache:',
} as const;

export interface SentryAuth {
  /** User auth token or internal-integration token. */
  token: string;
  /** The Sentry the token belongs to (https://sentry.io or a self-hosted base); it is never sent elsewhere. */
  sentryUrl: string;
  /** Scopes Sentry reported for the token at the last check. */
  scopes?: string[];
  checkedAt?: number;
}
