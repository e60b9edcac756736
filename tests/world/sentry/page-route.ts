// Non-API paths: the replica sentry.io web pages (tests/world/sentry/pages/, another module), fed with exactly what
// the API would return for the same URL. A custom PageHandler set on the server runs first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from './api.ts';
import type { FaultSwitch } from './faults.ts';
import { listIssues, queryOf } from './issues-list.ts';
import { linkCursors } from './link.ts';
import type { UrlContext } from './serialize.ts';
import { serializeIssueDetail } from './serialize-issue.ts';
import type { Store } from './store.ts';

export interface PageContext { store: Store; url: URL; u: UrlContext; hostname: string; saas: boolean; faults: FaultSwitch }
export type PageHandler = (req: IncomingMessage, res: ServerResponse, ctx: PageContext) => boolean | Promise<boolean>;

type Pages = typeof import('./pages/index.ts');
let pages: Promise<Pages | null> | null = null;
function loadPages(): Promise<Pages | null> {
  pages ??= import('./pages/index.ts').catch((e: unknown) => {
    console.error('[sentry world] replica pages could not be loaded', e);
    return null;
  });
  return pages;
}

const RESERVED = new Set(['sentry', 'us', 'de', 'www']);

/** Which org and issue a page URL names, in both URL forms Sentry uses. */
export function pageTarget(hostname: string, path: string): { org: string; issueId: string | null; urlForm: 'customer' | 'path' } | null {
  const sub = hostname.endsWith('.sentry.io') ? hostname.slice(0, -'.sentry.io'.length) : null;
  if (sub && !RESERVED.has(sub)) {
    const m = /^\/issues\/(?:(\d+)\/)?$/.exec(path);
    return m ? { org: sub, issueId: m[1] ?? null, urlForm: 'customer' } : null;
  }
  const m = /^\/organizations\/([^/]+)\/issues\/(?:(\d+)\/)?$/.exec(path);
  return m ? { org: m[1] ?? '', issueId: m[2] ?? null, urlForm: 'path' } : null;
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(html);
  return status;
}

export async function routePage(req: IncomingMessage, res: ServerResponse, ctx: PageContext, custom: PageHandler | null): Promise<number> {
  if (custom && (await custom(req, res, ctx))) return res.statusCode;
  const p = await loadPages();
  if (p && ctx.url.pathname === p.REPLICA_APP_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(p.REPLICA_APP_JS);
    return 200;
  }
  const target = pageTarget(ctx.hostname, ctx.url.pathname);
  const org = target && ctx.store.findOrg(target.org);
  if (!p || !target || !org || req.method !== 'GET') return sendHtml(res, 404, '<!DOCTYPE html><title>Page Not Found</title><h1>Page Not Found</h1>');
  const params = ctx.url.searchParams;
  const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  const fragment = req.headers[p.FRAGMENT_HEADER.toLowerCase()] !== undefined;
  const api: ApiContext = {
    req, url: ctx.url, params: { org: org.slug, id: target.issueId ?? '' }, store: ctx.store, u: ctx.u, body: undefined,
    caller: { kind: 'cookie', scopes: new Set(['org:read', 'project:read', 'event:read']), key: 'page', name: 'page' },
  };
  if (target.issueId) {
    const issue = ctx.store.findIssue(org, target.issueId);
    if (!issue) return sendHtml(res, 404, '<!DOCTYPE html><title>Issue Not Found</title><h1>The issue you were looking for was not found.</h1>');
    const input = { org: org.slug, urlForm: target.urlForm, theme, issue: serializeIssueDetail(issue, ctx.store, { envs: null, collapse: [], u: ctx.u }), event: ctx.store.eventsOf(issue).at(-1) ?? null } as const;
    const headers = { [p.TITLE_HEADER]: encodeURIComponent(p.issuePageDocumentTitle(input).toWellFormed()) };
    return sendHtml(res, 200, fragment ? p.renderIssuePageContent(input) : p.renderIssuePage(input), headers);
  }
  const result = listIssues(api);
  if (result.status !== 200) return sendHtml(res, result.status, `<!DOCTYPE html><title>Error</title><p>${result.status}</p>`);
  const cursors = linkCursors(result.headers?.Link ?? '');
  const layoutParam = params.get('layout');
  const input = {
    org: org.slug, urlForm: target.urlForm, theme, layout: layoutParam === 'div' ? 'div' : 'table',
    issues: result.body as unknown[], query: queryOf(params), sort: params.get('sort') ?? 'date',
    hits: Number(result.headers?.['X-Hits'] ?? 0), nextCursor: cursors.next, prevCursor: cursors.previous,
  } as const;
  const headers = { [p.TITLE_HEADER]: encodeURIComponent(p.issueListTitle(input).toWellFormed()) };
  if (layoutParam === 'unknown') return sendHtml(res, 200, p.renderUnknownLayoutPage(input), headers);
  return sendHtml(res, 200, fragment ? p.renderIssueListContent(input) : p.renderIssueListPage(input), headers);
}
