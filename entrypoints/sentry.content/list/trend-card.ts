// A row's sparkline, larger, on hover or focus: the row's buckets with its release and deploy ticks and, once the
// pointer stays, the issue's week by the hour with today's escalation forecast as a line and the chips that need the
// issue itself (first seen in, regressed in): one `trends.issue` ask per row, made only on that hover. Shown in the
// top layer (popover), so Sentry's rows neither clip nor cover it.
import type { RowBadges } from '@/lib/scoring/badges';
import type { IssueTrendAnswer } from '@/lib/messages';
import { escalationText } from '@/lib/trends/forecast';
import { markerText, type Marker } from '@/lib/trends/markers';
import { renderTrendView } from '@/components/trend-view';
import { timeFormat } from '@/components/sparkline';
import type { FeatureContext } from '../registry';
import type { TrendReply } from './trend-data';

const DWELL_MS = 300;
const fmt = (ms: number) => timeFormat().format(ms);
const marksOf = (marks: readonly Marker[]) =>
  marks.map((m) => ({ at: m.at, kind: m.kind, short: m.short, text: markerText(m, fmt) }));

export function attachTrendCard(
  ctx: FeatureContext,
  wrap: HTMLElement,
  row: RowBadges,
  trend: () => TrendReply | null,
): void {
  const spark = row.spark!;
  let card: HTMLElement | null = null;
  let week: IssueTrendAnswer | null = null;
  let asked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const content = (): HTMLElement => {
    const t = trend()?.trend ?? null;
    if (week) {
      return renderTrendView(document, {
        series: week.hourly,
        bucketSeconds: 3600,
        forecast: week.escalation.forecast,
        marks: marksOf(week.marks),
        lines: [
          escalationText(week.escalation, week.sentry),
          ...week.chips.map((c) => c.title),
          ...week.marks.map((m) => markerText(m, fmt)),
        ],
        label: 'Events per hour since a week before midnight UTC, with today’s forecast',
      });
    }
    const lines = t
      ? [
          escalationText(t.escalation, t.sentry),
          ...t.chips.map((c) => c.title),
          ...t.marks.map((m) => markerText(m, fmt)),
        ]
      : ['Loading the trend…'];
    return renderTrendView(document, {
      series: spark.times.map((x, i) => [x, spark.counts[i] ?? 0] as const),
      bucketSeconds: spark.bucketSeconds,
      forecast: t?.escalation.forecast ?? null,
      marks: marksOf(t?.marks ?? []),
      lines,
      label: spark.label,
    });
  };
  const place = () => {
    if (!card) return;
    const r = wrap.getBoundingClientRect();
    card.style.left = `${Math.max(4, Math.min(r.left, innerWidth - 320))}px`;
    card.style.top = `${r.bottom + 4}px`;
  };
  const redraw = () => card?.replaceChildren(content());
  const show = () => {
    if (!card) {
      card = document.createElement('div');
      card.className = 'trend-card';
      card.setAttribute('role', 'tooltip');
      if ('popover' in card) card.popover = 'manual';
      wrap.append(card);
    }
    redraw();
    place();
    if (card.popover) card.showPopover();
    else card.hidden = false;
    timer = setTimeout(() => {
      if (asked || !ctx.page.org) return;
      asked = true;
      void ctx
        .send({ type: 'trends.issue', target: { apiBase: ctx.page.apiBase, org: ctx.page.org }, issueId: row.id })
        .then((r) => {
          if (!r.ok || ctx.signal.aborted) return;
          week = r.data;
          redraw();
        });
    }, DWELL_MS);
  };
  const hide = () => {
    clearTimeout(timer);
    if (!card) return;
    if (card.popover) {
      if (card.matches(':popover-open')) card.hidePopover();
    } else card.hidden = true;
  };
  wrap.addEventListener('pointerenter', show, { signal: ctx.signal });
  wrap.addEventListener('focusin', show, { signal: ctx.signal });
  wrap.addEventListener('pointerleave', hide, { signal: ctx.signal });
  wrap.addEventListener('focusout', hide, { signal: ctx.signal });
}
