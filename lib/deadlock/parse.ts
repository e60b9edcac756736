// parseDeadlocks: cuts a text into deadlock reports and reads each one. The text may be a client error
// (ERROR/DETAIL/HINT/CONTEXT), a server log with any log_line_prefix, or a driver's wrapping of either.
import { scan, type ScanEvent } from './scan';
import { normaliseWhitespace, parseTupleContext, splitDbiStatement, tablesIn } from './sql';
import { parseLockTarget } from './targets';
import type { DeadlockReport, TupleContext, WaitEdge } from './types';

const MAX_SPAN = 10_000;

/** Undoes the escaping that loggers and drivers apply: Postgrex and repr() write "\n", syslog "#011". */
export function normaliseInput(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\r\\n|\\n/g, '\n')
    .replace(/\\t|#011/g, '\t')
    .replace(/#012/g, '\n')
    .replace(/\\"/g, '"');
}

interface Segment {
  events: number[];
  hasEdges: boolean;
  hasPhrase: boolean;
  hasDetected: boolean;
  hasHeader: boolean;
}

const newSegment = (): Segment => ({
  events: [],
  hasEdges: false,
  hasPhrase: false,
  hasDetected: false,
  hasHeader: false,
});

function segment(events: ScanEvent[]): Segment[] {
  const segments: Segment[] = [];
  let current = newSegment();
  events.forEach((ev, i) => {
    if (ev.type === 'header' || ev.type === 'detected') {
      // A new report begins after a complete one, or when the same kind of opening line repeats.
      const repeats = ev.type === 'header' ? ev.phrase && current.hasPhrase : current.hasDetected || current.hasHeader;
      if (current.hasEdges || repeats) {
        segments.push(current);
        current = newSegment();
      }
      if (ev.type === 'detected') current.hasDetected = true;
      else {
        current.hasHeader = true;
        current.hasPhrase ||= ev.phrase;
      }
    }
    if (ev.type === 'edge') current.hasEdges = true;
    current.events.push(i);
  });
  segments.push(current);
  const relevant = segments.filter((s) => s.hasEdges || s.hasHeader || s.hasDetected);
  // An error class name or SQLSTATE next to a full report is the same deadlock, not another one.
  return relevant.some((s) => s.hasEdges) ? relevant.filter((s) => s.hasEdges) : relevant;
}

/** The text after an event up to the next event or blank line. */
function spanAfter(text: string, events: ScanEvent[], index: number): string {
  const ev = events[index];
  if (!ev) return '';
  let stop = Math.min(text.length, ev.end + MAX_SPAN);
  for (let j = index + 1; j < events.length; j++) {
    const next = events[j];
    if (next && next.pos >= ev.end) {
      // The next piece's line may begin with a log_line_prefix ("2024-05-01 … [42] app@db HINT:"): stop before it.
      let lineStart = Math.min(next.pos, stop) - 1;
      while (lineStart >= ev.end && text.charCodeAt(lineStart) !== 10) lineStart--;
      stop = Math.min(stop, lineStart >= ev.end ? lineStart : next.pos);
      break;
    }
  }
  return text.slice(ev.end, stop);
}

/** Follows each waiter's first blocker; the graph has one out-edge per node, so this is linear. */
export function findCycles(edges: WaitEdge[]): number[][] {
  const next = new Map<number, number>();
  for (const e of edges) if (!next.has(e.waiterPid)) next.set(e.waiterPid, e.blockerPid);
  const order = new Map<number, number>();
  edges.forEach((e, i) => order.has(e.waiterPid) || order.set(e.waiterPid, i));
  const state = new Map<number, 1 | 2>();
  const cycles: number[][] = [];
  for (const e of edges) {
    const path: number[] = [];
    let node: number | undefined = e.waiterPid;
    while (node !== undefined && !state.has(node)) {
      state.set(node, 1);
      path.push(node);
      node = next.get(node);
    }
    if (node !== undefined && state.get(node) === 1) {
      const cycle = path.slice(path.indexOf(node));
      // Start where the message starts: with the earliest waiter in message order.
      let first = 0;
      cycle.forEach((pid, i) => {
        if ((order.get(pid) ?? Infinity) < (order.get(cycle[first] ?? 0) ?? Infinity)) first = i;
      });
      cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
    }
    for (const pid of path) state.set(pid, 2);
  }
  return cycles;
}

function pickLanguage(events: ScanEvent[]): string {
  const counts = new Map<string, number>();
  for (const ev of events) if (ev.type === 'edge') counts.set(ev.language, (counts.get(ev.language) ?? 0) + 1);
  let best: string | null = null;
  for (const [lang, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = lang;
  if (best) return best;
  const phrases = events.flatMap((ev) => (ev.type === 'header' && ev.language ? [ev.language] : []));
  return phrases.find((l) => l !== 'en') ?? 'en';
}

/** Where a text's last complete piece begins: a wait line starting after it was cut off. */
function lastPiecePos(events: ScanEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i];
    if (ev && ev.type !== 'edgeStart') return ev.pos;
  }
  return -1;
}

function buildReport(text: string, all: ScanEvent[], seg: Segment, tail: number): DeadlockReport {
  const events = seg.events.map((i) => all[i]).filter((ev): ev is ScanEvent => ev !== undefined);
  const language = pickLanguage(events);
  const edges: WaitEdge[] = [];
  const seen = new Set<string>();
  const queries: Record<number, string> = {};
  const context: string[] = [];
  let statement: string | null = null;
  let detectedPid: number | null = null;
  let cutOff = false;
  for (const i of seg.events) {
    const ev = all[i];
    if (!ev) continue;
    if (ev.type === 'edge') {
      const key = `${ev.waiterPid}>${ev.blockerPid}:${ev.lockMode}:${ev.target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const target = parseLockTarget(ev.target, ev.language);
      edges.push({ waiterPid: ev.waiterPid, blockerPid: ev.blockerPid, lockMode: ev.lockMode, target });
    } else if (ev.type === 'edgeStart' && ev.pos > tail) cutOff = true;
    else if (ev.type === 'detected') detectedPid ??= ev.pid;
    else if (ev.type === 'query' && queries[ev.pid] === undefined) {
      const query = normaliseWhitespace(spanAfter(text, all, i));
      if (query) queries[ev.pid] = query;
    } else if (ev.type === 'label' && ev.kind === 'context') {
      for (const raw of spanAfter(text, all, i).split('\n')) {
        const { rest, statement: dbi } = splitDbiStatement(raw.trim());
        statement ??= dbi;
        const line = normaliseWhitespace(rest);
        // Drop what wrappers leave behind, such as the "')" that closes a Python repr().
        if (/[\p{L}\p{N}]/u.test(line)) context.push(line);
      }
    } else if (ev.type === 'label' && ev.kind === 'statement') {
      statement ??= normaliseWhitespace(spanAfter(text, all, i)) || null;
    }
  }
  if (statement === null) {
    // DBI appends its statement to whatever line it ends, context or not.
    for (const i of seg.events) {
      const ev = all[i];
      if (ev?.type !== 'label' || ev.kind !== 'hint') continue;
      statement = splitDbiStatement(spanAfter(text, all, i)).statement;
      if (statement) break;
    }
  }

  let tupleContext: TupleContext | null = null;
  const relations: string[] = [];
  for (const line of context) {
    const found = parseTupleContext(line, language);
    if (found) {
      tupleContext ??= found;
      relations.push(found.relation);
    } else relations.push(...tablesIn(line));
  }
  for (const sql of [...Object.values(queries), statement ?? '']) relations.push(...tablesIn(sql));

  const cycles = findCycles(edges);
  const inCycle = new Set(cycles.flat());
  return {
    victimPid: edges[0]?.waiterPid ?? detectedPid,
    edges,
    cycles,
    queries,
    context,
    tupleContext,
    statement,
    relations: [...new Set(relations.filter(Boolean))],
    language,
    complete: edges.length > 0 && !cutOff && cycles.length > 0 && edges.every((e) => inCycle.has(e.waiterPid)),
  };
}

/** Every deadlock report in the text, in order. Never throws. */
export function parseDeadlocks(input: string): DeadlockReport[] {
  try {
    const text = normaliseInput(input);
    if (!text) return [];
    const events = scan(text);
    const tail = lastPiecePos(events);
    return segment(events).map((seg) => buildReport(text, events, seg, tail));
  } catch {
    // The parser must not take a page down; an unreadable text is "no deadlock".
    return [];
  }
}

/** The first deadlock report in the text, or null when it holds none. */
export function parseDeadlock(input: string): DeadlockReport | null {
  return parseDeadlocks(input)[0] ?? null;
}
