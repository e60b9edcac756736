// Event-frequency sparkline on each issue row, from the stats Sentry's list API returns (24h hourly or 14d daily);
// peaks and the change against the previous window are worked out in the background (lib/scoring/badges.ts).
import type { FeatureContext, FeatureMeta } from '../registry';
import { onRowData, unknownChip, whyNoData } from '../list/row-data';
import { requestIdle } from '../list/view';
import { renderSparkline, timeFormat } from '@/components/sparkline';

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
    if (!spark?.counts.length) {
      unknownChip(slot, 'Trend', whyNoData(error, 'Sentry sent no stats for this issue in the graph’s period.'));
      return;
    }
    const wrap = document.createElement('span');
    wrap.className = 'spark';
    wrap.tabIndex = 0;
    const points = spark.counts.map((count, i) => ({ t: spark.times[i] ?? 0, count }));
    wrap.append(renderSparkline(document, points, { peaks: spark.peaks, bucketSeconds: spark.bucketSeconds, label: spark.label }));
    const pct = document.createElement('span');
    pct.className = spark.change.tone;
    pct.textContent = spark.change.text;
    pct.title = spark.change.title;
    wrap.append(pct);
    slot.append(wrap);
  });
  // The exact-count tooltips are built on the first hover; their date formatter costs 10–20 ms to make.
  requestIdle(() => ctx.signal.aborted || timeFormat(), { timeout: 5000 });
}
