// Storage keys in one place. The token key is read by the background only; content scripts never touch storage.
export const KEYS = {
  settings: 'local:settings',
  auth: 'local:sentryAuth',
  /** The API key of an OpenAI-compatible server, bound to its origin; read by the background only, like the token. */
  llmAuth: 'local:llmAuth',
  cachePrefix: 'dexter-cache:',
  /** Stored explanations, one per issue event, model and prompt version. */
  explanationPrefix: 'dexter-explain:',
  /** One-line summaries (lib/summary/schema.ts summaryCacheKey). */
  summaryPrefix: 'summary:',
  /** Size and last use of every cached answer and explanation (lib/storage-budget.ts). */
  storeIndex: 'dexter-store:__lru',
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

export interface LlmAuth {
  apiKey: string;
  /** The origin of the LLM server the key was entered for; it is sent nowhere else. */
  origin: string;
}
