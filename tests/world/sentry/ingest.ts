// What Sentry does between an SDK's envelope and `GET .../events/latest/`: parse the envelope, apply
// Relay's normalisation (legacy aliases, frame paths, request, breadcrumbs) and serialise the event
// the way src/sentry/api/serializers/models/event.py and src/sentry/interfaces/* do.
import { gunzipSync } from 'node:zlib';

type Json = any;

export interface Envelope {
  header: Json;
  items: { header: Json; payload: Json }[];
}

/** Parses a Sentry envelope (gzip'd or not). Binary items (attachments) stay Buffers. */
export function parseEnvelope(body: Buffer | string): Envelope {
  let buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf); // @sentry/node gzips bodies over 32 KiB
  let pos = 0;
  const readLine = (): Buffer => {
    const end = buf.indexOf(0x0a, pos);
    const line = buf.subarray(pos, end === -1 ? buf.length : end);
    pos = end === -1 ? buf.length : end + 1;
    return line;
  };
  const headerLine = readLine().toString('utf8');
  if (!headerLine.trim()) throw new Error('envelope: empty header line');
  const header = parseJson(headerLine, 'envelope header');
  const items: Envelope['items'] = [];
  while (pos < buf.length) {
    const itemHeaderLine = readLine().toString('utf8');
    if (!itemHeaderLine.trim()) continue; // trailing newline
    const itemHeader = parseJson(itemHeaderLine, 'item header');
    let raw: Buffer;
    if (typeof itemHeader.length === 'number') {
      // `length` counts bytes, not characters, so slice the Buffer, then skip the separating newline.
      if (pos + itemHeader.length > buf.length)
        throw new Error(`envelope: item of ${itemHeader.length} bytes is truncated`);
      raw = buf.subarray(pos, pos + itemHeader.length);
      pos += itemHeader.length;
      if (buf[pos] === 0x0a) pos += 1;
    } else {
      raw = readLine();
    }
    const binary =
      itemHeader.type === 'attachment' || (itemHeader.content_type && !/json/.test(itemHeader.content_type));
    items.push({
      header: itemHeader,
      payload: binary ? Buffer.from(raw) : parseJson(raw.toString('utf8'), `${itemHeader.type} item`),
    });
  }
  return { header, items };
}

function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`envelope: ${what} is not JSON: ${(e as Error).message}`);
  }
}

const LEGACY_ALIASES: Record<string, string> = {
  'sentry.interfaces.Exception': 'exception',
  'sentry.interfaces.Message': 'logentry',
  'sentry.interfaces.Http': 'request',
  'sentry.interfaces.User': 'user',
  'sentry.interfaces.Breadcrumbs': 'breadcrumbs',
  'sentry.interfaces.Stacktrace': 'stacktrace',
  'sentry.interfaces.Threads': 'threads',
  'sentry.interfaces.Contexts': 'contexts',
  'sentry.interfaces.Template': 'template',
  'sentry.interfaces.DebugMeta': 'debug_meta',
};

const normalized = new WeakSet<object>();

/** Relay-style normalisation of an ingest event, still in ingest (snake_case) shape. */
export function normalizeIngestEvent(input: Json, now = Date.now()): Json {
  if (normalized.has(input)) return input;
  const ev: Json = { ...input };
  normalized.add(ev);
  for (const [legacy, key] of Object.entries(LEGACY_ALIASES)) {
    if (legacy in ev) {
      ev[key] ??= ev[legacy];
      delete ev[legacy];
    }
  }
  if (Array.isArray(ev.exception)) ev.exception = { values: ev.exception };
  if (typeof ev.message === 'string' || ev.message?.message) {
    const m = typeof ev.message === 'string' ? { formatted: ev.message } : ev.message;
    ev.logentry ??= m;
    delete ev.message;
  }
  if (ev.logentry) {
    const le = ev.logentry;
    ev.logentry = {
      formatted: le.formatted ?? le.message ?? null,
      message: le.formatted && le.message !== le.formatted ? (le.message ?? null) : null,
      params: le.params ?? null,
    };
  }
  for (const ex of ev.exception?.values ?? []) {
    if (ex.stacktrace) ex.stacktrace = normalizeStacktrace(ex.stacktrace);
    if (ex.raw_stacktrace) ex.raw_stacktrace = normalizeStacktrace(ex.raw_stacktrace);
  }
  if (ev.stacktrace) ev.stacktrace = normalizeStacktrace(ev.stacktrace);
  ev.event_id = String(ev.event_id ?? randomHex())
    .replace(/-/g, '')
    .toLowerCase();
  ev.timestamp = toSeconds(ev.timestamp) ?? now / 1000;
  ev.received = toSeconds(ev.received) ?? now / 1000;
  ev.type ??= ev.exception?.values?.length ? 'error' : 'default';
  ev.level ??= 'error';
  ev.platform ??= 'other';
  ev.tags = tagPairs(ev.tags);
  const crumbs = Array.isArray(ev.breadcrumbs) ? ev.breadcrumbs : ev.breadcrumbs?.values;
  ev.breadcrumbs = crumbs ? { values: crumbs.map(normalizeCrumb) } : undefined;
  if (ev.request) ev.request = normalizeRequest(ev.request);
  if (ev.contexts) ev.contexts = normalizeContexts(ev.contexts);
  return ev;
}

