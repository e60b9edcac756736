// Sentry-compatible HTTP(S) server for Dexter's tests, benchmarks and demo. Routes by Host header so sentry.io,
// {org}.sentry.io, us./de.sentry.io and 127.0.0.1:PORT all reach it; /api/0/ is the REST API, /api/{id}/envelope/
// and /store/ take SDK events, everything else goes to the page handler (the replica web pages).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { json, matchRoute, type ApiContext, type ApiResult } from './api.ts';
import {
  authenticate,
  createTokens,
  DEFAULT_RATE_LIMIT,
  DETAIL,
  RateLimiter,
  type AuthKind,
  type RateLimitOptions,
  type Tokens,
} from './auth.ts';
import { EndpointLimiter } from './endpoint-limits.ts';
import { applyFault, FaultSwitch, type Fault } from './faults.ts';
import { handleIngest } from './ingest-route.ts';
import { BadRequest } from './search.ts';
import { DEFAULT_PAGE_SETTINGS, routePage, type PageHandler, type PageSettings } from './page-route.ts';
import { issueRoutes } from './routes-issues.ts';
import { orgRoutes } from './routes-orgs.ts';
import { releaseRoutes } from './routes-releases.ts';
import { NGINX_BUFFER, refuseOversized } from './request-line.ts';
import type { UrlContext } from './serialize.ts';
import { Store } from './store.ts';

export type { Fault, FaultKind } from './faults.ts';
export type { PageContext, PageHandler, PageSettings } from './page-route.ts';
export { Store } from './store.ts';

export interface SentryServerOptions {
  port?: number;
  host?: string;
  tls?: { key: string | Buffer; cert: string | Buffer };
  issueCount?: number;
  seed?: number;
  now?: () => number;
  rateLimit?: Partial<RateLimitOptions>;
  /** Apply the endpoints' own rate limits too (issues-stats 10/s, issue details 5/s, event details 15/s). */
  endpointRateLimits?: boolean;
  /** The front proxy's request-line limit in bytes (nginx's 8 KB by default; 414 beyond it); false switches it off. */
  requestLineLimit?: number | false;
  pageHandler?: PageHandler;
  /** Replica pages: render mode, the client app's API latency, whether pages sign the browser in (page-route.ts). */
  pages?: Partial<PageSettings>;
}

export interface RequestRecord {
  method: string;
  host: string;
  path: string;
  auth: AuthKind;
  status: number;
  time: number;
  ms: number;
}

export interface SentryServer {
  url: string;
  port: number;
  store: Store;
  requests: RequestRecord[];
  tokens: Tokens;
  setFault(f: Fault | null): void;
  setPageHandler(h: PageHandler | null): void;
  setRateLimit(r: Partial<RateLimitOptions>): void;
  setEndpointRateLimits(on: boolean): void;
  setRequestLineLimit(limit: number | false): void;
  /** Changes the replica pages' defaults for later page loads (a page URL's render/latency params still win). */
  setPageSettings(s: Partial<PageSettings>): void;
  close(): Promise<void>;
}

const ROUTES = [...orgRoutes, ...releaseRoutes, ...issueRoutes];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_BODY = 20 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function authKindOf(req: IncomingMessage): AuthKind {
  if (req.headers.authorization) return 'bearer';
  return /(^|;\s*)sentrysid=/.test(req.headers.cookie ?? '') ? 'cookie' : 'none';
}

