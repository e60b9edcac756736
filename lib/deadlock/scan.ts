// Finds the pieces of deadlock reports in any text: headers ("deadlock detected", 40P01, driver class
// names), wait lines, "Process N:" query lines and message labels (DETAIL:, CONTEXT:, Where:, …).
// Every pattern is a single pass with bounded repetition, so a scan stays linear in the text's length.
import { argumentsOf, compileFormat, type CompiledFormat } from './format';
import { SERVER_MESSAGES } from './messages';

export type LabelKind = 'detail' | 'hint' | 'context' | 'statement' | 'query' | 'severity' | 'other';

export type ScanEvent = { pos: number; end: number } & (
  | { type: 'header'; phrase: boolean; language: string | null }
  | { type: 'detected'; pid: number }
  | { type: 'edge'; language: string; waiterPid: number; lockMode: string; target: string; blockerPid: number }
  | { type: 'edgeStart' }
  | { type: 'query'; pid: number }
  | { type: 'label'; kind: LabelKind }
  | { type: 'blank' }
);

interface LanguagePatterns {
  language: string;
  marker: string;
  phrase: RegExp | null;
  edge: CompiledFormat;
  edgeRegex: RegExp;
  edgeStart: RegExp;
  query: RegExp | null;
  detected: CompiledFormat | null;
  detectedRegex: RegExp | null;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternsFor(language: string): LanguagePatterns | null {
  const m = SERVER_MESSAGES[language];
  if (!m?.edge) return null;
  // The trailing period may be lost to truncation; the target never holds ';' (its formats have none).
  const edge = compileFormat(m.edge.replace(/\.$/, ''), { 1: '[A-Za-z]{2,40}', 2: '[^;]{1,300}?' });
  const firstConversion = m.edge.search(/%/);
  const afterFirst = m.edge.slice(firstConversion).replace(/^%(?:\d+\$)?d/, '');
  const startFormat = m.edge.slice(0, firstConversion) + '%d' + (afterFirst.match(/^[^%]*/)?.[0] ?? '');
  const words = m.edge
    .replace(/%(?:\d+\$)?\w/g, ' ')
    .split(/[\s(),.;:]+/)
    .filter((w) => w.length >= 2);
  // "process %d detected deadlock while waiting for …": only the part before the lock is needed.
  const detectedText = m.detectedWhileWaiting?.slice(0, Math.max(0, m.detectedWhileWaiting.search(/%(?:\d\$)?s/)));
  const detected = detectedText ? compileFormat(detectedText.trimEnd()) : null;
  const queryPrefix = m.query?.replace(/\s*%s\s*$/, '');
  return {
    language,
    marker: (words[0] ?? m.edge).toLowerCase(),
    phrase: m.deadlock ? new RegExp(escape(m.deadlock).replace(/\s+/g, '\\s+'), 'giu') : null,
    edge,
    edgeRegex: new RegExp(edge.source, 'giu'),
    edgeStart: new RegExp(compileFormat(startFormat.trimEnd()).source, 'giu'),
    query: queryPrefix ? new RegExp(compileFormat(queryPrefix).source, 'giu') : null,
    detected,
    detectedRegex: detected ? new RegExp(detected.source, 'giu') : null,
  };
}

export const LANGUAGES: LanguagePatterns[] = Object.keys(SERVER_MESSAGES)
  .map(patternsFor)
  .filter((p): p is LanguagePatterns => p !== null);

const LABEL_KIND: Record<string, LabelKind> = {};
for (const m of Object.values(SERVER_MESSAGES)) {
  const add = (word: string | undefined, kind: LabelKind): void => {
    if (word) LABEL_KIND[word.toLowerCase()] ??= kind;
  };
  add(m.label_DETAIL, 'detail');
  add(m.label_HINT, 'hint');
  add(m.label_CONTEXT, 'context');
  add(m.label_STATEMENT, 'statement');
  add(m.label_QUERY, 'query');
  for (const s of [m.label_ERROR, m.label_LOG, m.label_FATAL, m.label_WARNING]) add(s, 'severity');
}
// Driver spellings: pgjdbc ("Detail:", "Hint:", "Where:"), Postgrex ("detail:", "hint:"), libpq's LOCATION.
Object.assign(LABEL_KIND, {
  where: 'context',
  position: 'other',
  location: 'other',
  routine: 'other',
  panic: 'severity',
});

const LABEL_MAX = Math.max(...Object.keys(LABEL_KIND).map((k) => k.length));
const WORD = /[\p{L}\p{N}_]/u;

/** Labels end in a colon, so look back from each colon: one bounded step per colon keeps this linear. */
function collectLabels(text: string, out: ScanEvent[]): void {
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const after = text[colon + 1];
    if (after !== undefined && !/\s/.test(after)) continue;
    let end = colon;
    while (end > 0 && colon - end < 3 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    for (let k = end - 1; k >= 0 && end - k <= LABEL_MAX; k--) {
      const ch = text[k] ?? '';
      if (ch !== ' ' && !WORD.test(ch)) break;
      if (k > 0 && WORD.test(text[k - 1] ?? '')) continue;
      const kind = LABEL_KIND[text.slice(k, end).toLowerCase()];
      if (kind) {
        out.push({ pos: k, end: colon + 1, type: 'label', kind });
        break;
      }
    }
  }
}

// Drivers name the error class or SQLSTATE without the phrase: pgx "(SQLSTATE 40P01)", psycopg's
// DeadlockDetected, Rails' PG::TRDeadlockDetected / ActiveRecord::Deadlocked, Postgrex's deadlock_detected.
const HEADER_MARKERS = /\b40P01\b|DeadlockDetected|deadlock_detected|ActiveRecord::Deadlocked/gu;

function collect(
  regex: RegExp,
  text: string,
  onMatch: (m: RegExpExecArray) => ScanEvent | null,
  out: ScanEvent[],
): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    const event = onMatch(m);
    if (event) out.push(event);
  }
}

