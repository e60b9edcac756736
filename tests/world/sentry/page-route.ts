// Non-API paths: the replica sentry.io web pages (tests/world/sentry/pages/), fed with exactly what the API answers
// for the same URL. Two render modes: "server" (the default) answers the finished page; "client" answers Sentry's
// shell — chrome, #main with a LoadingIndicator — and the browser app (pages/client/) fetches the API with the
// session cookie and draws the page, as Sentry's SPA does. A custom PageHandler set on the server runs first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientBundle } from './client-bundle.ts';
import type { FaultSwitch } from './faults.ts';
import { internalGet } from './internal-api.ts';
import { queryOf } from './issues-list.ts';
import { linkCursors } from './link.ts';
import { hasSession, sessionCookies } from './page-session.ts';
import type { PageRoute } from './pages/route.ts';
import type { UrlContext } from './serialize.ts';
import type { Store } from './store.ts';

/** How replica pages render and how slow their API calls are, unless the page URL says otherwise. */
export interface PageSettings {
  render: 'server' | 'client';
  /** Milliseconds the client-rendered app's API calls take: all of them, issues-stats, and the event request. */
  latency: { api: number; stats: number; event: number };
  /** Client-rendered pages sign the browser in (Set-Cookie) when it has no session; false sends it to a login page. */
  signIn: boolean;
}

export const DEFAULT_PAGE_SETTINGS: PageSettings = {
  render: 'server',
  latency: { api: 0, stats: 0, event: 0 },
  signIn: true,
};

export interface PageContext {
  store: Store;
  url: URL;
  u: UrlContext;
  hostname: string;
  saas: boolean;
  faults: FaultSwitch;
  settings?: PageSettings;
}
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

export interface PageTarget {
  org: string;
  route: PageRoute;
  urlForm: 'customer' | 'path';
}

/** Which org and page a URL names, in both URL forms Sentry uses: {org}.sentry.io/issues/… and /organizations/{org}/issues/…
 *  (the only form on sentry.io's apex and on self-hosted hosts). */
export async function pageTarget(hostname: string, path: string): Promise<PageTarget | null> {
  const { parseIssuePath, splitOrgPath } = await import('./pages/route.ts');
  const sub = hostname.endsWith('.sentry.io') ? hostname.slice(0, -'.sentry.io'.length) : null;
  if (sub && !RESERVED.has(sub)) {
    const route = parseIssuePath(path);
    return route ? { org: sub, route, urlForm: 'customer' } : null;
  }
  const { org, rest } = splitOrgPath(path);
  const route = org ? parseIssuePath(rest) : null;
  return org && route ? { org, route, urlForm: 'path' } : null;
}

function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string | string[]> = {},
): number {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(html);
  return status;
}

const ms = (raw: string | null, fallback: number) =>
  raw !== null && /^\d+$/.test(raw) ? Math.min(Number(raw), 30_000) : fallback;

export async function routePage(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: PageContext,
  custom: PageHandler | null,
): Promise<number> {
  if (custom && (await custom(req, res, ctx))) return res.statusCode;
  const settings = ctx.settings ?? DEFAULT_PAGE_SETTINGS;
  const p = await loadPages();
  if (p && ctx.url.pathname === p.REPLICA_APP_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(p.REPLICA_APP_JS);
    return 200;
  }
  if (ctx.url.pathname === '/_replica/client.js') {
    try {
      const js = await clientBundle();
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(js);
      return 200;
    } catch (e) {
      return sendHtml(
        res,
        500,
        `<!DOCTYPE html><title>Error</title><pre>replica client bundle: ${String((e as Error).message).replace(/</g, '&lt;')}</pre>`,
      );
    }
  }
  if (/^\/auth\/login\/(?:[^/]+\/)?$/.test(ctx.url.pathname))
    return sendHtml(res, 200, '<!DOCTYPE html><title>Login | Sentry</title><h1>Sign in to continue</h1>');
  const target = await pageTarget(ctx.hostname, ctx.url.pathname);
  const org = target && ctx.store.findOrg(target.org);
  if (!p || !target || !org || req.method !== 'GET')
    return sendHtml(res, 404, '<!DOCTYPE html><title>Page Not Found</title><h1>Page Not Found</h1>');
  const params = ctx.url.searchParams;
  const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  const layout = params.get('layout') === 'div' ? 'div' : 'table';
  const render =
    params.get('render') === 'client' ? 'client' : params.get('render') === 'server' ? 'server' : settings.render;

  if (render === 'client') {
    void clientBundle().catch(() => {}); // start building the app while the shell travels
    if (!settings.signIn && !hasSession(req, ctx.store))
      return sendHtml(res, 302, '', { Location: `/auth/login/${encodeURIComponent(org.slug)}/` });
    const latency = { api: ms(params.get('latency'), settings.latency.api), stats: 0, event: 0 };
    latency.stats = ms(params.get('statsLatency'), params.has('latency') ? latency.api : settings.latency.stats);
    latency.event = ms(params.get('eventLatency'), params.has('latency') ? latency.api : settings.latency.event);
    const config = { org: org.slug, urlForm: target.urlForm, theme, layout, latency };
    const cookies = sessionCookies(req, ctx.store, { saas: ctx.saas, secure: ctx.url.protocol === 'https:' });
    const title = target.route.kind === 'list' ? `Issues — ${org.slug}` : `Issue — ${org.slug}`;
    const html = p.renderShell({
      org: org.slug,
      urlForm: target.urlForm,
      theme,
      title,
      main: p.loadingIndicator(),
      client: config,
    });
    return sendHtml(res, 200, html, cookies.length ? { 'Set-Cookie': cookies } : {});
  }
  return serverPage(req, res, ctx, p, { org: org.slug, target, theme, layout });
}

