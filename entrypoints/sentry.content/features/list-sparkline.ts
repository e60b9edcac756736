// Event-frequency sparkline on each issue row, from the stats Sentry's list API returns (24h hourly or 14d daily);
// peaks and the change against the previous window are worked out in the background (lib/scoring/badges.ts).
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../list/row-data';
import { addTicks, renderSparkline, timeFormat } from '@/components/sparkline';
import { markerText, tickX } from '@/lib/trends/markers';
import { trendOf, type TrendReply } from '../list/trend-data';
import { attachTrendCard } from '../list/trend-card';

export const meta = {
  id: 'list-sparkline',
  label: 'Sparklines on the issue list',
  description: 'Events per hour or day, with unusual peaks marked and the change against the previous window.',
  pages: ['issue-list'],
  order: 3,
} satisfies FeatureMeta;

export function init(ctx: FeatureContext) {
  onRowData(ctx, (slot, row, error) => {
    const spark = row?.spark;
    if (!row || !spark?.counts.length) {
      unknownChip(slot, 'Trend', whyNoData(error, 'Sentry sent no stats for this issue in the graph’s period.'));
      return;
    }
    const wrap = document.createElement('span');
    wrap.className = 'spark';
    wrap.tabIndex = 0;
    const points = spark.counts.map((count, i) => ({ t: spark.times[i] ?? 0, count }));
    const svg = renderSparkline(document, points, {
      peaks: spark.peaks,
      bucketSeconds: spark.bucketSeconds,
      label: spark.label,
    });
    wrap.append(svg);
    // Release and deploy ticks when the row's trend comes (issue #18), and the larger view on hover.
    let trend: TrendReply | null = null;
    if (row.id !== '0') {
      void trendOf(ctx, row.id).then((t) => {
        trend = t;
        wrap.dataset.trend = t.trend ? 'in' : 'none'; // for a test or a curious user: the trend came
        if (ctx.signal.aborted || !t.trend?.marks.length) return;
        addTicks(
          svg,
          t.trend.marks.map((m) => ({
            x: tickX(m.at, spark.times, spark.bucketSeconds, 96),
            kind: m.kind,
            title: () => markerText(m, (ms) => timeFormat().format(ms)),
          })),
        );
      });
      attachTrendCard(ctx, wrap, row, () => trend);
    }
    const pct = document.createElement('span');
    pct.className = spark.change.tone;
    pct.textContent = spark.change.text;
    pct.title = spark.change.title;
    wrap.append(pct);
    slot.append(wrap);
  });
}
