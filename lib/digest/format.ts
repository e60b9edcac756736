// The digest as text to paste: Markdown (GitHub, a ticket) and Slack's mrkdwn (bold with *, links as <url|text>).
// Titles are event data: in Slack, <, > and & are escaped so a title cannot make a link or a mention.
import type { Digest, DigestIssue } from './build';
import type { CheckedNarrative } from './narrative';

const n = (v: number | null) => (v === null ? '?' : v.toLocaleString('en-US'));
const mdEscape = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\s+/g, ' ');
const slackEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ');

function period(d: Digest): string {
  return d.hours % 24 === 0 && d.hours >= 48 ? `${d.hours / 24} days` : `${d.hours} hours`;
}

export function digestMarkdown(d: Digest, narrative?: CheckedNarrative | null): string {
  const item = (i: DigestIssue) =>
    `- ${i.permalink ? `[${i.shortId}](${i.permalink})` : i.shortId} ${mdEscape(i.title.slice(0, 140))} — ${n(i.events)} events, ${n(i.users)} users, P${i.priority}`;
  const out = [
    `# On-call digest: the last ${period(d)}`,
    '',
    `${n(d.totals.issues)} issues, ${n(d.totals.events)} events, ${n(d.totals.users)} users (summed per issue), ${d.from} – ${d.to}.`,
    '',
  ];
  if (narrative?.statements.length)
    out.push('## Summary', '', ...narrative.statements.map((s) => `- ${mdEscape(s.text)} (${s.cites.join(', ')})`), '');
  for (const [title, list] of [
    ['Top by priority', d.top],
    ['New', d.newIssues],
    ['Escalating', d.escalating],
    ['Regressed', d.regressed],
  ] as const) {
    out.push(`## ${title}`, '', ...(list.length ? list.map(item) : ['- none']), '');
  }
  out.push(
    '## By project and release',
    '',
    '| project | release | issues | events | users |',
    '| --- | --- | ---: | ---: | ---: |',
  );
  for (const g of d.groups)
    out.push(
      `| ${mdEscape(g.project)} | ${g.release ? mdEscape(g.release) : '—'} | ${g.issues} | ${n(g.events)} | ${n(g.users)} |`,
    );
  return `${out.join('\n')}\n`;
}

export function digestSlack(d: Digest, narrative?: CheckedNarrative | null): string {
  const item = (i: DigestIssue) =>
    `• ${i.permalink ? `<${i.permalink}|${i.shortId}>` : i.shortId} ${slackEscape(i.title.slice(0, 140))} — ${n(i.events)} events, ${n(i.users)} users, P${i.priority}`;
  const out = [
    `*On-call digest: the last ${period(d)}* — ${n(d.totals.issues)} issues, ${n(d.totals.events)} events, ${n(d.totals.users)} users`,
  ];
  if (narrative?.statements.length)
    out.push('', ...narrative.statements.map((s) => `> ${slackEscape(s.text)} (${s.cites.join(', ')})`));
  for (const [title, list] of [
    ['Top by priority', d.top],
    ['New', d.newIssues],
    ['Escalating', d.escalating],
    ['Regressed', d.regressed],
  ] as const) {
    if (list.length) out.push('', `*${title}*`, ...list.slice(0, 5).map(item));
  }
  return `${out.join('\n')}\n`;
}
