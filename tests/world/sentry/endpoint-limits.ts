// Per-endpoint rate limits (each endpoint's RateLimitConfig limit_overrides on sentry.io), on top of the default
// per-caller limit: issues-stats 10/s, issue details 5/s, event details 15/s (see the routes). Off unless the
// server is started with `endpointRateLimits: true` or a test switches them on.
import type { EndpointLimit } from './api.ts';
import { RateLimiter, type RateDecision } from './auth.ts';

export class EndpointLimiter {
  enabled: boolean;
  private limiters = new Map<string, RateLimiter>();
  constructor(
    enabled: boolean,
    private now: () => number,
  ) {
    this.enabled = enabled;
  }

  /** Counts one request to the endpoint for the caller; null when limits are off or the endpoint has none. */
  take(template: string, limit: EndpointLimit | undefined, caller: string): RateDecision | null {
    if (!this.enabled || !limit) return null;
    let limiter = this.limiters.get(template);
    if (!limiter) {
      limiter = new RateLimiter({ limit: limit.limit, windowSec: limit.windowSec, concurrentLimit: 25 }, this.now);
      this.limiters.set(template, limiter);
    }
    const decision = limiter.take(caller);
    limiter.done(caller);
    return decision;
  }
}
