// Sentry-compatible HTTP(S) server for Dexter's tests, benchmarks and demo. Routes by Host header so sentry.io,
// {org}.sentry.io, us./de.sentry.io and 127.0.0.1:PORT all reach it; /api/0/ is the REST API, /api/{id}/envelope/
// and /store/ take SDK events, everything else goes to the page handler (the replica web pages).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { json, matchRoute, type ApiContext, type ApiResult } from './api.ts';
import { authenticate, createTokens, DEFAULT_RATE_LIMIT, DETAIL, RateLimiter, type AuthKind, type RateLimitOptions, type Tokens } from './auth.ts';
import { applyFault, FaultSwitch, type Fault } from './faults.ts';
import { handleIngest } from './ingest-route.ts';
import { BadRequest } from './search.ts';
import { routePage, type PageHandler } from './page-route.ts';
import { issueRoutes } from './routes-issues.ts';
import { orgRoutes } from './routes-orgs.ts';
import type { UrlContext } from './serialize.ts';
import { Store } from './store.ts';

export type { Fault, FaultKind } from './faults.ts';
export type { PageContext, PageHandler } from './page-route.ts';
export { Store } from './store.ts';

export interface SentryServerOptions {
  port?: number;
  host?: string;
  tls?: { key: string | Buffer; cert: string | Buffer };
  issueCount?: number;
  seed?: number;
  now?: () => number;
  rateLimit?: Partial<RateLimitOptions>;
  pageHandler?: PageHandler;
}

export interface RequestRecord { method: string; host: string; path: string; auth: AuthKind; status: number; time: number; ms: number }

export interface SentryServer {
  url: string;
  port: number;
  store: Store;
  requests: RequestRecord[];
  tokens: Tokens;
  setFault(f: Fault | null): void;
  setPageHandler(h: PageHandler | null): void;
  setRateLimit(r: Partial<RateLimitOptions>): void;
  close(): Promise<void>;
}

const ROUTES = [...orgRoutes, ...issueRoutes];
const MAX_BODY = 20 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { reject(new Error('body too large')); req.destroy(); } else chunks.push(c);
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
  const faults = new FaultSwitch();
  const requests: RequestRecord[] = [];
  let pageHandler: PageHandler | null = opts.pageHandler ?? null;
  const scheme = opts.tls ? 'https' : 'http';

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, u: UrlContext): Promise<number> {
    const send = (r: ApiResult, extra: Record<string, string>) => {
      const headers: Record<string, string> = { ...extra, ...r.headers };
      if (r.body === undefined) { res.writeHead(r.status, headers); res.end(); return r.status; }
      res.writeHead(r.status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(r.body));
      return r.status;
    };
    const callerKey = req.headers.authorization ?? (req.headers.cookie?.match(/sentrysid=([^;]+)/)?.[1] ?? `ip:${req.socket.remoteAddress}`);
    const rate = limiter.take(callerKey);
    try {
      const fault = faults.take(url.pathname, req.method);
      if (fault) {
        const done = await applyFault(fault, res, rate.headers, Math.floor(store.now() / 1000));
        if (done !== 'continue') return done;
      }
      if (rate.limited) return send(json(429, { detail: rate.detail }), { ...rate.headers, 'Retry-After': String(rate.retryAfter) });
      if (url.pathname === '/api/0/' && req.method === 'GET') {
        // Sentry's IndexEndpoint (src/sentry/api/endpoints/index.py): open to anyone; `auth.scopes` for token
        // auth, `user` for a signed-in user, both null otherwise. A bad token is still a 401.
        const who = authenticate(req, store, scopes);
        if (!who.ok && (req.headers.authorization || who.status !== 401)) return send(json(who.status, { detail: who.detail }), rate.headers);
        const caller = who.ok ? who.caller : null;
        const user = caller ? { id: '1', name: caller.kind === 'cookie' ? 'Dexter Demo' : 'Dexter Demo', username: 'demo', email: 'demo@example.com' } : null;
        return send(json(200, { version: '0', auth: caller?.kind === 'bearer' ? { scopes: [...caller.scopes].sort() } : null, user }), rate.headers);
      }
      const match = matchRoute(ROUTES, req.method ?? 'GET', url.pathname);
      if (match === null) return send(json(404, { detail: DETAIL.notFound }), rate.headers);
      if (match === 'method') return send(json(405, { detail: `Method "${req.method}" not allowed.` }), rate.headers);
      const auth = authenticate(req, store, scopes);
      if (!auth.ok) return send(json(auth.status, { detail: auth.detail }), rate.headers);
      if (!auth.caller.scopes.has(match.route.scope)) return send(json(403, { detail: DETAIL.forbidden }), rate.headers);
      let body: unknown;
      if (req.method === 'PUT' || req.method === 'POST') {
        const raw = (await readBody(req)).toString('utf8');
        try { body = raw.trim() ? JSON.parse(raw) : undefined; } catch (e) { return send(json(400, { detail: `JSON parse error - ${(e as Error).message}` }), rate.headers); }
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
      if (url.pathname.startsWith('/api/0/')) status = await handleApi(req, res, url, u);
      else if (/^\/api\/\d+\/(envelope|store)\/$/.test(url.pathname)) status = await handleIngest(req, res, url, store, await readBody(req), faults);
      else status = await routePage(req, res, { store, url, u, hostname, saas, faults }, pageHandler);
    } catch (error) {
      console.error('[sentry world] request failed', error);
      if (!res.headersSent) { res.writeHead(500, { 'Content-Type': 'application/json' }); res.end(JSON.stringify({ detail: 'Internal Error' })); }
      status = 500;
    }
    requests.push({ method: req.method ?? 'GET', host, path: `${url.pathname}${url.search}`, auth: authKindOf(req), status, time: started, ms: Date.now() - started });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => { void handle(req, res); };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
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
    setPageHandler: (h) => { pageHandler = h; },
    setRateLimit: (r) => { limiter.options = { ...limiter.options, ...r }; },
    close: () => new Promise<void>((resolve, reject) => {
      // Keep-alive sockets (browsers) would hold close() open: drop them first (toolchain pitfall P4).
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
