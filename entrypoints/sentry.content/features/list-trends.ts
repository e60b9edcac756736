// Chips that explain a row's trend (issue #18): "escalating" when this hour's events exceed today's forecast by
// Sentry's own rule (lib/trends/forecast.ts; Sentry's `substatus: escalating` shown beside Dexter's), and "started N
// min after deploy X" when the row's first event or first unusual hour follows a deploy. The data comes with the
// sparkline's ticks (list/trend-data.ts: one ask per batch of rows drawn); a row with nothing to say draws nothing.
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData } from '../list/row-data';
import { trendOf, type TrendReply } from '../list/trend-data';
import { escalationText } from '@/lib/trends/forecast';

export const meta = {
  id: 'list-trends',
  label: 'Escalation and deploys on the issue list',
  description: 'Escalating by Sentry’s forecast rule, and issues that started right after a deploy.',
  pages: ['issue-list'],
  order: 6,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  onRowData(ctx, (slot, row) => {
    if (!row || row.id === '0') return;
    void trendOf(ctx, row.id).then((t) => slot.isConnected && !ctx.signal.aborted && draw(slot, t));
  });
}

function chip(text: string, title: string, className: string): HTMLElement {
  const c = document.createElement('span');
  c.className = `chip ${className}`;
  c.tabIndex = 0;
  c.textContent = text;
  c.title = title;
  c.setAttribute('aria-label', `${text}. ${title}`);
  return c;
}

function draw(slot: HTMLElement, { trend }: TrendReply): void {
  if (!trend) return;
  const chips: HTMLElement[] = [];
  const e = trend.escalation;
  const sentry = trend.sentry === 'escalating';
  if (e.state === 'escalating')
    chips.push(
      chip(sentry ? '⇡ escalating · Sentry too' : '⇡ escalating', escalationText(e, trend.sentry), 'escalating'),
    );
  else if (sentry)
    chips.push(
      chip(
        'Sentry: escalating',
        `${escalationText(e, trend.sentry)} Sentry judged it when it escalated; Dexter judges this hour.`,
        'muted',
      ),
    );
  for (const c of trend.chips) chips.push(chip(c.text, c.title, 'deploy'));
  slot.replaceChildren(...chips);
}
