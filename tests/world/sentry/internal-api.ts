// The replica pages' server-side reads: the same route table the REST API serves, called in-process as the signed-in
// web app (a session caller), so a server-rendered page shows exactly what the API answers for that request.
import type { IncomingMessage } from 'node:http';
import { matchRoute, type ApiContext, type ApiResult } from './api.ts';
import { issueRoutes } from './routes-issues.ts';
import { orgRoutes } from './routes-orgs.ts';
import { BadRequest } from './search.ts';
import type { UrlContext } from './serialize.ts';
import type { Store } from './store.ts';

const ROUTES = [...orgRoutes, ...issueRoutes];
const PAGE_CALLER = {
  kind: 'cookie' as const,
  scopes: new Set(['org:read', 'project:read', 'event:read']),
  key: 'page',
  name: 'page',
};

/** GET /api/0/{path}?{params} in-process; params with array values repeat their key. */
export function internalGet(
  req: IncomingMessage,
  store: Store,
  u: UrlContext,
  path: string,
  params: Record<string, string | string[] | undefined> = {},
): ApiResult {
  const url = new URL(`/api/0/${path}`, u.origin);
  for (const [k, v] of Object.entries(params))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) url.searchParams.append(k, one);
  const match = matchRoute(ROUTES, 'GET', url.pathname);
  if (match === null || match === 'method')
    return { status: 404, body: { detail: 'The requested resource does not exist' } };
  const ctx: ApiContext = { req, url, params: match.params, store, u, body: undefined, caller: PAGE_CALLER };
  try {
    return match.route.handle(ctx);
  } catch (error) {
    if (error instanceof BadRequest) return { status: 400, body: { detail: error.message } };
    throw error;
  }
}
