// Ingest-shape event → API shape, following Sentry's eventtypes/error.py (title, metadata),
// culprit.py, interfaces/*.get_api_context and api/serializers/models/event.py.
import { normalizeIngestEvent } from './ingest.ts';

type Json = any;

// Entry order in the API is by each interface's display score, highest first.
const DISPLAY_SCORE: Record<string, number> = {
  message: 2050,
  exception: 2000,
  stacktrace: 1950,
  threads: 1900,
  csp: 1300,
  breadcrumbs: 1100,
  template: 1100,
  request: 1000,
  debugmeta: 900,
};

/** Converts one ingest event (what an SDK sends) into what `GET .../events/latest/` returns. */
export function ingestEventToApi(ingestEvent: Json, ctx: { projectId: string; groupId: string; now?: number }): Json {
  if (!ingestEvent || typeof ingestEvent !== 'object') throw new Error('ingestEventToApi: event must be an object');
  const now = ctx.now ?? Date.now();
  const ev = normalizeIngestEvent(ingestEvent, now);
  const metadata = eventMetadata(ev);
  const platform = ev.platform;
  const entries: Json[] = [];
  if (ev.logentry?.formatted) entries.push({ type: 'message', data: ev.logentry });
  if (ev.exception?.values?.length) {
    const values = ev.exception.values.map((ex: Json) => ({
      type: ex.type ?? null,
      value: ex.value == null || ex.value === '' ? null : String(ex.value),
      mechanism: ex.mechanism ? pruneEmpty(ex.mechanism) : null,
      threadId: ex.thread_id ?? null,
      module: ex.module ?? null,
      stacktrace: ex.stacktrace ? apiStacktrace(ex.stacktrace) : null,
      rawStacktrace: ex.raw_stacktrace ? apiStacktrace(ex.raw_stacktrace) : null,
    }));
    entries.push({
      type: 'exception',
      data: {
        values,
        excOmitted: ev.exception.exc_omitted ?? null,
        hasSystemFrames: values.some((v: Json) => v.stacktrace?.hasSystemFrames),
      },
    });
  }
  if (ev.stacktrace?.frames?.length) entries.push({ type: 'stacktrace', data: apiStacktrace(ev.stacktrace) });
  if (ev.threads?.values?.length) {
    entries.push({
      type: 'threads',
      data: {
        values: ev.threads.values.map((t: Json) => ({
          id: t.id ?? null,
          name: t.name ?? null,
          crashed: t.crashed ?? false,
          current: t.current ?? false,
          stacktrace: t.stacktrace ? apiStacktrace(t.stacktrace) : null,
        })),
      },
    });
  }
  if (ev.breadcrumbs?.values?.length) entries.push({ type: 'breadcrumbs', data: { values: ev.breadcrumbs.values } });
  if (ev.request) {
    const r = ev.request;
    entries.push({
      type: 'request',
      data: {
        apiTarget: r.api_target,
        method: r.method,
        url: r.url,
        query: r.query,
        fragment: r.fragment,
        data: r.data,
        headers: [...r.headers].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
        cookies: r.cookies,
        env: r.env,
        inferredContentType: r.inferred_content_type,
      },
    });
  }
  entries.sort((a, b) => (DISPLAY_SCORE[b.type] ?? 0) - (DISPLAY_SCORE[a.type] ?? 0));

  const api: Json = {
    id: ev.event_id,
    groupID: ctx.groupId,
    eventID: ev.event_id,
    projectID: ctx.projectId,
    size: Buffer.byteLength(JSON.stringify(ingestEvent)),
    entries,
    dist: ev.dist ?? null,
    message: ev.logentry?.formatted ?? '',
    title: eventTitle(metadata),
    location: metadata.filename ?? null,
    user: ev.user ? apiUser(ev.user) : null,
    contexts: ev.contexts ?? {},
    sdk: ev.sdk ? { name: ev.sdk.name ?? null, version: ev.sdk.version ?? null } : null,
    context: ev.extra ?? {},
    packages: ev.modules ?? {},
    type: ev.type,
    metadata,
    tags: derivedTags(ev).map(([key, value]) => ({ key, value })),
    platform,
    dateReceived: isoTime(ev.received),
    errors: (ev.errors ?? []).map((e: Json) => ({ type: e.type, message: e.message ?? e.type, data: e.data ?? {} })),
    occurrence: null,
    _meta: ev._meta ?? {
      entries: {},
      message: null,
      user: null,
      contexts: null,
      sdk: null,
      context: null,
      packages: null,
      tags: {},
    },
    crashFile: null,
    culprit: eventCulprit(ev),
    dateCreated: isoTime(ev.timestamp),
    fingerprints: [],
    groupingConfig: { enhancements: 'world', id: 'newstyle:2023-01-11' },
    release: ev.release
      ? {
          version: String(ev.release),
          shortVersion: String(ev.release),
          dateCreated: isoTime(ev.timestamp),
          dateReleased: null,
          url: null,
          ref: null,
          data: {},
          commitCount: 0,
          deployCount: 0,
          lastDeploy: null,
          lastCommit: null,
        }
      : null,
    userReport: null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: null,
    previousEventID: null,
  };
  api.fingerprints = [fingerprintHash(groupingKey(api))];
  return api;
}