export async function startSentryServer(opts: SentryServerOptions = {}): Promise<SentryServer> {
  const store = new Store({ issueCount: opts.issueCount, seed: opts.seed, now: opts.now });
  const { tokens, scopes } = createTokens();
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...opts.rateLimit }, store.now);
  const endpointLimiter = new EndpointLimiter(opts.endpointRateLimits ?? false, store.now);
  let requestLineLimit = opts.requestLineLimit ?? NGINX_BUFFER;
  const pageSettings: PageSettings = {
    ...DEFAULT_PAGE_SETTINGS,
    ...opts.pages,
    latency: { ...DEFAULT_PAGE_SETTINGS.latency, ...opts.pages?.latency },
  };
  const faults = new FaultSwitch();
  const requests: RequestRecord[] = [];
  let pageHandler: PageHandler | null = opts.pageHandler ?? null;
  const scheme = opts.tls ? 'https' : 'http';

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, u: UrlContext): Promise<number> {
    const send = (r: ApiResult, extra: Record<string, string>) => {
      const headers: Record<string, string> = { ...extra, ...r.headers };
      if (r.body === undefined) {
        res.writeHead(r.status, headers);
        res.end();
        return r.status;
      }
      res.writeHead(r.status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(r.body));
      return r.status;
    };
    // The client-rendered replica app asks for its page's latency on each call; the answer waits that long.
    const latency = Number(req.headers['x-replica-latency'] ?? 0);
    if (latency > 0) await sleep(Math.min(latency, 30_000));
    const callerKey =
      req.headers.authorization ??
      req.headers.cookie?.match(/sentrysid=([^;]+)/)?.[1] ??
      `ip:${req.socket.remoteAddress}`;
    const rate = limiter.take(callerKey);
    try {
      const fault = faults.take(url.pathname, req.method);
      if (fault) {
        const done = await applyFault(fault, res, rate.headers, Math.floor(store.now() / 1000));
        if (done !== 'continue') return done;
      }
      if (rate.limited)
        return send(json(429, { detail: rate.detail }), { ...rate.headers, 'Retry-After': String(rate.retryAfter) });
      if (url.pathname === '/api/0/' && req.method === 'GET') {
        // Sentry's IndexEndpoint (src/sentry/api/endpoints/index.py): open to anyone; `auth.scopes` for token
        // auth, `user` for a signed-in user, both null otherwise. A bad token is still a 401.
        const who = authenticate(req, store, scopes);
        if (!who.ok && (req.headers.authorization || who.status !== 401))
          return send(json(who.status, { detail: who.detail }), rate.headers);
        const caller = who.ok ? who.caller : null;
        const user = caller
          ? {
              id: '1',
              name: caller.kind === 'cookie' ? 'Dexter Demo' : 'Dexter Demo',
              username: 'demo',
              email: 'demo@example.com',
            }
          : null;
        return send(
          json(200, {
            version: '0',
            auth: caller?.kind === 'bearer' ? { scopes: [...caller.scopes].sort() } : null,
            user,
          }),
          rate.headers,
        );
      }
      const match = matchRoute(ROUTES, req.method ?? 'GET', url.pathname);
      if (match === null) return send(json(404, { detail: DETAIL.notFound }), rate.headers);
      if (match === 'method') return send(json(405, { detail: `Method "${req.method}" not allowed.` }), rate.headers);
      const auth = authenticate(req, store, scopes);
      if (!auth.ok) return send(json(auth.status, { detail: auth.detail }), rate.headers);
      const own = endpointLimiter.take(match.route.template, match.route.limit, callerKey);
      if (own?.limited)
        return send(json(429, { detail: own.detail }), { ...own.headers, 'Retry-After': String(own.retryAfter) });
      if (!auth.caller.scopes.has(match.route.scope))
        return send(json(403, { detail: DETAIL.forbidden }), rate.headers);
      let body: unknown;
      if (req.method === 'PUT' || req.method === 'POST') {
        const raw = (await readBody(req)).toString('utf8');
        try {
          body = raw.trim() ? JSON.parse(raw) : undefined;
        } catch (e) {
          return send(json(400, { detail: `JSON parse error - ${(e as Error).message}` }), rate.headers);
        }
      }
      const ctx: ApiContext = { req, url, params: match.params, store, caller: auth.caller, u, body };
      return send(match.route.handle(ctx), rate.headers);
    } catch (error) {
      if (error instanceof BadRequest) return send(json(400, { detail: error.message }), rate.headers);
      console.error('[sentry world] handler failed', error);
      return send(json(500, { detail: 'Internal Error', errorId: null }), rate.headers);
    } finally {
      limiter.done(callerKey);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const host = req.headers.host ?? `127.0.0.1`;
    const url = new URL(req.url ?? '/', `${scheme}://${host}`);
    const hostname = url.hostname;
    const saas = hostname === 'sentry.io' || hostname.endsWith('.sentry.io');
    const u: UrlContext = { saas, origin: `${scheme}://${host}` };
    let status = 0;
    try {
      const refused = requestLineLimit === false ? null : refuseOversized(req, res, requestLineLimit);
      if (refused !== null) status = refused;
      else if (url.pathname.startsWith('/api/0/')) status = await handleApi(req, res, url, u);
      else if (/^\/api\/\d+\/(envelope|store)\/$/.test(url.pathname))
        status = await handleIngest(req, res, url, store, await readBody(req), faults);
      else
        status = await routePage(
          req,
          res,
          { store, url, u, hostname, saas, faults, settings: pageSettings },
          pageHandler,
        );
    } catch (error) {
      console.error('[sentry world] request failed', error);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ detail: 'Internal Error' }));
      }
      status = 500;
    }
    requests.push({
      method: req.method ?? 'GET',
      host,
      path: `${url.pathname}${url.search}`,
      auth: authKindOf(req),
      status,
      time: started,
      ms: Date.now() - started,
    });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res);
  };
  // Node's own header limit (16 KB → 431) would answer before the proxy rule; let the proxy rule decide.
  const maxHeaderSize = 256 * 1024;
  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert, maxHeaderSize }, listener)
    : http.createServer({ maxHeaderSize }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    requests,
    tokens,
    setFault: (f) => faults.set(f),
    setPageHandler: (h) => {
      pageHandler = h;
    },
    setRateLimit: (r) => {
      limiter.options = { ...limiter.options, ...r };
    },
    setEndpointRateLimits: (on) => {
      endpointLimiter.enabled = on;
    },
    setRequestLineLimit: (limit) => {
      requestLineLimit = limit;
    },
    setPageSettings: (next) => {
      Object.assign(pageSettings, { ...next, latency: { ...pageSettings.latency, ...next.latency } });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets (browsers) would hold close() open: drop them first (toolchain pitfall P4).
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