interface Look {
  org: string;
  target: PageTarget;
  theme: 'light' | 'dark';
  layout: 'table' | 'div';
}

/** The finished page, built from in-process API calls the way the client-rendered app makes them over HTTP. */
function serverPage(req: IncomingMessage, res: ServerResponse, ctx: PageContext, p: Pages, look: Look): number {
  const params = ctx.url.searchParams;
  const fragment = req.headers[p.FRAGMENT_HEADER.toLowerCase()] !== undefined;
  const get = (path: string, q: Record<string, string | string[] | undefined> = {}) =>
    internalGet(req, ctx.store, ctx.u, path, q);
  const environment = params.getAll('environment');
  const { route, urlForm } = look.target;
  if (route.kind === 'issue') {
    const group = get(`organizations/${look.org}/issues/${route.id}/`, { environment });
    if (group.status !== 200)
      return sendHtml(
        res,
        404,
        '<!DOCTYPE html><title>Issue Not Found</title><h1>The issue you were looking for was not found.</h1>',
      );
    const issue = group.body as Record<string, unknown>;
    const eventKey = route.eventKey ?? 'recommended';
    const event = route.tab
      ? null
      : get(`organizations/${look.org}/issues/${route.id}/events/${eventKey}/`, { environment });
    const tabData =
      route.tab === 'events'
        ? { events: get(`organizations/${look.org}/issues/${route.id}/events/`).body as unknown[] }
        : route.tab === 'distributions'
          ? { tags: get(`organizations/${look.org}/issues/${route.id}/tags/`).body as unknown[] }
          : undefined;
    const input = {
      org: look.org,
      urlForm,
      theme: look.theme,
      issue,
      event: event?.status === 200 ? event.body : null,
      eventKey: route.eventKey ?? undefined,
      tab: route.tab,
      tabData,
      query: Object.fromEntries(params),
    };
    const headers = { [p.TITLE_HEADER]: encodeURIComponent(p.issuePageDocumentTitle(input).toWellFormed()) };
    return sendHtml(res, 200, fragment ? p.renderIssuePageContent(input) : p.renderIssuePage(input), headers);
  }
  // The list page asks with the frontend's defaults: statsPeriod 14d unless the URL has a window.
  const api = Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]));
  if (!params.get('statsPeriod') && !params.get('start')) api.statsPeriod = ['14d'];
  const result = get(`organizations/${look.org}/issues/`, api);
  if (result.status !== 200)
    return sendHtml(res, result.status, `<!DOCTYPE html><title>Error</title><p>${result.status}</p>`);
  const cursors = linkCursors(result.headers?.Link ?? '');
  const input = {
    org: look.org,
    urlForm,
    theme: look.theme,
    layout: look.layout,
    issues: result.body as unknown[],
    query: queryOf(params),
    sort: params.get('sort') ?? 'date',
    hits: Number(result.headers?.['X-Hits'] ?? 0),
    nextCursor: cursors.next,
    prevCursor: cursors.previous,
  } as const;
  const headers = { [p.TITLE_HEADER]: encodeURIComponent(p.issueListTitle(input).toWellFormed()) };
  if (params.get('layout') === 'unknown') return sendHtml(res, 200, p.renderUnknownLayoutPage(input), headers);
  return sendHtml(res, 200, fragment ? p.renderIssueListContent(input) : p.renderIssueListPage(input), headers);
}