function apiStacktrace(st: Json): Json {
  const frames = (st.frames ?? []).map((f: Json) => ({
    filename: f.filename ?? null,
    absPath: f.abs_path ?? null,
    module: f.module ?? null,
    package: f.package ?? null,
    platform: f.platform ?? null,
    instructionAddr: f.instruction_addr ?? null,
    symbolAddr: f.symbol_addr ?? null,
    function: f.function ?? null,
    rawFunction: f.raw_function ?? null,
    symbol: f.symbol ?? null,
    context: frameContext(f),
    lineNo: f.lineno ?? null,
    colNo: f.colno ?? null,
    inApp: f.in_app ?? null,
    trust: f.trust ?? null,
    errors: f.errors ?? null,
    lock: f.lock ?? null,
    sourceLink: f.source_link ?? null,
    vars: f.vars ?? null,
  }));
  return {
    frames,
    framesOmitted: st.frames_omitted ?? null,
    registers: st.registers ?? null,
    hasSystemFrames: frames.some((f: Json) => f.inApp),
  };
}

/** stacktrace.get_context: pre_context/context_line/post_context → [[lineNo, code], …]. */
function frameContext(f: Json): [number, string][] {
  if (f.lineno == null || (f.context_line == null && !f.pre_context?.length && !f.post_context?.length)) return [];
  const pre: string[] = f.pre_context ?? [];
  let at = Number(f.lineno) - pre.length;
  const out: [number, string][] = [];
  for (const line of [...pre, f.context_line ?? '', ...(f.post_context ?? [])]) out.push([at++, line ?? '']);
  return out;
}

function apiUser(u: Json): Json {
  return {
    id: u.id == null ? null : String(u.id),
    email: u.email ?? null,
    username: u.username ?? null,
    ip_address: u.ip_address ?? null,
    name: u.name ?? null,
    geo: u.geo ?? null,
    data: u.data ?? null,
  };
}