/** Languages whose wording occurs in the text; English is always tried. */
export function candidateLanguages(text: string): LanguagePatterns[] {
  const lower = text.toLowerCase();
  return LANGUAGES.filter(
    (p) =>
      p.language === 'en' ||
      lower.includes(p.marker) ||
      lower.includes((SERVER_MESSAGES[p.language]?.deadlock ?? '\u0000').toLowerCase()),
  );
}

export function scan(text: string): ScanEvent[] {
  const events: ScanEvent[] = [];
  const span = (m: RegExpExecArray): { pos: number; end: number } => ({ pos: m.index, end: m.index + m[0].length });
  for (const p of candidateLanguages(text)) {
    if (p.phrase)
      collect(p.phrase, text, (m) => ({ ...span(m), type: 'header', phrase: true, language: p.language }), events);
    collect(
      p.edgeRegex,
      text,
      (m) => {
        const [waiter, mode, target, blocker] = argumentsOf(p.edge, m);
        return {
          ...span(m),
          type: 'edge',
          language: p.language,
          waiterPid: Number(waiter),
          lockMode: mode ?? '',
          target: target ?? '',
          blockerPid: Number(blocker),
        };
      },
      events,
    );
    collect(p.edgeStart, text, (m) => ({ ...span(m), type: 'edgeStart' }), events);
    if (p.query) collect(p.query, text, (m) => ({ ...span(m), type: 'query', pid: Number(m[1]) }), events);
    const detected = p.detected;
    if (detected && p.detectedRegex) {
      collect(
        p.detectedRegex,
        text,
        (m) => ({ ...span(m), type: 'detected', pid: Number(argumentsOf(detected, m)[0]) }),
        events,
      );
    }
  }
  collect(HEADER_MARKERS, text, (m) => ({ ...span(m), type: 'header', phrase: false, language: null }), events);
  collectLabels(text, events);
  collect(/\n[ \t]*\n/g, text, (m) => ({ ...span(m), type: 'blank' }), events);
  return events.sort((a, b) => a.pos - b.pos || b.end - a.end);
}
