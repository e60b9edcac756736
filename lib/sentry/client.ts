// Dexter's one Sentry API client. Pure: fetch, clock and limiter are injected, so it runs in Vitest and in the
// service worker alike. Every request has a timeout, honours an AbortSignal, and never sends the token off
// `apiBase`'s origin (a Link header or a caller could point elsewhere).
import { z } from 'zod';
import { createLimiter, parseRetryAfter, type Limiter } from './ratelimit';
import { SentryError, checkScopes, errorFromStatus, type Endpoint, type ScopeCheck } from './errors';
import type { PageFilters } from './window';
import { nextCursor, nextUrl, prevCursor } from './link';
import { MAX_REQUEST_LINE, chunkByRequestLine, requestLineBytes } from './request-line';
import * as s from './schemas';

export { checkScopes, requiredScopes } from './errors';

export interface SentryClientOptions {
  /** e.g. https://acme.sentry.io/api/0 (no trailing slash needed). */
  apiBase: string;
  /** Auth token; null/undefined = session mode (the browser's Sentry cookies). */
  token?: string | null;
  /** Session mode writes need Sentry's CSRF token (the `sc` / `csrftoken` cookie). */
  csrfToken?: () => Promise<string | null>;
  fetch: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  limiter?: Limiter;
  /** Schema mismatches that were survived (items dropped); default logs a warning. */
  onSchemaIssues?: (endpoint: Endpoint, issues: readonly z.core.$ZodIssue[]) => void;
  /** Ids per bulk PUT; Sentry accepts at most 1000. Chunks are also cut where the request line would pass
   *  `maxRequestLine` (see request-line.ts). */
  bulkChunkSize?: number;
  /** The longest request line the proxy in front of Sentry takes (nginx's default 8 KB). */
  maxRequestLine?: number;
  /** Where each request's time went (for the benchmark's stage split and for debugging slow answers). */
  onTiming?: (timing: RequestTiming) => void;
}