/** The tags Sentry shows: the event's own plus the ones it derives (level, release, user, url, mechanism, contexts). */
function derivedTags(ev: Json): [string, string][] {
  const tags = new Map<string, string>();
  for (const [k, v] of ev.tags as [string, string][]) tags.set(k.replace(/^sentry:/, ''), v);
  const set = (k: string, v: unknown) => {
    if (v != null && v !== '' && !tags.has(k)) tags.set(k, String(v));
  };
  set('level', ev.level);
  set('environment', ev.environment);
  set('release', ev.release);
  set('dist', ev.dist);
  set('server_name', ev.server_name);
  set('transaction', ev.transaction);
  if (ev.request?.url) set('url', ev.request.url);
  const u = ev.user;
  if (u)
    set(
      'user',
      u.id != null
        ? `id:${u.id}`
        : u.email
          ? `email:${u.email}`
          : u.username
            ? `username:${u.username}`
            : u.ip_address
              ? `ip:${u.ip_address}`
              : null,
    );
  const mech = ev.exception?.values?.at(-1)?.mechanism;
  if (mech) {
    set('mechanism', mech.type);
    if (mech.handled != null) set('handled', mech.handled ? 'yes' : 'no');
  }
  const c = ev.contexts ?? {};
  if (c.runtime?.name) {
    set('runtime', [c.runtime.name, c.runtime.version].filter(Boolean).join(' '));
    set('runtime.name', c.runtime.name);
  }
  if (c.os?.name) {
    set('os', [c.os.name, c.os.version].filter(Boolean).join(' ').trim());
    set('os.name', c.os.name);
  }
  if (c.browser?.name) {
    set('browser', [c.browser.name, c.browser.version].filter(Boolean).join(' '));
    set('browser.name', c.browser.name);
  }
  if (c.device?.family) set('device', c.device.family);
  return [...tags].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** get_crash_frame_from_event_data: newest in-app frame with a function, else the newest such frame. */
function crashFrame(ev: Json): Json | undefined {
  const frames: Json[] = ev.exception?.values?.at(-1)?.stacktrace?.frames ?? ev.stacktrace?.frames ?? [];
  let fallback: Json;
  for (const f of [...frames].reverse()) {
    if (!f || f.function == null || f.function === '<redacted>' || f.function === '<unknown>') continue;
    if (f.in_app) return f;
    fallback ??= f;
  }
  return fallback;
}

/** ErrorEvent.get_metadata / DefaultEvent.extract_metadata. Accepts an ingest event (normalised or not). */
export function eventMetadata(ingestOrNormalized: Json): Json {
  const ev = normalizeIngestEvent(ingestOrNormalized);
  const exception = ev.exception?.values?.at(-1);
  if (!exception) {
    const msg = String(ev.logentry?.formatted ?? ev.logentry?.message ?? '').trim();
    return { title: msg ? truncate(msg.split('\n')[0]!, 100) : '<unlabeled event>' };
  }
  const rv: Json = { value: truncate(String(exception.value ?? ''), 1024) };
  // A synthetic exception (captureMessage with a stack) has no meaningful type.
  if (!exception.mechanism?.synthetic) rv.type = truncate(String(exception.type ?? 'Error'), 128);
  const frame = crashFrame(ev);
  if (frame) {
    if (frame.filename || frame.abs_path) rv.filename = frame.filename || frame.abs_path;
    if (frame.function) rv.function = frame.function;
  }
  const frames: Json[] = (ev.exception.values as Json[]).flatMap((v) => v.stacktrace?.frames ?? []);
  if (frames.length) {
    const inApp = frames.filter((f) => f.in_app).length;
    rv.in_app_frame_mix = inApp === frames.length ? 'in-app-only' : inApp === 0 ? 'system-only' : 'mixed';
  }
  return rv;
}

/** ErrorEvent.get_title: "TypeError: x is undefined"; the function for synthetic exceptions. */
export function eventTitle(metadata: Json): string {
  if (metadata.title) return metadata.title;
  if (metadata.type == null) return metadata.function || '<unknown>';
  if (!metadata.value) return metadata.type;
  return `${metadata.type}: ${truncate(String(metadata.value).split('\n')[0]!, 100)}`;
}

/** culprit.generate_culprit: the newest in-app frame as "fn(module)" (JS) or "module in fn", else the URL. */
export function eventCulprit(ingestOrNormalized: Json): string {
  const ev = normalizeIngestEvent(ingestOrNormalized);
  // event_manager.get_culprit: the SDK's culprit, then the transaction, then one derived from the stack.
  if (ev.culprit || ev.transaction) return truncate(String(ev.culprit || ev.transaction), 200);
  const exceptions: Json[] = ev.exception?.values ?? [];
  if (exceptions.at(-1)?.mechanism?.synthetic) return '';
  const stacks: Json[] = exceptions.length
    ? exceptions.map((e) => e.stacktrace).filter((s) => s?.frames?.length)
    : ev.stacktrace?.frames?.length
      ? [ev.stacktrace]
      : [];
  let culprit = '';
  const last = stacks.at(-1);
  if (last) {
    let fallback: string | undefined;
    for (const f of [...last.frames].reverse()) {
      if (!f) continue;
      const c = frameCulprit(f, ev.platform);
      if (f.in_app && c) {
        culprit = c;
        break;
      }
      if (!f.in_app) fallback ??= c;
    }
    culprit ||= fallback ?? '';
  }
  if (!culprit && ev.request?.url) culprit = ev.request.url;
  return truncate(culprit, 200);
}

function frameCulprit(f: Json, eventPlatform: string): string {
  const platform = f.platform || eventPlatform;
  if (['objc', 'cocoa', 'native'].includes(platform)) return f.function || '?';
  const loc = f.module || f.filename;
  if (!loc) return '';
  if (platform === 'javascript' || platform === 'node') return `${f.function || '?'}(${loc})`;
  return `${loc} in ${f.function || '?'}`;
}

/** Which issue an API event belongs to: exception type + newest in-app frame, or the message. */
export function groupingKey(apiEvent: Json): string {
  const exc = apiEvent.entries?.find((e: Json) => e.type === 'exception')?.data?.values?.at(-1);
  const message = apiEvent.entries?.find((e: Json) => e.type === 'message')?.data?.formatted ?? apiEvent.message ?? '';
  if (exc && !exc.mechanism?.synthetic) {
    const frames: Json[] = exc.stacktrace?.frames ?? [];
    const top = [...frames].reverse().find((f) => f.inApp) ?? frames.at(-1);
    const where = top ? `${top.function ?? '?'}@${top.module ?? top.filename ?? '?'}` : String(exc.value ?? '');
    return `exception:${exc.type ?? 'Error'}:${where}`;
  }
  // Numbers and ids in messages vary per occurrence; Sentry's parameterisation groups them together.
  const text = String(message || apiEvent.title || '')
    .replace(/\b[0-9a-f]{8,}\b/gi, '<hex>')
    .replace(/\d+/g, '<int>');
  return `message:${text}`;
}

function fingerprintHash(key: string): string {
  // Stable 32-hex digest for the `fingerprints` field (FNV-1a ×4, not cryptographic; only needs to be stable).
  let out = '';
  for (let seed = 0; seed < 4; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

function pruneEmpty(obj: Json): Json {
  return Object.fromEntries(
    Object.entries(obj).filter(
      ([, v]) => v != null && !(typeof v === 'object' && Object.keys(v as object).length === 0),
    ),
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);
const isoTime = (seconds: number) => new Date(Math.round(seconds * 1000)).toISOString();
