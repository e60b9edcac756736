// The /api/0/ router: route table, per-route scope, and the shared context handlers get.
import type { IncomingMessage } from 'node:http';
import type { Caller, Scope } from './auth.ts';
import { DETAIL } from './auth.ts';
import type { Org } from './model.ts';
import { linkHeader, paginate, parseCursor, readLimit } from './paginate.ts';
import type { UrlContext } from './serialize.ts';
import type { Store } from './store.ts';

export interface ApiContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  store: Store;
  caller: Caller;
  u: UrlContext;
  body: unknown;
}

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export type Handler = (ctx: ApiContext) => ApiResult;

/** An endpoint's own rate limit (its RateLimitConfig limit_overrides), applied when the server enforces them. */
export interface EndpointLimit {
  limit: number;
  windowSec: number;
}

export interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  keys: string[];
  scope: Scope;
  handle: Handler;
  limit?: EndpointLimit;
}

/** `organizations/:org/issues/:id/` → a route under /api/0/. */
export function route(method: string, template: string, scope: Scope, handle: Handler, limit?: EndpointLimit): Route {
  const keys: string[] = [];
  const source = template.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { method, template, pattern: new RegExp(`^/api/0/${source}$`), keys, scope, handle, limit };
}

export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method' | null {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => {
      params[k] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route: r, params };
  }
  return pathMatched ? 'method' : null;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): ApiResult => ({
  status,
  body,
  headers,
});
export const notFound = (): ApiResult => json(404, { detail: DETAIL.notFound });
export const badRequest = (detail: unknown): ApiResult => json(400, { detail });

export function orgOf(ctx: ApiContext): Org | null {
  return ctx.store.findOrg(ctx.params.org ?? '') ?? null;
}

/** Sends a sorted, scored list through the cursor paginator with Sentry's Link and X-Hits headers. */
export function pagedList<T>(
  ctx: ApiContext,
  scored: { item: T; score: number }[],
  serialize: (item: T) => unknown,
  maxLimit = 100,
): ApiResult {
  const limit = readLimit(ctx.url.searchParams, maxLimit);
  const page = paginate(scored, limit, parseCursor(ctx.url.searchParams.get('cursor')));
  return json(200, page.results.map(serialize), {
    Link: linkHeader(ctx.u.origin, ctx.url.pathname, ctx.url.searchParams, page.prev, page.next),
    'X-Hits': String(page.hits),
  });
}
