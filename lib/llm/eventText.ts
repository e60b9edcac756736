// Turns an API-shape Sentry event (GET …/events/{id}/) into small text pieces for the prompt.
// Event data is attacker-influenced: every string is clipped, stripped of control characters and kept from
// closing the <event> block; URLs lose userinfo and query values. Unknown shapes yield fewer pieces, never a throw.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** At most this many of each kept before budgeting, so a 10,000-frame event costs linear, bounded work. */
export const MAX_FRAMES = 60;
export const MAX_BREADCRUMBS = 50;
const MAX_STRING = 1000;
const MAX_CODE_LINE = 200;

/** Makes event text safe to embed: no control characters, no `<event>`/`</event>` look-alikes, bounded length. */
export function cleanText(value: string, max = MAX_STRING): string {
  let s = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/<(\/?)(event|selection)\b/gi, '<$1$2\u200b');
  if (s.length > max) s = `${s.slice(0, max)}… [${s.length - max} more chars]`;
  return s;
}

/** Removes userinfo and query values (keys stay: they say what was asked) and the fragment. */
export function safeUrl(raw: string): string {
  const stripQuery = (q: string) =>
    q
      .split('&')
      .map((kv) => kv.split('=')[0])
      .filter(Boolean)
      .map((k) => `${k}=`)
      .join('&');
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(raw.trim());
  if (!m) return raw;
  const [, scheme = '', , rest = '', query] = m;
  const q = query ? stripQuery(query.slice(1)) : '';
  return `${scheme}${rest}${q ? `?${q}` : ''}`;
}

/** Applies safeUrl to every absolute URL inside free text (messages, tags, breadcrumbs). */
export function stripUrlSecrets(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi, (u) => safeUrl(u));
}