function normalizeStacktrace(st: Json): Json {
  return {
    ...st,
    frames: (st.frames ?? []).map((f: Json) => {
      const frame = { ...(f ?? {}) };
      if (frame.function === '?') frame.function = null;
      // Relay: abs_path defaults to filename; filename defaults to abs_path (the URL's path for URLs).
      frame.abs_path ??= frame.filename ?? null;
      if (!frame.filename && frame.abs_path) {
        frame.filename = frame.abs_path;
        if (/^https?:/.test(frame.abs_path)) {
          try {
            const p = new URL(frame.abs_path).pathname;
            if (p && p !== '/') frame.filename = p;
          } catch {
            /* keep abs_path */
          }
        }
      }
      return frame;
    }),
  };
}

function normalizeCrumb(c: Json): Json {
  return {
    type: c.type ?? 'default',
    category: c.category ?? null,
    level: c.level ?? 'info',
    message: c.message ?? null,
    data: c.data ?? null,
    event_id: c.event_id ?? null,
    timestamp: isoTime(toSeconds(c.timestamp) ?? Date.now() / 1000),
  };
}

const KNOWN_CONTEXT_TYPES = new Set([
  'device',
  'os',
  'runtime',
  'app',
  'browser',
  'gpu',
  'trace',
  'profile',
  'replay',
  'response',
  'otel',
  'cloud_resource',
  'culture',
  'state',
  'flags',
]);

function normalizeContexts(contexts: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(contexts ?? {})) {
    if (!value || typeof value !== 'object') continue;
    const v = value as Json;
    // Relay keeps `type`; a context with a custom name and no type is a "default" context.
    out[key] = { ...v, type: v.type ?? (KNOWN_CONTEXT_TYPES.has(key) ? key : 'default') };
  }
  return out;
}

function normalizeRequest(req: Json): Json {
  let url: string | null = req.url ?? null;
  let query = req.query_string ?? null;
  let fragment = req.fragment ?? null;
  if (url) {
    const hash = url.indexOf('#');
    if (hash !== -1) {
      fragment ??= url.slice(hash + 1);
      url = url.slice(0, hash);
    }
    const q = url.indexOf('?');
    if (q !== -1) {
      query ??= url.slice(q + 1);
      url = url.slice(0, q);
    }
  }
  const headers = pairs(req.headers).map(([k, v]) => [titleCase(k), v] as [string, string]);
  const cookieHeader = headers.find(([k]) => k === 'Cookie')?.[1];
  const cookies =
    req.cookies != null
      ? pairs(typeof req.cookies === 'string' ? parseCookies(req.cookies) : req.cookies)
      : cookieHeader
        ? pairs(parseCookies(cookieHeader))
        : [];
  const contentType = headers.find(([k]) => k === 'Content-Type')?.[1] ?? '';
  let data = req.data ?? null;
  let inferred: string | null = null;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
      inferred = 'application/json';
    } catch {
      if (/x-www-form-urlencoded/.test(contentType)) {
        data = Object.fromEntries(new URLSearchParams(data));
        inferred = 'application/x-www-form-urlencoded';
      }
    }
  } else if (data && typeof data === 'object') inferred = 'application/json';
  return {
    method: req.method ? String(req.method).toUpperCase() : null,
    url,
    query: typeof query === 'string' ? [...new URLSearchParams(query)] : pairs(query),
    fragment,
    data,
    headers,
    cookies,
    env: req.env ?? null,
    inferred_content_type: inferred,
    api_target: req.api_target ?? null,
  };
}

function parseCookies(header: string): Record<string, string> {
  return Object.fromEntries(
    header
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const eq = p.indexOf('=');
        return eq === -1 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      }),
  );
}

function pairs(value: Json): [string, string][] {
  if (!value) return [];
  if (Array.isArray(value))
    return value
      .filter((p) => Array.isArray(p) && p.length >= 2)
      .map((p) => [String(p[0]), p[1] == null ? p[1] : String(p[1])] as [string, string]);
  if (typeof value === 'object')
    return Object.entries(value).map(
      ([k, v]) => [k, Array.isArray(v) ? v.join(',') : v == null ? (v as null) : String(v)] as [string, string],
    );
  return [];
}

const titleCase = (h: string) =>
  h
    .split('-')
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');

function tagPairs(tags: Json): [string, string][] {
  return pairs(tags).filter(([, v]) => v != null && v !== '');
}

function toSeconds(t: Json): number | undefined {
  if (typeof t === 'number') return t > 1e11 ? t / 1000 : t;
  if (typeof t === 'string') {
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  return undefined;
}

const isoTime = (seconds: number) => new Date(Math.round(seconds * 1000)).toISOString();
const randomHex = () => Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');

export { eventTitle, eventCulprit, eventMetadata, groupingKey, ingestEventToApi } from './ingest-api.ts';
