// Finds a deadlock's text in a Sentry event. Some drivers put the whole report in the exception value
// (psycopg, pgjdbc, Rails); node-postgres's message is only "deadlock detected" and its DETAIL/HINT/
// WHERE reach Sentry as error properties (extraErrorDataIntegration puts them into contexts or extra).
import { scan } from './scan';
import { parseDeadlocks } from './parse';
import { analyseDeadlock } from './analyse';
import { deadlockPromptSection } from './prompt';
import type { DeadlockReport } from './types';

interface Found {
  key: string;
  value: string;
}

const MAX_NODES = 5_000;
const MAX_STRING = 200_000;

/** Strings of the parts of an event (API or ingest shape) where error text can live, in that order. */
function candidateStrings(event: Record<string, unknown>): Found[] {
  const found: Found[] = [];
  let nodes = 0;
  const walk = (value: unknown, key: string, depth: number): void => {
    if (++nodes > MAX_NODES || depth > 8 || value == null) return;
    if (typeof value === 'string') {
      if (value.length > 0) found.push({ key, value: value.slice(0, MAX_STRING) });
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key, depth + 1);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        // Stack frames and request bodies hold code, not the error.
        if (k === 'stacktrace' || k === 'frames' || k === 'rawStacktrace' || k === 'breadcrumbs') continue;
        walk(v, k.toLowerCase(), depth + 1);
      }
    }
  };
  const entries = Array.isArray(event.entries) ? (event.entries as { type?: string; data?: unknown }[]) : [];
  walk(
    entries.filter((e) => e.type === 'exception' || e.type === 'message'),
    'entries',
    0,
  );
  walk(event.exception ?? event['sentry.interfaces.Exception'], 'exception', 0);
  walk(event.logentry ?? event['sentry.interfaces.Message'], 'logentry', 0);
  walk(event.message, 'message', 0);
  walk(event.title, 'title', 0);
  walk(event.extra, 'extra', 0);
  walk(event.contexts, 'contexts', 0);
  return found;
}

function has(text: string, type: 'header' | 'edge'): boolean {
  return scan(text).some((ev) => ev.type === type);
}

/** The deadlock text of a Sentry event (with DETAIL/HINT/CONTEXT joined in when they are separate). */
export function findDeadlockText(event: unknown): string | null {
  if (!event || typeof event !== 'object') return null;
  const strings = candidateStrings(event as Record<string, unknown>);
  const withEdges = strings.find((s) => has(s.value, 'edge'));
  const header = strings.find((s) => has(s.value, 'header'));
  if (withEdges && (has(withEdges.value, 'header') || !header)) return withEdges.value;
  if (!header && !withEdges) return null;
  const lines = [header?.value ?? 'deadlock detected'];
  const byKey = (...keys: string[]): string | undefined => strings.find((s) => keys.includes(s.key))?.value;
  const detail = withEdges?.value ?? byKey('detail');
  if (detail) lines.push(`DETAIL:  ${detail}`);
  const hint = byKey('hint');
  if (hint) lines.push(`HINT:  ${hint}`);
  const where = byKey('where', 'context');
  if (where) lines.push(`CONTEXT:  ${where}`);
  return lines.join('\n');
}

type Bag = Record<string, unknown>;
const bag = (x: unknown): Bag => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Bag) : {});
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const text = (x: unknown): string => (typeof x === 'string' ? x : '');

/** All the text of an event where a deadlock report can hide: exception values, message, extra, contexts. */
export function deadlockTextOf(event: unknown): string {
  const e = bag(event);
  const parts: string[] = [];
  const exception = (v: unknown) => parts.push(`${text(bag(v).type)}: ${text(bag(v).value)}`);
  for (const entry of list(e.entries).map(bag)) {
    if (entry.type === 'exception') list(bag(entry.data).values).forEach(exception);
    if (entry.type === 'message') parts.push(text(bag(entry.data).formatted) || text(bag(entry.data).message));
  }
  list(bag(e.exception).values).forEach(exception);
  if (typeof e.message === 'string') parts.push(e.message);
  for (const b of [e.context, e.extra, e.contexts])
    if (b) parts.push(JSON.stringify(b).replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
  return parts.join('\n').slice(0, 1_000_000);
}

/** What an event says about deadlocks (the issue page's deadlock panel reads it). */
export interface EventDeadlocks {
  eventId: string | null;
  /** One report per deadlock in the event, empty when the event is no deadlock. */
  deadlocks: DeadlockReport[];
  /** SQLSTATE 40P01 or "deadlock detected" seen even when no graph could be parsed (e.g. node-postgres, pgx). */
  isDeadlock: boolean;
  hasException: boolean;
}

/** Reads an event's deadlocks. Run it before scrubbing: pids and xids must survive. */
export function eventDeadlocks(event: unknown): EventDeadlocks {
  const found = findDeadlockText(event) ?? deadlockTextOf(event);
  const deadlocks = parseDeadlocks(found);
  const e = bag(event);
  return {
    eventId: text(e.eventID) || text(e.id) || null,
    deadlocks,
    isDeadlock: deadlocks.length > 0 || /40P01|deadlock detected/i.test(found),
    hasException: list(e.entries).some((x) => bag(x).type === 'exception'),
  };
}

/** The deadlock part of an LLM prompt, or undefined when there is no deadlock. */
export function deadlockSection(a: Pick<EventDeadlocks, 'deadlocks' | 'isDeadlock'>): string | undefined {
  if (!a.deadlocks.length)
    return a.isDeadlock
      ? 'PostgreSQL reported a deadlock (SQLSTATE 40P01) but the event carries no DETAIL with the wait graph.'
      : undefined;
  return a.deadlocks.map((d) => deadlockPromptSection(d, analyseDeadlock(d))).join('\n\n');
}
