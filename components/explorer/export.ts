// Export of selected issues for a ticket or post-mortem: CSV, JSON and a Markdown report. Pure functions;
// every cell is attacker-controlled event text, so CSV cells are defused and Markdown is escaped.
import Papa from 'papaparse';
import { MISSING } from '@/lib/scoring/format';
import type { IssueRow } from '../triage/rows';
import type { SummaryEntry } from '../triage/summaries';
import { CAUSE_LABELS, type Cause } from '@/lib/summary/causes';

export interface ExportRow {
  id: string;
  shortId: string;
  title: string;
  link: string;
  level: string;
  status: string;
  events: number | null;
  users: number | null;
  priority: number;
  priorityLevel: string;
  impact: string;
  firstSeen: string;
  lastSeen: string;
  /** The model's one-line summary and suspected cause, where the row was summarised ('' otherwise). */
  summary: string;
  cause: string;
}

const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());

export function toExportRow(r: IssueRow, link: (id: string) => string | null, summary?: SummaryEntry): ExportRow {
  const s = summary?.state === 'done' && summary.summary.status === 'ok' ? summary.summary : null;
  return {
    id: r.id,
    shortId: r.issue.shortId ?? '',
    title: r.issue.title ?? '',
    link: link(r.id) ?? '',
    level: r.issue.level ?? '',
    status: r.issue.status ?? '',
    events: r.events,
    users: r.users,
    priority: r.priority.score,
    priorityLevel: r.priority.level,
    impact: r.impact.level ?? '',
    firstSeen: iso(r.firstSeen),
    lastSeen: iso(r.lastSeen),
    summary: s?.summary ?? '',
    cause: s?.cause ?? '',
  };
}

/** A spreadsheet would run a cell starting with = + - @ (or tab/CR) as a formula: prefix it with ' (OWASP). */
export function defuseCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const COLUMNS: (keyof ExportRow)[] = [
  'id',
  'shortId',
  'title',
  'link',
  'level',
  'status',
  'events',
  'users',
  'priority',
  'priorityLevel',
  'impact',
  'firstSeen',
  'lastSeen',
  'summary',
  'cause',
];

/** CSV of `rows` with the given columns: numbers as they are, every other cell defused (event text may be hostile). */
export function csvOf<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return Papa.unparse(
    {
      fields: [...columns],
      data: rows.map((r) => columns.map((c) => (typeof r[c] === 'number' ? String(r[c]) : defuseCell(r[c])))),
    },
    { quotes: true, newline: '\r\n' },
  );
}

export function toCsv(rows: readonly ExportRow[]): string {
  return csvOf(COLUMNS, rows);
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Escapes Markdown syntax and HTML so an issue title renders as the literal text everywhere. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (c) => `\\${c}`);
}

/** Only http(s) links go into the report; anything else is dropped. */
function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href.replace(/[()<> ]/g, encodeURIComponent) : null;
  } catch {
    return null;
  }
}

const num = (n: number | null) => (n === null ? MISSING : n.toLocaleString('en-US'));

export function toMarkdown(rows: readonly ExportRow[], opts: { title?: string; generatedAt?: Date } = {}): string {
  const lines = [
    `# ${escapeMarkdown(opts.title ?? 'Sentry issues')}`,
    '',
    `${rows.length} issue${rows.length === 1 ? '' : 's'}, exported ${(opts.generatedAt ?? new Date()).toISOString()} by Dexter.`,
    '',
  ];
  for (const r of rows) {
    const url = safeUrl(r.link);
    const title = escapeMarkdown(r.title || r.shortId || r.id);
    lines.push(`## ${url ? `[${title}](${url})` : title}`, '');
    lines.push(`- **Issue:** ${escapeMarkdown(r.shortId || r.id)}`);
    lines.push(
      `- **Level:** ${escapeMarkdown(r.level || MISSING)} · **Status:** ${escapeMarkdown(r.status || MISSING)}`,
    );
    lines.push(`- **Events:** ${num(r.events)} · **Users:** ${num(r.users)}`);
    lines.push(`- **Priority:** ${r.priority} (${r.priorityLevel})${r.impact ? ` · **Impact:** ${r.impact}` : ''}`);
    lines.push(`- **First seen:** ${r.firstSeen || MISSING} · **Last seen:** ${r.lastSeen || MISSING}`);
    if (r.summary)
      lines.push(
        `- **Summary:** ${escapeMarkdown(r.summary)}${r.cause ? ` (suspected cause: ${escapeMarkdown(CAUSE_LABELS[r.cause as Cause] ?? r.cause)})` : ''}`,
      );
    lines.push('');
  }
  return lines.join('\n');
}

/** Starts a download of text from an extension page (Blob URL, revoked afterwards). */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
