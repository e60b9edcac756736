// Reads the parts of a Sentry event the detail panel shows. Tolerant: malformed entries are skipped, not fatal.
import type { Frame, SentryEvent } from '@/lib/sentry/schemas';

export interface ExceptionView {
  type: string;
  value: string;
  frames: Frame[];
}
export interface BreadcrumbView {
  level: string;
  category: string;
  message: string;
  timestamp: string;
  data: Record<string, unknown> | null;
}
export interface RequestView {
  method: string;
  url: string;
  query: string;
  headers: [string, string][];
  data: string;
}

const rec = (x: unknown): Record<string, unknown> | null =>
  x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
const str = (x: unknown): string =>
  typeof x === 'string'
    ? x
    : x === null || x === undefined
      ? ''
      : typeof x === 'object'
        ? JSON.stringify(x)
        : String(x);

function entry(event: SentryEvent, type: string): Record<string, unknown> | null {
  return rec(event.entries.find((e) => e.type === type)?.data);
}

/** Exceptions, innermost last as Sentry sends them; frames newest first (the crash site on top). */
export function exceptions(event: SentryEvent): ExceptionView[] {
  const values = entry(event, 'exception')?.values;
  if (!Array.isArray(values)) return [];
  return values.map((v) => {
    const e = rec(v) ?? {};
    const st = rec(e.stacktrace) ?? rec(e.rawStacktrace);
    const frames = Array.isArray(st?.frames) ? (st!.frames as unknown[]).map((f) => (rec(f) ?? {}) as Frame) : [];
    return { type: str(e.type) || 'Error', value: str(e.value), frames: [...frames].reverse() };
  });
}

export interface FrameGroup {
  inApp: boolean;
  start: number;
  frames: Frame[];
}

/** Consecutive frames grouped by in-app-ness, so runs of library frames can be collapsed as one. */
export function groupFrames(frames: readonly Frame[]): FrameGroup[] {
  const groups: FrameGroup[] = [];
  frames.forEach((f, i) => {
    const inApp = f.inApp === true;
    const last = groups.at(-1);
    if (last && last.inApp === inApp) last.frames.push(f);
    else groups.push({ inApp, start: i, frames: [f] });
  });
  return groups;
}

/** One line of the stack list: a collapsed run of library frames, or one frame (by its index in `frames`). */
export type FrameRow =
  { kind: 'library'; start: number; count: number } | { kind: 'frame'; index: number; inApp: boolean };

/** The stack as list rows: library runs collapse unless opened (by their start) or holding the current frame. */
export function frameRows(groups: readonly FrameGroup[], open: ReadonlySet<number>, current: number): FrameRow[] {
  const rows: FrameRow[] = [];
  for (const g of groups) {
    const holdsCurrent = current >= g.start && current < g.start + g.frames.length;
    if (!g.inApp && !open.has(g.start) && !holdsCurrent)
      rows.push({ kind: 'library', start: g.start, count: g.frames.length });
    else for (let j = 0; j < g.frames.length; j++) rows.push({ kind: 'frame', index: g.start + j, inApp: g.inApp });
  }
  return rows;
}

/** Index of the next (dir 1) or previous (dir -1) in-app frame from `from`, or null. */
export function nextInApp(frames: readonly Frame[], from: number, dir: 1 | -1): number | null {
  for (let i = from + dir; i >= 0 && i < frames.length; i += dir) if (frames[i]!.inApp === true) return i;
  return null;
}

export function breadcrumbs(event: SentryEvent): BreadcrumbView[] {
  const values = entry(event, 'breadcrumbs')?.values;
  if (!Array.isArray(values)) return [];
  return values.map((v) => {
    const b = rec(v) ?? {};
    return {
      level: str(b.level) || 'info',
      category: str(b.category) || str(b.type) || 'default',
      message: str(b.message),
      timestamp: str(b.timestamp),
      data: rec(b.data),
    };
  });
}

export function request(event: SentryEvent): RequestView | null {
  const r = entry(event, 'request');
  if (!r) return null;
  const headers = Array.isArray(r.headers)
    ? (r.headers as unknown[])
        .filter((h): h is [string, string] => Array.isArray(h) && h.length === 2)
        .map(([k, v]) => [str(k), str(v)] as [string, string])
    : [];
  const query = Array.isArray(r.query)
    ? (r.query as unknown[]).map((q) => (Array.isArray(q) ? `${str(q[0])}=${str(q[1])}` : str(q))).join('&')
    : str(r.query);
  return { method: str(r.method), url: str(r.url), query, headers, data: str(r.data) };
}

/** Contexts as flat [name, key, value] rows (browser, os, runtime, trace…). */
export function contextRows(event: SentryEvent): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const [name, ctx] of Object.entries(event.contexts ?? {})) {
    const c = rec(ctx);
    if (!c) continue;
    for (const [k, v] of Object.entries(c)) if (k !== 'type') out.push([name, k, str(v)]);
  }
  return out;
}

export function messageText(event: SentryEvent): string {
  const m = entry(event, 'message');
  return str(m?.formatted) || str(m?.message) || str(event.message);
}
