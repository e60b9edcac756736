// The background's view of the Sentry the user works with, built once per settings or token change: the parsed
// settings, the token, a client per API base (policy-checked), the one cache and the one rate limiter. Every handler
// gets it from the router; the LLM code asks it for issues and events instead of calling other handlers.
import { createCache, type Cache } from '@/lib/cache';
import { createLimiter } from '@/lib/sentry/ratelimit';
import { createSentryClient, type RequestTiming, type SentryClient } from '@/lib/sentry/client';
import { isAllowedApiBase, tokenMayGoTo } from '@/lib/sentry/policy';
import { apiBaseOf } from '@/lib/sentry/page';
import { KEYS, type SentryAuth } from '@/lib/storage-keys';
import type { Target } from '@/lib/messages';
import type { IssueDetail, SentryEvent } from '@/lib/sentry/schemas';
import type { Settings } from '@/lib/settings';
import { authItem, getSettings, settingsItem } from './settings';
import { epochNow, recordTiming } from './timings';
import { store } from './store';

/** One cache and one limiter for the worker's life: they outlive settings changes (keys carry the API base). The
 *  cache persists through the store's size budget, which it shares with the explanations. */
export const cache: Cache = createCache({
  storage: store,
  ttlMs: 60_000,
  staleMs: 15 * 60_000,
  namespace: KEYS.cachePrefix,
  maxEntries: 300,
});
const limiter = createLimiter({ maxConcurrent: 4 });

export interface SentryService {
  readonly settings: Settings;
  /** The Sentry the token was entered for (never the token itself), null without a token. */
  readonly tokenSentryUrl: string | null;
  /** The API base of the Sentry the token was entered for, else sentry.io's. */
  readonly homeApiBase: string;
  readonly cache: Cache;
  /** A client for the target's API base, with the token where it may go; throws when Dexter may not call it. */
  client(
    target: Pick<Target, 'apiBase'>,
    onTiming?: (t: RequestTiming) => void,
  ): { client: SentryClient; via: 'token' | 'session' };
  /** Cache key for data of one org. */
  key(target: Target, ...parts: (string | number)[]): string;
  issue(target: Target, issueId: string): Promise<IssueDetail>;
  /** An issue's event (`recommended`, `latest`, `oldest` or an id); each answer's stage timings are recorded. */
  event(target: Target, issueId: string, eventId: string): Promise<SentryEvent>;
}

export function createSentryService(settings: Settings, auth: SentryAuth | null): SentryService {
  const service: SentryService = {
    settings,
    tokenSentryUrl: auth?.sentryUrl ?? null,
    homeApiBase: apiBaseOf(auth?.sentryUrl ?? 'https://sentry.io'),
    cache,
    client(target, onTiming) {
      if (!isAllowedApiBase(target.apiBase, settings.sentry.selfHostedBases)) {
        throw Object.assign(new Error(`Dexter does not talk to ${target.apiBase}.`), {
          kind: 'forbidden-target',
          nextStep: 'Add your self-hosted Sentry in Dexter’s settings first.',
        });
      }
      const token = auth && tokenMayGoTo(target.apiBase, auth.sentryUrl) ? auth.token : null;
      if (!token && !settings.sentry.useSession) {
        throw Object.assign(new Error('Dexter has no Sentry token.'), {
          kind: 'auth',
          nextStep: 'Open Dexter’s popup → Settings and paste a Sentry auth token.',
        });
      }
      const client = createSentryClient({
        apiBase: target.apiBase.replace(/\/$/, ''),
        token,
        fetch: globalThis.fetch.bind(globalThis),
        timeoutMs: 20_000,
        limiter,
        onTiming,
      });
      return { client, via: token ? 'token' : 'session' };
    },
    key: (t, ...parts) => `${t.apiBase}|${t.org}|${parts.join('|')}`,
    issue(target, issueId) {
      const { client } = service.client(target);
      return cache.get(service.key(target, 'issue', issueId), () => client.getIssue(target.org, issueId));
    },
    async event(target, issueId, eventId) {
      const startedAt = epochNow();
      let request: RequestTiming | undefined;
      let loadedAt = 0;
      const { client } = service.client(target, (t) => (request = t));
      const data = await cache.get(service.key(target, 'event', issueId, eventId), async () => {
        const event = await client.getEvent(target.org, issueId, eventId);
        loadedAt = epochNow();
        return event;
      });
      const doneAt = epochNow();
      recordTiming({ type: 'issue.event', startedAt, doneAt, request, cacheMs: loadedAt ? doneAt - loadedAt : 0 });
      return data;
    },
  };
  return service;
}

let built: Promise<SentryService> | null = null;

/** The service for the current settings and token (read and parsed once per change, not once per message). */
export function sentryService(): Promise<SentryService> {
  built ??= Promise.all([getSettings(), authItem.getValue()]).then(([s, a]) => createSentryService(s, a));
  return built;
}

/** Drops the built service; the next message builds it from storage again. */
export function resetSentryService(): void {
  built = null;
}

// Another context (an older worker's write, the storage inspector) may change the stored values too.
settingsItem.watch(resetSentryService);
authItem.watch(resetSentryService);
