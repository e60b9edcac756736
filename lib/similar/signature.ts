// An issue's signature: what stays the same across the events of one bug, and what a person compares when they ask
// "is this the same error?" — the exception type, the message with its varying parts normalised, and the top frames
// (module + function), application frames first. Built from an API-shape event (GET …/events/{id}/) or, where no
// event was read, from the issue itself (its metadata and culprit), so the list can take part without a request per
// row. Pure and bounded: a 10,000-frame event costs the same as a 10-frame one.
import { normalizeFunction, normalizeMessage, normalizeModule } from './normalize';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** How many frames a signature keeps: the crash site and its callers, the part that says where. */
export const SIGNATURE_FRAMES = 6;

export interface IssueSignature {
  /** Exception type (the last raised), e.g. "TypeError"; '' when the event has none. */
  type: string;
  /** The message with ids, numbers, paths, hex and quoted values replaced. */
  message: string;
  /** "module.function" of the top frames, crash site first; in-app frames when there are any. */
  frames: string[];
  /** Types of the exceptions that caused it (chained), outermost last. */
  causes: string[];
  platform: string;
}

interface RawFrame {
  function?: string | null;
  module?: string | null;
  filename?: string | null;
  inApp?: boolean | null;
}

function frameKey(f: RawFrame): string | null {
  const fn = normalizeFunction(f.function);
  const mod = normalizeModule(f.module, f.filename);
  if (!fn && !mod) return null;
  return fn ? (mod ? `${mod}.${fn}` : fn) : `${mod}`;
}

const LOW_QUALITY = /^\[?native code\]?$|^<anonymous>$/i;

/** Frames crash-site first; the in-app ones when the stack has any (Sentry's app variant), else all of them. */
export function topFrames(frames: RawFrame[], max = SIGNATURE_FRAMES): string[] {
  const recent = frames.slice(-200).reverse(); // Sentry lists frames oldest first
  const inApp = recent.filter((f) => f.inApp === true);
  const out: string[] = [];
  for (const f of inApp.length ? inApp : recent) {
    if (LOW_QUALITY.test(f.filename ?? '')) continue; // native and anonymous frames differ by browser, not by bug
    const k = frameKey(f);
    if (k && out.at(-1) !== k) out.push(k); // a recursion is one frame
    if (out.length >= max) break;
  }
  return out;
}

function entry(event: Obj, type: string): Obj | undefined {
  const e = arr(event.entries).find((x) => isObj(x) && x.type === type);
  return isObj(e) && isObj(e.data) ? e.data : undefined;
}

const framesOf = (st: unknown): RawFrame[] =>
  isObj(st)
    ? arr(st.frames)
        .filter(isObj)
        .map((f) => ({
          function: str(f.function) ?? str(f.rawFunction),
          module: str(f.module),
          filename: str(f.filename) ?? str(f.absPath),
          inApp: f.inApp === true ? true : f.inApp === false ? false : null,
        }))
    : [];

/** The signature of an API-shape event. */
export function eventSignature(raw: unknown): IssueSignature {
  const event: Obj = isObj(raw) ? raw : {};
  const values = arr(entry(event, 'exception')?.values).filter(isObj);
  const last = values.at(-1);
  let frames = topFrames(framesOf(last?.stacktrace));
  // A chained exception without frames of its own: the frames of the one before it say where.
  if (!frames.length) frames = topFrames(values.flatMap((v) => framesOf(v.stacktrace)));
  if (!frames.length) {
    const threads = arr(entry(event, 'threads')?.values).filter(isObj);
    frames = topFrames(framesOf((threads.find((t) => t.crashed === true) ?? threads[0])?.stacktrace));
  }
  if (!frames.length) frames = topFrames(framesOf(entry(event, 'stacktrace')));
  const msg = entry(event, 'message');
  const message =
    str(last?.value) ?? str(msg?.formatted) ?? str(msg?.message) ?? str(event.message) ?? str(event.title) ?? '';
  return {
    type: (str(last?.type) ?? '').slice(0, 120),
    message: normalizeMessage(message),
    frames,
    causes: values
      .slice(0, -1)
      .map((v) => (str(v.type) ?? '').slice(0, 120))
      .filter(Boolean)
      .slice(-3),
    platform: str(event.platform) ?? '',
  };
}

/** The signature Sentry's issue itself gives (list and detail answers): metadata type/value, and the culprit or the
 *  metadata's function and file as the one frame it names. */
export function issueSignature(issue: {
  title?: string | null;
  culprit?: string | null;
  platform?: string | null;
  metadata?: Record<string, unknown> | null;
}): IssueSignature {
  const md = isObj(issue.metadata) ? issue.metadata : {};
  const type = str(md.type) ?? '';
  const value = str(md.value) ?? (type ? '' : (str(md.title) ?? str(issue.title) ?? ''));
  let frame: string | null = null;
  const fn = str(md.function);
  if (fn) frame = frameKey({ function: fn, module: null, filename: str(md.filename) });
  // Culprits read "module in function" (Python, Java) or "function(file)" (JavaScript).
  const culprit = str(issue.culprit);
  if (!frame && culprit) {
    const py = /^(.+?) in (.+)$/.exec(culprit);
    const js = /^(.+?)\((.+)\)$/.exec(culprit);
    frame = py
      ? frameKey({ module: py[1], function: py[2] })
      : js
        ? frameKey({ function: js[1], filename: js[2] })
        : frameKey({ function: culprit });
  }
  return {
    type: type.slice(0, 120),
    message: normalizeMessage(value),
    frames: frame ? [frame] : [],
    causes: [],
    platform: str(issue.platform) ?? '',
  };
}

/** The signature as one line of text: what an embedding model reads, and what the UI can show. */
export function signatureText(s: IssueSignature): string {
  const head = [s.type, s.message].filter(Boolean).join(': ');
  return [head || '(no message)', ...s.frames.map((f) => `at ${f}`), ...s.causes.map((c) => `caused by ${c}`)].join(
    '\n',
  );
}