/** One request's stages in ms, in order, and the body's length in characters. */
export interface RequestTiming {
  endpoint: Endpoint;
  status: number;
  chars: number;
  /** Waiting for a limiter slot (and any Retry-After hold). */
  queueMs: number;
  /** Request sent → response headers (includes Sentry's own time to build the answer). */
  headersMs: number;
  /** Reading and decoding the body. */
  bodyMs: number;
  /** JSON.parse. */
  parseMs: number;
  /** The tolerant zod parse. */
  validateMs: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface IssueListQuery extends CallOptions {
  query?: string;
  sort?: 'date' | 'new' | 'freq' | 'user' | 'trends' | 'inbox' | string;
  statsPeriod?: string;
  groupStatsPeriod?: '24h' | '14d' | 'auto' | '';
  project?: readonly (string | number)[];
  environment?: readonly string[];
  limit?: number;
  cursor?: string;
}

export interface IssuePage {
  issues: s.Issue[];
  nextCursor: string | null;
  prevCursor: string | null;
  /** Total matches from X-Hits (capped by Sentry's X-Max-Hits); null when absent. */
  hits: number | null;
  /** X-Max-Hits: where Sentry stops counting, so `hits` equal to it means "at least"; null when absent. */
  maxHits: number | null;
}

export interface BulkChunkResult {
  ids: string[];
  /** 200 = updated; 204 = Sentry matched none of these ids. */
  status: 200 | 204;
  result: s.BulkUpdateResult | null;
}

export interface BulkUpdate {
  status: 'resolved' | 'unresolved' | 'ignored' | 'resolvedInNextRelease' | string;
  substatus?: string | null;
  statusDetails?: Record<string, unknown>;
}

/** An answer whose body was read once, inside the timeout (see send). */
interface Answer {
  ok: boolean;
  status: number;
  headers: Headers;
  text: string;
  /** performance.now() marks: slot taken, headers in, body read (of the last attempt). */
  marks: { start: number; headers: number; body: number };
}

const utf8 = new TextDecoder();
const clock = () => performance.now();

type Query = Record<string, string | number | readonly (string | number)[] | undefined>;

interface RequestSpec<T> extends CallOptions {
  endpoint: Endpoint;
  method?: 'GET' | 'POST' | 'PUT';
  /** Path under apiBase, e.g. `organizations/acme/issues/`, or an absolute URL (Link header). */
  path: string;
  query?: Query;
  body?: unknown;
  schema: z.ZodType<T>;
}

const ISSUE_IDS_PER_REQUEST = 100;
/** Discover's top-events limit (MAX_TOP_EVENTS, src/sentry/constants.py). */
export const MAX_TOP_EVENTS = 10;
/** issues-stats took at most 25 groups until 2024 and 100 since (organization_group_index_stats.py). */
const ISSUE_STATS_PER_REQUEST = 25;

/** Sentry's reason in an error body: `{detail: "…"}`, or DRF's field errors (`{status: ["… is not a valid choice."]}`,
 *  nested for statusDetails), flattened to "field: message" so a refused bulk change can say why. */
export function detailOf(json: unknown, path = ''): string | undefined {
  if (typeof json === 'string') return path ? `${path}: ${json}` : json;
  if (Array.isArray(json)) {
    const parts = json.map((x) => detailOf(x, path)).filter((x): x is string => !!x);
    return parts.length ? parts.join('; ') : undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  if (!path && typeof o.detail === 'string') return o.detail;
  const parts = Object.entries(o)
    .map(([k, v]) => detailOf(v, path ? `${path}.${k}` : k === 'detail' || k === 'non_field_errors' ? '' : k))
    .filter((x): x is string => !!x);
  return parts.length ? parts.join('; ').slice(0, 500) : undefined;
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Follows cursors until there are none or `maxPages` pages were read. */
export async function paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  { maxPages = 10 } = {},
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { items, nextCursor: next } = await fetchPage(cursor);
    all.push(...items);
    if (!next) break;
    cursor = next;
  }
  return all;
}

export function createSentryClient(opts: SentryClientOptions) {
  const base = new URL(opts.apiBase.replace(/\/+$/, '') + '/');
  const token = opts.token || null;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const now = opts.now ?? Date.now;
  const limiter = opts.limiter ?? createLimiter({ now });
  const onSchemaIssues =
    opts.onSchemaIssues ??
    ((endpoint, issues) => console.warn(`[dexter] Sentry ${endpoint}: unexpected shape`, issues));
  const bulkChunkSize = Math.min(opts.bulkChunkSize ?? 1000, 1000);
  const maxRequestLine = opts.maxRequestLine ?? MAX_REQUEST_LINE;
  const org = (slug: string) => `organizations/${encodeURIComponent(slug)}`;

  function buildUrl(path: string, query: Query = {}): URL {
    const url = new URL(path, base);
    // The token's guard: only apiBase's origin, and only under its path (self-hosted may live under a prefix).
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
      throw new SentryError('bad-response', {
        detail: `refused to send a request outside ${base.origin}${base.pathname}: ${url.origin}${url.pathname}`,
      });
    }
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
    }
    return url;
  }

  const readQuery = (group: readonly string[], project?: readonly (string | number)[]): Query => ({
    group,
    groupStatsPeriod: '',
    project: project ?? [-1],
  });
  const putQuery = (id: readonly string[], project?: readonly (string | number)[]): Query => ({
    id,
    project: project ?? [-1],
  });
  /** Refuses a request the proxy would answer 414 (a bug in the chunking, never sent). */
  function fits(method: string, path: string, query: Query, endpoint: Endpoint): void {
    const bytes = requestLineBytes(method, buildUrl(path, query));
    if (bytes > maxRequestLine)
      throw new SentryError('bad-response', {
        endpoint,
        detail: `request line of ${bytes} bytes is over the ${maxRequestLine}-byte limit`,
      });
  }

  async function send(spec: RequestSpec<unknown>, url: URL): Promise<Answer> {
    const method = spec.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (method !== 'GET') {
      const csrf = await opts.csrfToken?.();
      if (csrf) headers['X-CSRFToken'] = csrf;
    }
    return limiter
      .run(
        async () => {
          const start = clock();
          const timeout = new AbortController();
          const timer = setTimeout(
            () =>
              timeout.abort(
                new SentryError('unavailable', { endpoint: spec.endpoint, detail: `no answer within ${timeoutMs} ms` }),
              ),
            timeoutMs,
          );
          const onAbort = () => timeout.abort(new SentryError('cancelled', { endpoint: spec.endpoint }));
          if (spec.signal?.aborted) onAbort();
          spec.signal?.addEventListener('abort', onAbort, { once: true });
          try {
            const res = await opts.fetch(url.toString(), {
              method,
              headers,
              body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
              // Token mode sends no cookies so the two auth modes never mix.
              credentials: token ? 'omit' : 'include',
              signal: timeout.signal,
            });
            const headersAt = clock();
            // Read the body inside the timeout and retry scope: a connection cut mid-body is a network failure.
            // Bytes then one TextDecoder pass (same UTF-8 decoding, BOM dropped, as text()): Chrome's text() took
            // 830–900 ms on the 8.5 MB hostile event against ~550 ms this way. Kept as text, not re-wrapped in a Response.
            const text = [204, 205, 304].includes(res.status) ? '' : utf8.decode(await res.arrayBuffer());
            return {
              ok: res.ok,
              status: res.status,
              headers: res.headers,
              text,
              marks: { start, headers: headersAt, body: clock() },
            };
          } catch (err) {
            if (timeout.signal.reason instanceof SentryError) throw timeout.signal.reason;
            throw new SentryError('unavailable', {
              endpoint: spec.endpoint,
              detail: String((err as Error)?.message ?? err),
              cause: err,
            });
          } finally {
            clearTimeout(timer);
            spec.signal?.removeEventListener('abort', onAbort);
          }
        },
        { retryable: method === 'GET', signal: spec.signal },
      )
      .catch((err: unknown) => {
        if (err instanceof SentryError) throw err;
        if (spec.signal?.aborted) throw new SentryError('cancelled', { endpoint: spec.endpoint, cause: err });
        throw new SentryError('unavailable', { endpoint: spec.endpoint, cause: err });
      });
  }

  async function request<T>(spec: RequestSpec<T>): Promise<{ data: T; res: Answer }> {
    const url = buildUrl(spec.path, spec.query);
    const asked = clock();
    const res = await send(spec as RequestSpec<unknown>, url);
    const text = res.text;
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      if (res.ok)
        throw new SentryError('bad-response', {
          endpoint: spec.endpoint,
          status: res.status,
          detail: 'body is not JSON',
          partial: text.slice(0, 500),
        });
    }
    if (!res.ok) {
      const detail = detailOf(json);
      const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), now()) ?? undefined;
      throw errorFromStatus(res.status, { endpoint: spec.endpoint, detail, tokenMode: !!token, retryAfterMs });
    }
    const parsed = clock();
    const data = parse(spec.endpoint, spec.schema, json);
    const m = res.marks;
    opts.onTiming?.({
      endpoint: spec.endpoint,
      status: res.status,
      chars: text.length,
      queueMs: m.start - asked,
      headersMs: m.headers - m.start,
      bodyMs: m.body - m.headers,
      parseMs: parsed - m.body,
      validateMs: clock() - parsed,
    });
    return { data, res };
  }

  /** Lists keep every item that parses (logging the rest); anything else must parse whole. */
  function parse<T>(endpoint: Endpoint, schema: z.ZodType<T>, json: unknown): T {
    if (schema instanceof z.ZodArray && Array.isArray(json)) {
      const items: unknown[] = [];
      const issues: z.core.$ZodIssue[] = [];
      json.forEach((item, i) => {
        const r = (schema.element as z.ZodType).safeParse(item);
        if (r.success) items.push(r.data);
        else issues.push(...r.error.issues.map((iss) => ({ ...iss, path: [i, ...iss.path] })));
      });
      if (issues.length) onSchemaIssues(endpoint, issues);
      if (json.length > 0 && items.length === 0)
        throw new SentryError('bad-response', { endpoint, issues, partial: json });
      return items as T;
    }
    const r = schema.safeParse(json);
    if (r.success) return r.data;
    onSchemaIssues(endpoint, r.error.issues);
    throw new SentryError('bad-response', { endpoint, issues: r.error.issues, partial: json });
  }

  /** Follows the Link header's `next` URL (guarded by buildUrl) up to maxPages. */
  async function listAll<T>(
    endpoint: Endpoint,
    path: string,
    item: z.ZodType<T>,
    call: CallOptions & { maxPages?: number } = {},
  ): Promise<T[]> {
    const all: T[] = [];
    let next: string | null = path;
    for (let page = 0; next && page < (call.maxPages ?? 10); page++) {
      const { data, res }: { data: T[]; res: Answer } = await request({
        endpoint,
        path: next,
        schema: z.array(item),
        signal: call.signal,
      });
      all.push(...data);
      next = nextUrl(res.headers.get('Link'));
    }
    return all;
  }

  /** Runs of ids for bulk work: each fits one `group=` read and one `id=` PUT of ≤1000 ids (BULK_MUTATION_LIMIT)
   *  under the proxy's request-line limit: ~470 ten-digit ids a run on sentry.io's API base. */
  function bulkChunks(
    slug: string,
    ids: readonly string[],
    call: { project?: readonly (string | number)[] } = {},
  ): string[][] {
    const line = (group: readonly string[]) =>
      Math.max(
        requestLineBytes('GET', buildUrl(`${org(slug)}/issues/`, readQuery(group, call.project))),
        requestLineBytes('PUT', buildUrl(`${org(slug)}/issues/`, putQuery(group, call.project))),
      );
    return chunkByRequestLine([...new Set(ids)], line, { maxBytes: maxRequestLine, maxCount: bulkChunkSize });
  }

  /** The current state of these issues in ONE `group=` request (no stats): the read before and after a bulk
   *  change. Ids Sentry does not return are missing (deleted, merged, or not in this org). */
  async function readIssues(
    slug: string,
    ids: readonly string[],
    call: CallOptions & { project?: readonly (string | number)[] } = {},
  ): Promise<s.Issue[]> {
    const query = readQuery(ids, call.project);
    fits('GET', `${org(slug)}/issues/`, query, 'getIssuesByIds');
    return (
      await request({
        endpoint: 'getIssuesByIds',
        path: `${org(slug)}/issues/`,
        query,
        schema: z.array(s.issue),
        signal: call.signal,
      })
    ).data;
  }

  /** ONE bulk PUT for these ids. Sentry answers 200 with a delta (not the issues, and silent about ids it
   *  skipped) or 204 when it matched none: re-read to learn what changed. Never send ids that may all be
   *  missing: with no id matching, Sentry falls back to the search query and changes up to 1000 other issues. */
  async function updateIssues(
    slug: string,
    ids: readonly string[],
    update: BulkUpdate,
    call: CallOptions & { project?: readonly (string | number)[] } = {},
  ): Promise<BulkChunkResult> {
    const query = putQuery(ids, call.project);
    fits('PUT', `${org(slug)}/issues/`, query, 'bulkUpdate');
    const { data, res } = await request({
      endpoint: 'bulkUpdate',
      method: 'PUT',
      path: `${org(slug)}/issues/`,
      query,
      body: update,
      schema: s.bulkUpdateResult.nullable(),
      signal: call.signal,
    });
    return { ids: [...ids], status: res.status === 204 ? 204 : 200, result: res.status === 204 ? null : data };
  }

  return {
    apiBase: base.toString().replace(/\/$/, ''),
    tokenMode: !!token,

    /** GET /api/0/: the token's scopes (null in session mode) and what Dexter still lacks. */
    async getAuthInfo(
      call: CallOptions = {},
    ): Promise<{ scopes: string[] | null; user: s.ApiRoot['user']; check: ScopeCheck | null }> {
      const { data } = await request({ endpoint: 'apiRoot', path: '', schema: s.apiRoot, ...call });
      const scopes = data.auth?.scopes ?? null;
      return { scopes, user: data.user ?? null, check: scopes ? checkScopes(scopes) : null };
    },

    listOrganizations: (call: CallOptions & { maxPages?: number } = {}) =>
      listAll('listOrganizations', 'organizations/', s.organization, call),
    getOrganization: async (slug: string, call: CallOptions = {}) =>
      (await request({ endpoint: 'getOrganization', path: `${org(slug)}/`, schema: s.organization, ...call })).data,
    listProjects: (slug: string, call: CallOptions & { maxPages?: number } = {}) =>
      listAll('listProjects', `${org(slug)}/projects/`, s.project, call),

    async listIssues(slug: string, q: IssueListQuery = {}): Promise<IssuePage> {
      const { data, res } = await request({
        endpoint: 'listIssues',
        path: `${org(slug)}/issues/`,
        query: {
          query: q.query,
          sort: q.sort,
          statsPeriod: q.statsPeriod,
          groupStatsPeriod: q.groupStatsPeriod,
          project: q.project,
          environment: q.environment,
          limit: q.limit,
          cursor: q.cursor,
        },
        schema: z.array(s.issue),
        signal: q.signal,
      });
      const count = (name: string) => {
        const v = res.headers.get(name);
        return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
      };
      return {
        issues: data,
        nextCursor: nextCursor(res.headers.get('Link')),
        prevCursor: prevCursor(res.headers.get('Link')),
        hits: count('X-Hits'),
        maxHits: count('X-Max-Hits'),
      };
    },

    /** Issues by id, ≤100 per request via repeated `group=` (OrganizationGroupIndexEndpoint ignores the query then). */
    async getIssuesByIds(
      slug: string,
      ids: readonly string[],
      groupStatsPeriod: '24h' | '14d' | '' = '24h',
      call: CallOptions & { project?: readonly (string | number)[] } = {},
    ): Promise<s.Issue[]> {
      const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id)); // Sentry answers 400 to any non-integer id
      const pages = await Promise.all(
        chunk(unique, ISSUE_IDS_PER_REQUEST).map((group) =>
          request({
            endpoint: 'getIssuesByIds',
            path: `${org(slug)}/issues/`,
            query: { group, groupStatsPeriod, project: call.project ?? [-1] },
            schema: z.array(s.issue),
            signal: call.signal,
          }),
        ),
      );
      const byId = new Map(pages.flatMap((p) => p.data).map((i) => [i.id, i]));
      return unique.map((id) => byId.get(id)).filter((i): i is s.Issue => !!i);
    },

    /** The figures Sentry's own issue list shows for these issues under the page's filters (the `issues-stats`
     *  endpoint its Events and Users columns come from: count and userCount for the window and environments,
     *  `filtered` for the search). 25 ids per request, the most every Sentry version takes. `collapse=lifetime`
     *  replaces the endpoint's default `collapse=base`, so the answer carries level, status and project too. */
    async getIssueStats(
      slug: string,
      ids: readonly string[],
      f: PageFilters,
      call: CallOptions = {},
    ): Promise<s.IssueStats[]> {
      const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
      const query = {
        ...f.window,
        environment: f.environments,
        project: f.projects.length ? f.projects : [-1],
        query: f.query ?? undefined,
        groupStatsPeriod: f.graph,
        collapse: 'lifetime',
      };
      const pages = await Promise.all(
        chunk(unique, ISSUE_STATS_PER_REQUEST).map((groups) =>
          request({
            endpoint: 'getIssueStats',
            path: `${org(slug)}/issues-stats/`,
            query: { ...query, groups },
            schema: z.array(s.issueStats),
            signal: call.signal,
          }),
        ),
      );
      const byId = new Map(pages.flatMap((p) => p.data).map((i) => [i.id, i]));
      return unique.map((id) => byId.get(id)).filter((i): i is s.IssueStats => !!i);
    },

    getIssue: async (slug: string, issueId: string, call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'getIssue',
          path: `${org(slug)}/issues/${encodeURIComponent(issueId)}/`,
          schema: s.issueDetail,
          ...call,
        })
      ).data,

    getEvent: async (
      slug: string,
      issueId: string,
      which: 'latest' | 'recommended' | 'oldest' | string,
      call: CallOptions = {},
    ) =>
      (
        await request({
          endpoint: 'getEvent',
          path: `${org(slug)}/issues/${encodeURIComponent(issueId)}/events/${encodeURIComponent(which)}/`,
          schema: s.event,
          ...call,
        })
      ).data,

    /** Key summary with its top values (GET …/tags/{key}/). */
    getTagValues: async (slug: string, issueId: string, key: string, call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'getTagValues',
          path: `${org(slug)}/issues/${encodeURIComponent(issueId)}/tags/${encodeURIComponent(key)}/`,
          schema: s.tagDetails,
          ...call,
        })
      ).data,

    bulkChunks,
    readIssues,
    updateIssues,

    /** PUT …/issues/?id=… in runs that fit the request line and ≤1000 ids, one after another so a failure stops
     *  the rest. Low level: the triage pipeline (lib/triage/bulk.ts) reads before and after each run. */
    async bulkUpdate(
      slug: string,
      ids: readonly string[],
      update: BulkUpdate,
      call: CallOptions & { project?: readonly (string | number)[] } = {},
    ): Promise<BulkChunkResult[]> {
      const results: BulkChunkResult[] = [];
      for (const run of bulkChunks(slug, ids, call)) results.push(await updateIssues(slug, run, update, call));
      return results;
    },

    /** PUT …/issues/?id=…&project=… with `merge: 1`: Sentry folds the issues into one (the parent it picks). The API has
     *  no unmerge for this; Sentry's own UI can unmerge by fingerprint only. 204: none of the ids matched. */
    async mergeIssues(
      slug: string,
      projectId: string,
      ids: readonly string[],
      call: CallOptions = {},
    ): Promise<{ parent: string | null; children: string[] }> {
      const { data, res } = await request({
        endpoint: 'bulkUpdate',
        method: 'PUT',
        path: `${org(slug)}/issues/`,
        query: { id: [...new Set(ids)], project: [projectId] },
        body: { merge: 1 },
        schema: s.bulkUpdateResult.nullable(),
        signal: call.signal,
      });
      const merge =
        res.status === 204 ? null : (data as { merge?: { parent?: unknown; children?: unknown } } | null)?.merge;
      return {
        parent: merge?.parent != null ? String(merge.parent) : null,
        children: Array.isArray(merge?.children) ? merge.children.map(String) : [],
      };
    },

    getRelease: async (slug: string, version: string, call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'getRelease',
          path: `${org(slug)}/releases/${encodeURIComponent(version)}/`,
          schema: s.release,
          ...call,
        })
      ).data,

    getDeploys: async (slug: string, version: string, call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'getDeploys',
          path: `${org(slug)}/releases/${encodeURIComponent(version)}/deploys/`,
          schema: z.array(s.deploy),
          ...call,
        })
      ).data,

    listComments: (slug: string, issueId: string, call: CallOptions & { maxPages?: number } = {}) =>
      listAll('listComments', `${org(slug)}/issues/${encodeURIComponent(issueId)}/comments/`, s.comment, call),

    addComment: async (slug: string, issueId: string, text: string, call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'addComment',
          method: 'POST',
          path: `${org(slug)}/issues/${encodeURIComponent(issueId)}/comments/`,
          body: { text },
          schema: s.comment,
          ...call,
        })
      ).data,

    /** Releases of these projects created in [start, end] (the list's date filter is on the release's creation:
     *  organization_releases.py), newest first, one page of up to 100 (per_page's maximum). */
    listReleases: async (
      slug: string,
      q: { projects: readonly string[]; start: string; end: string; environment?: readonly string[] },
      call: CallOptions = {},
    ) =>
      (
        await request({
          endpoint: 'listReleases',
          path: `${org(slug)}/releases/`,
          query: { project: q.projects, environment: q.environment, start: q.start, end: q.end, per_page: 100 },
          schema: z.array(s.release),
          signal: call.signal,
        })
      ).data,

    /** Hourly event counts of up to MAX_TOP_EVENTS (10) issues in one request: Discover's events-stats with the issues
     *  as top events (one zero-filled series each; the ones without events in the window are absent). All
     *  environments, as Sentry's escalation counts them. */
    async hourlyCounts(
      slug: string,
      ids: readonly string[],
      q: { start: string; end: string; projects?: readonly string[] },
      call: CallOptions = {},
    ): Promise<Record<string, [number, number][]>> {
      const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
      if (!unique.length) return {};
      if (unique.length > MAX_TOP_EVENTS)
        throw new SentryError('bad-response', {
          endpoint: 'getEventsStats',
          detail: `at most ${MAX_TOP_EVENTS} issues a request`,
        });
      const { data } = await request({
        endpoint: 'getEventsStats',
        path: `${org(slug)}/events-stats/`,
        schema: s.eventsStats,
        signal: call.signal,
        query: {
          field: ['issue.id', 'count()'],
          yAxis: 'count()',
          topEvents: unique.length,
          orderby: '-count()',
          excludeOther: 1,
          interval: '1h',
          start: q.start,
          end: q.end,
          query: `issue.id:[${unique.join(',')}]`,
          project: q.projects?.length ? q.projects : [-1],
          dataset: 'errors',
        },
      });
      const out: Record<string, [number, number][]> = {};
      if ('data' in data && Array.isArray(data.data)) return out; // no issue had an event: one plain, empty series
      for (const [key, series] of Object.entries(data as Record<string, s.EventsStatsSeries>)) {
        if (unique.includes(key)) out[key] = series.data.map(([t, c]) => [t, c.reduce((a, x) => a + x.count, 0)]);
      }
      return out;
    },

    /** Some of an issue's tag keys, each with its totals and top values, in one request (GroupTagsEndpoint, `key=`). */
    issueTags: async (slug: string, issueId: string, keys: readonly string[], call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'getTagValues',
          path: `${org(slug)}/issues/${encodeURIComponent(issueId)}/tags/`,
          query: { key: keys },
          schema: z.array(s.tagDetails),
          signal: call.signal,
        })
      ).data,

    /** Every value of one of an issue's tags with its event count, most first (GET …/tags/{key}/values/). */
    listTagValues: async (slug: string, issueId: string, key: string, call: CallOptions = {}) =>
      (
        await request({
          endpoint: 'getTagValueList',
          path: `${org(slug)}/issues/${encodeURIComponent(issueId)}/tags/${encodeURIComponent(key)}/values/`,
          query: { sort: '-count', per_page: 100 },
          schema: z.array(s.tagValue),
          signal: call.signal,
        })
      ).data,

    /** An issue's events and distinct users per country (`geo.country_code`) from Discover, in a window. */
    async countriesOfIssue(
      slug: string,
      shortId: string,
      q: { statsPeriod: string; projects?: readonly string[] },
      call: CallOptions = {},
    ): Promise<Record<string, unknown>[]> {
      const { data } = await request({
        endpoint: 'countriesOfIssue',
        path: `${org(slug)}/events/`,
        signal: call.signal,
        schema: s.discoverTable,
        query: {
          field: ['geo.country_code', 'count_unique(user)', 'count()'],
          query: `issue:${shortId}`,
          statsPeriod: q.statsPeriod,
          project: q.projects?.length ? q.projects : [-1],
          sort: '-count()',
          per_page: 100,
          dataset: 'errors',
        },
      });
      return data.data;
    },

    /** Distinct users of a project's errors in a window and environments, via Discover (the same `user` column as an
     *  issue's userCount, so the two divide into a share of at most 1). */
    async countUsers(
      slug: string,
      projectId: string | number,
      f: Pick<PageFilters, 'window' | 'environments'>,
      call: CallOptions = {},
    ): Promise<number> {
      const { data } = await request({
        endpoint: 'countUsers',
        path: `${org(slug)}/events/`,
        query: {
          field: 'count_unique(user)',
          project: projectId,
          ...f.window,
          environment: f.environments,
          dataset: 'errors',
        },
        schema: s.discoverTable,
        ...call,
      });
      const n = Number(data.data[0]?.['count_unique(user)'] ?? 0);
      return Number.isFinite(n) ? n : 0;
    },
  };
}

export type SentryClient = ReturnType<typeof createSentryClient>;
