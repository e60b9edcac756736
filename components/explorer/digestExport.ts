// The digest with the Explorer's exports: CSV of every issue the digest read (with the lists it is in), JSON of the
// whole answer (data, narrative, what was dropped), and the Markdown of lib/digest/format.ts. Pure but `download`.
import type { DigestIssue } from '@/lib/digest/build';
import { digestMarkdown } from '@/lib/digest/format';
import type { DigestAnswer } from '@/lib/messages';
import { csvOf, download, toJson } from './export';

export interface DigestExportRow {
  shortId: string;
  title: string;
  project: string;
  release: string;
  level: string;
  events: number | null;
  users: number | null;
  priority: number;
  isNew: string;
  substatus: string;
  /** Which of the digest's lists name it: "top; new; escalating; regressed". */
  lists: string;
  firstSeen: string;
  lastSeen: string;
  link: string;
}

const COLUMNS: (keyof DigestExportRow)[] = [
  'shortId',
  'title',
  'project',
  'release',
  'level',
  'events',
  'users',
  'priority',
  'isNew',
  'substatus',
  'lists',
  'firstSeen',
  'lastSeen',
  'link',
];

/** Every issue of the digest by priority, each with the lists it appears in. */
export function digestRows({ digest }: DigestAnswer, link: (id: string) => string | null): DigestExportRow[] {
  const lists: [string, DigestIssue[]][] = [
    ['top', digest.top],
    ['new', digest.newIssues],
    ['escalating', digest.escalating],
    ['regressed', digest.regressed],
  ];
  const inLists = (i: DigestIssue) =>
    lists
      .filter(([, l]) => l.some((x) => x.id === i.id))
      .map(([name]) => name)
      .join('; ');
  return Object.values(digest.issues)
    .sort((a, b) => b.priority - a.priority || (b.events ?? 0) - (a.events ?? 0))
    .map((i) => ({
      shortId: i.shortId,
      title: i.title,
      project: i.project,
      release: i.release ?? '',
      level: i.level,
      events: i.events,
      users: i.users,
      priority: i.priority,
      isNew: i.isNew ? 'yes' : 'no',
      substatus: i.substatus ?? '',
      lists: inLists(i),
      firstSeen: i.firstSeen ?? '',
      lastSeen: i.lastSeen ?? '',
      link: link(i.id) ?? '',
    }));
}

export function digestCsv(answer: DigestAnswer, link: (id: string) => string | null): string {
  return csvOf(COLUMNS, digestRows(answer, link));
}

export function exportDigest(
  kind: 'csv' | 'json' | 'md',
  answer: DigestAnswer,
  link: (id: string) => string | null,
): void {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const name = `dexter-digest-${answer.digest.hours}h-${stamp}`;
  if (kind === 'csv') download(`${name}.csv`, digestCsv(answer, link), 'text/csv');
  else if (kind === 'json') download(`${name}.json`, toJson(answer), 'application/json');
  else download(`${name}.md`, digestMarkdown(answer.digest, answer.narrative), 'text/markdown');
}