/** Relative URLs with a query ("GET /api/x?token=…") lose the query values too. */
function safeUrlsInPaths(text: string): string {
  return text.replace(/(^|\s)(\/[^\s?#]*\?[^\s#]*)/g, (_m, pre: string, u: string) => pre + safeUrl(u));
}

export interface FrameText {
  inApp: boolean;
  /** "at fn (file:line:col)" */
  line: string;
  /** Source lines around the frame, the frame's own line marked with ">". */
  context: string;
  /** Which exception of the chain it belongs to (0 = the one raised last). */
  exceptionDepth: number;
}

export interface EventParts {
  title?: string;
  exceptions: string[];
  message?: string;
  /** Crash site first. */
  frames: FrameText[];
  omittedFrames: number;
  breadcrumbs: string[];
  omittedBreadcrumbs: number;
  request?: string;
  tags: string[];
  release?: string;
  contexts: string[];
}

function entry(event: Obj, type: string): Obj | undefined {
  const e = arr(event.entries).find((x) => isObj(x) && x.type === type);
  return isObj(e) && isObj(e.data) ? e.data : undefined;
}

function frameText(f: Obj, depth: number): FrameText {
  const fn = str(f.function) ?? str(f.rawFunction) ?? '<anonymous>';
  const file = str(f.filename) ?? str(f.absPath) ?? str(f.module) ?? str(f.package) ?? '?';
  const pos = [str(f.lineNo), str(f.colNo)].filter(Boolean).join(':');
  const line = cleanText(`at ${fn} (${stripUrlSecrets(file)}${pos ? `:${pos}` : ''})`, 400);
  const lineNo = typeof f.lineNo === 'number' ? f.lineNo : undefined;
  const context = arr(f.context)
    .filter((c): c is [number, string] => Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'string')
    .map(([n, code]) => `${n === lineNo ? '>' : ' '} ${String(n).padStart(5)} | ${cleanText(code, MAX_CODE_LINE)}`)
    .join('\n');
  return { inApp: f.inApp === true, line, context, exceptionDepth: depth };
}

function exceptionLine(v: Obj, index: number): string | undefined {
  const type = str(v.type);
  const value = str(v.value);
  if (!type && !value) return undefined;
  const mech = isObj(v.mechanism) ? v.mechanism : undefined;
  const handled = mech?.handled === false ? 'unhandled' : mech?.handled === true ? 'handled' : undefined;
  const notes = [
    handled,
    str(mech?.type) && `mechanism: ${str(mech?.type)}`,
    str(v.module) && `module: ${str(v.module)}`,
  ]
    .filter(Boolean)
    .join(', ');
  const text = `${index === 0 ? '' : 'Caused by: '}${type ?? 'Error'}${value ? `: ${value}` : ''}${notes ? ` (${notes})` : ''}`;
  return cleanText(stripUrlSecrets(text), 2000);
}

function framesOf(stacktrace: unknown): Obj[] {
  return isObj(stacktrace) ? arr(stacktrace.frames).filter(isObj) : [];
}

/** Frames crash-site first; huge stacks keep the frames nearest the crash and the in-app ones. */
function collectFrames(event: Obj, values: Obj[]): { frames: FrameText[]; omitted: number } {
  const all: FrameText[] = [];
  // values[last] is the exception raised last (the one shown as the issue); earlier ones are its causes.
  values.forEach((v, i) => {
    const depth = values.length - 1 - i;
    for (const f of framesOf(v.stacktrace).reverse()) all.push(frameText(f, depth));
  });
  if (all.length === 0) {
    const threads = entry(event, 'threads');
    const crashed =
      arr(threads?.values)
        .filter(isObj)
        .find((t) => t.crashed === true) ?? arr(threads?.values).filter(isObj)[0];
    for (const f of framesOf(crashed?.stacktrace).reverse()) all.push(frameText(f, 0));
  }
  all.sort((a, b) => a.exceptionDepth - b.exceptionDepth); // stable: keeps crash-site-first order per exception
  const inApp = all.filter((f) => f.inApp).slice(0, MAX_FRAMES / 2);
  const lib = all.filter((f) => !f.inApp).slice(0, MAX_FRAMES - inApp.length);
  const kept = new Set([...inApp, ...lib]);
  return { frames: all.filter((f) => kept.has(f)), omitted: all.length - kept.size };
}

function breadcrumbText(b: Obj): string {
  const data = isObj(b.data) ? b.data : undefined;
  let detail = '';
  const message = str(b.message);
  if (data && (str(data.url) || str(data.method)) && !(message && str(data.url) && message.includes(str(data.url)!))) {
    detail = [
      str(data.method),
      str(data.url) && safeUrl(str(data.url)!),
      str(data.status_code) && `→ ${str(data.status_code)}`,
    ]
      .filter(Boolean)
      .join(' ');
  } else if (data) {
    detail = JSON.stringify(data);
  }
  const head = [str(b.timestamp)?.replace(/\.\d+/, ''), str(b.category) ?? str(b.type), str(b.level)]
    .filter(Boolean)
    .join(' ');
  return cleanText(
    stripUrlSecrets(`[${head}] ${[message && safeUrlsInPaths(message), detail].filter(Boolean).join(' ')}`),
    400,
  );
}

function requestText(r: Obj): string | undefined {
  const url = str(r.url);
  if (!url && !str(r.method)) return undefined;
  const keys = arr(r.query)
    .map((q) => (Array.isArray(q) ? str(q[0]) : undefined))
    .filter(Boolean);
  let line = [str(r.method), url ? safeUrl(url) : '(no URL)'].filter(Boolean).join(' ');
  if (keys.length && !line.includes('?')) line += `?${keys.map((k) => `${k}=`).join('&')}`;
  const ct = arr(r.headers).find((h) => Array.isArray(h) && String(h[0]).toLowerCase() === 'content-type');
  // Headers, cookies and body are left out on purpose: they carry credentials far more often than clues.
  return cleanText(`${line}${Array.isArray(ct) ? `\nContent-Type: ${str(ct[1]) ?? ''}` : ''}`, 600);
}

function contextText(name: string, c: unknown): string {
  if (!isObj(c)) return cleanText(`${name}: ${str(c) ?? JSON.stringify(c)}`, 300);
  const fields = Object.entries(c)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return cleanText(stripUrlSecrets(`${name}: ${fields.join(', ')}`), 300);
}

const CONTEXT_ORDER = ['runtime', 'os', 'browser', 'device', 'app'];

export function eventParts(raw: unknown): EventParts {
  const event: Obj = isObj(raw) ? raw : {};
  const exc = entry(event, 'exception');
  const values = arr(exc?.values).filter(isObj);
  const exceptions = [...values]
    .reverse()
    .map(exceptionLine)
    .filter((x): x is string => !!x);
  const msgEntry = entry(event, 'message');
  const message =
    str(msgEntry?.formatted) ??
    str(msgEntry?.message) ??
    str(event.message) ??
    (isObj(event.logentry) ? str(event.logentry.formatted) : undefined);
  const { frames, omitted } = collectFrames(event, values);
  const crumbs = arr(entry(event, 'breadcrumbs')?.values).filter(isObj);
  const lastCrumbs = crumbs.slice(-MAX_BREADCRUMBS);
  const req = entry(event, 'request');
  const tags = arr(event.tags)
    .filter(isObj)
    .map((t) => (str(t.key) ? cleanText(stripUrlSecrets(`${str(t.key)}=${str(t.value) ?? ''}`), 200) : undefined))
    .filter((t): t is string => !!t)
    .slice(0, 50);
  const rel = event.release;
  const release = isObj(rel)
    ? cleanText(
        [
          str(rel.version),
          str(rel.dateReleased) && `released ${str(rel.dateReleased)}`,
          isObj(rel.lastDeploy) && str(rel.lastDeploy.environment) && `deployed to ${str(rel.lastDeploy.environment)}`,
        ]
          .filter(Boolean)
          .join(', '),
        300,
      )
    : str(rel) && cleanText(str(rel)!, 200);
  const ctx = isObj(event.contexts) ? event.contexts : {};
  const ctxNames = Object.keys(ctx).sort((a, b) => rank(a) - rank(b));
  return {
    title: str(event.title) && cleanText(stripUrlSecrets(str(event.title)!), 500),
    exceptions,
    message: message && cleanText(stripUrlSecrets(message), 4000),
    frames,
    omittedFrames: omitted,
    breadcrumbs: lastCrumbs.map(breadcrumbText),
    omittedBreadcrumbs: crumbs.length - lastCrumbs.length,
    request: req ? requestText(req) : undefined,
    tags,
    release: release || undefined,
    contexts: ctxNames.slice(0, 20).map((k) => contextText(k, ctx[k])),
  };
}

function rank(name: string): number {
  const i = CONTEXT_ORDER.indexOf(name);
  return i === -1 ? (name === 'trace' ? 99 : 50) : i;
}
